-- building strings and table.concat
local parts = {}
for i = 1, 30000 do parts[#parts + 1] = string.format("%d:%s", i, ("x"):rep(i % 7)) end
local s = table.concat(parts, ",")
return #s + #(s:upper())
