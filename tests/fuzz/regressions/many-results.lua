-- returns of many values: each moves them all in C
local t = {}
for i = 1, 200000 do t[i] = i end
local function f(...) return ... end
while true do f(table.unpack(t)) end
