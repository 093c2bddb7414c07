-- full collections of a large heap
local t = {}
for i = 1, 200000 do t[i] = {} end
while true do collectgarbage() end
