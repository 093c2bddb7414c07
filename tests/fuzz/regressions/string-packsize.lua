-- a long format: string.packsize, string.unpack and string.pack read it
-- whole, where options that write nothing spend nothing
local f = string.rep(" ", 1 << 22)
while true do string.packsize(f) string.unpack(f, "") string.pack(f) end
