-- tail calls with many arguments: each copies them all in C
local t = {}
for i = 1, 200000 do t[i] = i end
local function f(...) return f(...) end
f(table.unpack(t))
