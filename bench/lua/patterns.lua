-- pattern matching
-- checksum 636500: what each run returns, in the kernel and in user space
local text = ("the quick brown fox jumps over the lazy dog 1234 "):rep(500)
local n = 0
for w in text:gmatch("%a+") do n = n + #w end
for d in text:gmatch("%d+") do n = n + tonumber(d) end
n = n + select(2, text:gsub("o(%a)", "%1o"))
return n
