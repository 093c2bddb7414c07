-- filling and summing tables, array and hash
-- checksum 5099550500: what each run returns, in the kernel and in user space
local t, h, sum = {}, {}, 0
for i = 1, 100000 do t[i] = i; h["k" .. (i % 1000)] = i end
for i = 1, #t do sum = sum + t[i] end
for _, v in pairs(h) do sum = sum + v end
return sum
