-- comparisons of long strings that differ at their end
local a = string.rep("x", 1 << 22)
local b = a:sub(1, -2) .. "y"
while true do local _ = a == b or a > b or rawequal(a, b) end
