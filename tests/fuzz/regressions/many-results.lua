-- returns of many values: each moves them all in C
local t = {}
for i = 1, 200000 do t[i] = i end
local function f(...) return ... end
local function loop(...) while true do f(...) end end
loop(table.unpack(t))
