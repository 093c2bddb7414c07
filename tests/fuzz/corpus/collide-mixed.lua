-- colliding integer keys mixed with array keys, removals, rehashes, next and table functions
local F = 0x9e3779b97f4a7c15
local inv = F; for _ = 1, 6 do inv = inv * (2 - F * inv) end
local function key(j) local z = j * inv; return z ~ (z >> 32) end
local t = {}
for round = 1, 5 do
  for j = 1, 25 do t[key(j + round)] = round; t[j * round] = j end
  for j = 1, 25, 3 do t[key(j)] = nil end
  print(round, pcall(table.insert, t, key(round)), pcall(table.move, t, 1, 30, key(1)), #t)
end
for k, v in pairs(t) do if v == 2 then t[k] = nil end end
print(pcall(table.concat, t), pcall(table.sort, t), pcall(table.unpack, t, key(1), key(1) + 3), next({}, nil))
local s = setmetatable({}, {__index = function(_, k) return key(k) end})
print(s[1] ~= s[2], math.ult(s[1], s[2]), ({[s[1]] = 1, [s[2]] = 2, [s[3]] = 3})[s[2]])
