-- building strings and table.concat
-- checksum 577786: what each run returns, in the kernel and in user space
local parts = {}
for i = 1, 30000 do parts[#parts + 1] = string.format("%d:%s", i, ("x"):rep(i % 7)) end
local s = table.concat(parts, ",")
return #s + #(s:upper())
