-- lookups with a long string key equal to, not the same as, a table's key:
-- each compares the whole string and spends nothing (a few to a unit)
local a = string.rep("x", 1 << 22)
local b = a:sub(1, -2) .. "x"
local t = {[a] = true}
while true do local _ = t[b], t[b], t[b], t[b], t[b], t[b], t[b], t[b] end
