-- utf8.len of a long string: a loop in C over its bytes
local s = string.rep("x", 1 << 23)
while true do utf8.len(s) end
