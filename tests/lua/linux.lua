-- The 'linux' library: linux.random and linux.stat.
local tap = require("tests.tap")
local test, fails = tap.test, tap.fails
local linux = require("linux")

test("random() has all bits random", function()
	local seen = 0
	for i = 1, 64 do seen = seen | linux.random() end
	assert(seen == -1, string.format("%x", seen))
end)
test("random(m, n) is in [m, n]", function()
	for _, r in ipairs({{1, 6}, {-3, 3}, {0, 0}, {5, 5}, {math.mininteger, math.maxinteger},
		{math.maxinteger - 1, math.maxinteger}, {math.mininteger, math.mininteger + 2}}) do
		local m, n = r[1], r[2]
		for i = 1, 200 do
			local x = linux.random(m, n)
			assert(m <= x and x <= n, string.format("%d not in [%d, %d]", x, m, n))
		end
	end
end)
test("random(n) is in [1, n], and reaches both ends", function()
	local seen = {}
	for i = 1, 2000 do
		local x = linux.random(6)
		assert(1 <= x and x <= 6)
		seen[x] = true
	end
	for i = 1, 6 do assert(seen[i], i) end
end)
test("random is uniform over a range that is not a power of two", function()
	local counts = {0, 0, 0}
	for i = 1, 30000 do
		local x = linux.random(1, 3)
		counts[x] = counts[x] + 1
	end
	for i = 1, 3 do assert(counts[i] > 9000 and counts[i] < 11000, counts[i]) end
end)
-- a range of 2/3 of 2^64: a draw reduced modulo the range would land in
-- its lower half twice as often as in its upper half
test("random has no modulo bias over a range of 2/3 of 2^64", function()
	local m, range, half = math.mininteger, 0xAAAAAAAAAAAAAAAA, 0x5555555555555555
	local lower = 0
	for i = 1, 2000 do
		local x = linux.random(m, m + range - 1)
		assert(math.ult(x - m, range), x)
		if math.ult(x - m, half) then lower = lower + 1 end
	end
	assert(lower > 850 and lower < 1150, lower .. " of 2000 in the lower half")
end)
test("random(0) has all bits random", function()
	local seen = 0
	for i = 1, 64 do seen = seen | linux.random(0) end
	assert(seen == -1)
end)
fails("random(m, n) with m > n", "interval is empty", function()
	linux.random(2, 1)
end)
fails("random(n) with n < 1", "interval is empty", function()
	linux.random(-5)
end)
fails("random needs integers", "number expected", function()
	linux.random("x")
end)
fails("random takes at most two arguments", "wrong number of arguments", function()
	linux.random(1, 2, 3)
end)
test("stat", function()
	local s = linux.stat
	assert(s.IRWXUGO == 511 and s.IRUGO == 292 and s.IWUGO == 146 and s.IXUGO == 73)
	assert(s.IRUSR == 256 and s.IWUSR == 128 and s.IXUSR == 64 and s.IRWXU == 448)
	assert(s.IRGRP == 32 and s.IWGRP == 16 and s.IXGRP == 8 and s.IRWXG == 56)
	assert(s.IROTH == 4 and s.IWOTH == 2 and s.IXOTH == 1 and s.IRWXO == 7)
	assert(s.ISUID == 2048 and s.ISGID == 1024 and s.ISVTX == 512 and s.IALLUGO == 4095)
end)
test("getsid", function()
	assert(math.type == nil and linux.getsid() >= 0)
end)
