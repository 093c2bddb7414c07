-- a chain of colliding keys past LUAI_MAXCHAIN: a key whose main position
-- holds a removed key of another chain goes there, and the keys that then
-- collide with it are checked from it, not from the head of that chain;
-- a lookup walks the whole chain (here, most of the table's 2^14 nodes)
local F = 0x9e3779b97f4a7c15	-- luai_hashfactor in user space
local inv = F; for _ = 1, 6 do inv = inv * (2 - F * inv) end
local function key(j) local z = j * inv; return z ~ (z >> 32) end
local L = 14
local function at(node, i) return key((node << (64 - L)) + i) end	-- main position: node
local t = load("local k = ... return {" .. string.rep("[k] = 0, ", 1 << L) .. "}")(at(0, 0))
for i = 1, 30 do t[at(0, i)] = i end	-- a full chain: node 0, then free nodes from the top
local last, node = at(0, 1), (1 << L) - 1	-- the chain's last key and its node
for _ = 1, (1 << L) // 30 - 2 do
  t[last] = nil
  for i = 0, 30 do t[at(node, i)] = i end	-- into the removed key's node, then after it
  last, node = at(node, 1), node - 30
end
local k = at(0, 99)
while true do local _ = t[k], t[k], t[k], t[k], t[k], t[k], t[k], t[k] end
