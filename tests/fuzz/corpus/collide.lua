-- integer keys with one main position in every table (the user-space hash factor)
local F = 0x9e3779b97f4a7c15
local inv = F; for _ = 1, 6 do inv = inv * (2 - F * inv) end
local function key(j) local z = j * inv; return z ~ (z >> 32) end
local t = {}
for j = 1, 40 do print(j, pcall(function() t[key(j)] = j end)) end
for j = 1, 10 do t[key(j)] = nil end
for j = 41, 60 do print(j, pcall(rawset, t, key(j), j), t[key(j - 30)], next(t, key(11))) end
local n = 0; for k, v in pairs(t) do n = n + 1 end; print(n, #t, t[key(99)])
