-- sorts of a large plain table: no calls and no jumps in Lua
local t = {}
for i = 1, 500000 do t[i] = i end
while true do table.sort(t) end
