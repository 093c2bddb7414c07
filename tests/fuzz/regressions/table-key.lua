-- lookups with a long string key equal to, not the same as, a table's key
local a = string.rep("x", 1 << 22)
local b = a:sub(1, -2) .. "x"
local t = {[a] = true}
while true do local _ = t[b] end
