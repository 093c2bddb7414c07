-- inserts at the front of a large table: each moves all its elements
local t = {}
for i = 1, 500000 do t[i] = i end
while true do table.insert(t, 1, 0) table.remove(t, 1) end
