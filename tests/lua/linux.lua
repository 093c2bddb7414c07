-- The 'linux' library: linux.random, stat, task, time, errno and byte order.
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
test("task states are the kernel's", function()
	local t = linux.task
	assert(t.RUNNING == 0 and t.INTERRUPTIBLE == 1 and t.UNINTERRUPTIBLE == 2)
	assert(t.KILLABLE == t.UNINTERRUPTIBLE | 0x100, t.KILLABLE)	-- TASK_WAKEKILL
	assert(t.IDLE == 0x402, t.IDLE)	-- TASK_UNINTERRUPTIBLE | TASK_NOLOAD
end)
test("time is after 2020, before 2100, and grows", function()
	local t1 = linux.time()
	assert(t1 > 1577836800 * 1000000000 and t1 < 4102444800 * 1000000000, t1)
	local t2 = linux.time()
	for i = 1, 100000 do
		if t2 > t1 then break end
		t2 = linux.time()
	end
	assert(t2 > t1, t2)
end)
test("difftime is t1 - t2, wrapping as integers do", function()
	assert(linux.difftime(5, 3) == 2 and linux.difftime(3, 5) == -2)
	assert(linux.difftime(math.mininteger, 1) == math.maxinteger)
	assert(linux.difftime(math.maxinteger, -1) == math.mininteger)
	local t1 = linux.time()
	local t2 = linux.time()
	assert(linux.difftime(t2, t1) == t2 - t1 and linux.difftime(t2, t1) >= 0)
end)
fails("difftime needs integers", "number expected", function()
	linux.difftime(1, "x")
end)
test("errno has the kernel's values", function()
	local e = linux.errno
	assert(e.PERM == 1 and e["2BIG"] == 7 and e.AGAIN == 11 and e.NOMEM == 12)
	assert(e.INVAL == 22 and e.DEADLK == 35 and e.HWPOISON == 133, e.HWPOISON)
	assert(e.WOULDBLOCK == e.AGAIN and e.DEADLOCK == e.DEADLK)
	assert(e.E2BIG == nil and e.EAGAIN == nil)
end)
test("errno: at least 130 names, each a positive integer", function()
	local n = 0
	for name, v in pairs(linux.errno) do
		assert(type(name) == "string", name)
		assert(math.tointeger(v) == v and v > 0 and v < 4096, name)	-- MAX_ERRNO
		n = n + 1
	end
	assert(n >= 130, n)
end)

-- the order of the CPU, as string.pack's native order tells it, and the
-- conversion to big-endian as string.pack and string.unpack make it
local little = string.byte(string.pack("=I2", 1)) == 1
local function be(fmt, x)
	return string.unpack("=" .. fmt, string.pack(">" .. fmt, x))
end

test("hton and ntoh are big-endian", function()
	assert(linux.hton16(0x1234) == (little and 0x3412 or 0x1234))
	assert(linux.hton32(0x12345678) == (little and 0x78563412 or 0x12345678))
	assert(linux.hton64(0x0102030405060708) == (little and 0x0807060504030201 or 0x0102030405060708))
	assert(linux.ntoh16(0x3412) == (little and 0x1234 or 0x3412))
	assert(linux.ntoh32(0x78563412) == (little and 0x12345678 or 0x78563412))
	for i = 1, 100 do
		local x = linux.random()
		assert(linux.hton16(x & 0xffff) == be("I2", x & 0xffff), x)
		assert(linux.ntoh32(x & 0xffffffff) == be("I4", x & 0xffffffff), x)
		assert(linux.hton64(x) == be("i8", x) and linux.ntoh64(x) == be("i8", x), x)
	end
end)
test("htobe and be*toh are hton and ntoh", function()
	for _, x in ipairs({0, 1, -1, 0x1234, 0x12345678, math.mininteger, linux.random()}) do
		for _, bits in ipairs({16, 32, 64}) do
			assert(linux["htobe" .. bits](x) == linux["hton" .. bits](x), bits)
			assert(linux["be" .. bits .. "toh"](x) == linux["ntoh" .. bits](x), bits)
		end
	end
end)
test("htole and le*toh are the identity on little-endian", function()
	assert(linux.htole16(0x1234) == (little and 0x1234 or 0x3412))
	assert(linux.le32toh(0x12345678) == (little and 0x12345678 or 0x78563412))
	assert(linux.htole64(-2) == (little and -2 or 0xfeffffffffffffff))
	for i = 1, 100 do
		local x = linux.random()
		assert(linux.le64toh(x) == string.unpack("=i8", string.pack("<i8", x)), x)
		assert(linux.htole32(x) == string.unpack("=I4", string.pack("<I4", x & 0xffffffff)), x)
	end
end)
test("byte order takes the low bits; 16 and 32 bits are never negative", function()
	assert(linux.hton16(0x12345) == linux.hton16(0x2345))
	assert(linux.hton32(0x123456789) == linux.hton32(0x23456789))
	assert(linux.hton16(-1) == 0xffff and linux.ntoh32(-1) == 0xffffffff)
	assert(linux.hton16(-2) == (little and 0xfeff or 0xfffe))
	for _, x in ipairs({-1, math.mininteger, math.maxinteger, linux.random()}) do
		for _, f in ipairs({"hton16", "ntoh16", "htole16", "le16toh", "htobe16", "be16toh"}) do
			local y = linux[f](x)
			assert(y >= 0 and y <= 0xffff, f)
			assert(linux[f:gsub("16", "32")](x) >= 0, f)
		end
	end
end)
test("64 bits round trip, negative values too", function()
	assert(linux.hton64(-2) == (little and 0xfeffffffffffffff or -2))
	for _, x in ipairs({-1, -2, -0x123456789abcdef, math.mininteger, math.maxinteger,
		0x0102030405060708, linux.random()}) do
		assert(linux.ntoh64(linux.hton64(x)) == x and linux.hton64(linux.ntoh64(x)) == x, x)
		assert(linux.be64toh(linux.htobe64(x)) == x and linux.le64toh(linux.htole64(x)) == x, x)
	end
end)
fails("byte order needs an integer", "number expected", function()
	linux.hton32("x")
end)
fails("byte order needs an argument", "number expected", function()
	linux.le64toh()
end)
