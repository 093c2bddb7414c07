-- a single-char class with '*' (max_expand) scans all it matches before
-- it tries the rest of the pattern: one match of the pattern for the string
local s = string.rep("x", 1 << 22)
while true do s:find("^x*$") end
