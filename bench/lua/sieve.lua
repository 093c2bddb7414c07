-- loops and an array
-- checksum 17984: what each run returns, in the kernel and in user space
local n, count = 200000, 0
local composite = {}
for i = 2, n do
	if not composite[i] then
		count = count + 1
		for j = i * i, n, i do composite[j] = true end
	end
end
return count
