-- utf8.len of a long string: a loop in C over its bytes
-- (4 MiB: with 8 MiB the string did not fit the memory limit, and the loop never ran)
local s = string.rep("x", 1 << 22)
while true do utf8.len(s) end
