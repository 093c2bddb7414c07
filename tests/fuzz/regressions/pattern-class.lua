-- a long [set] is read whole for each character it is matched against
local set = "[" .. string.rep("a", 1 << 20) .. "x]"
local s = string.rep("x", 1 << 10)
while true do s:find("^" .. set .. "*$") end
