-- %b scans to the end of the string for every start: one match each
local s = string.rep("(", 1 << 20)
while true do s:find("%b()") end
