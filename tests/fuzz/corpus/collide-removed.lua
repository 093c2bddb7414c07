-- a table of 2^L nodes; keys aimed at one node each; removed keys' nodes reused
local F = 0x9e3779b97f4a7c15
local inv = F; for _ = 1, 6 do inv = inv * (2 - F * inv) end
local function key(j) local z = j * inv; return z ~ (z >> 32) end
local L = 6
local function at(node, i) return key((node << (64 - L)) + i) end
local t = load("local k = ... return {" .. string.rep("[k] = 0, ", 1 << L) .. "}")(at(0, 0))
for i = 1, 12 do t[at(0, i)] = i end
local last, node = at(0, 1), (1 << L) - 1
for r = 1, 3 do
  t[last] = nil
  for i = 0, 12 do t[at(node, i)] = i end
  last, node = at(node, 1), node - 12
end
print(t[at(0, 99)], t[at(0, 5)], next(t), pcall(function() for i = 13, 40 do t[at(0, i)] = i end end))
