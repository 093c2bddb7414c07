-- The 'data' library: buffers, their accessors and their bounds.
local tap = require("tests.tap")
local test, fails = tap.test, tap.fails
local data = require("data")

test("new(size) is zero-filled and #d is its size", function()
	local d = data.new(64)
	assert(#d == 64)
	for i = 0, 63 do assert(d:getbyte(i) == 0) end
	assert(d:getstring(0) == string.rep("\0", 64))
	assert(#data.new(0) == 0 and data.new(0):getstring(0) == "")
end)
-- each accessor: its width, and what a value reads back as
local accessors = {
	{"byte", 1, 0x1ff, 0xff}, {"uint8", 1, -1, 0xff}, {"int8", 1, 0xff, -1},
	{"uint16", 2, -1, 0xffff}, {"int16", 2, 0x18000, -0x8000},
	{"uint32", 4, -1, 0xffffffff}, {"int32", 4, 0x80000000, -0x80000000},
	{"int64", 8, math.mininteger, math.mininteger}, {"number", 8, -2, -2},
}
for _, a in ipairs(accessors) do
	local name, width, value, back = table.unpack(a)
	test(name .. ": a setter keeps the low bits, the getter reads them back", function()
		local d = data.new(16)
		d["set" .. name](d, 3, value)
		assert(d["get" .. name](d, 3) == back, d["get" .. name](d, 3))
		-- nothing else is written
		for i = 0, 15 do
			if i < 3 or i >= 3 + width then assert(d:getbyte(i) == 0, i) end
		end
	end)
	test(name .. ": an access that does not fit raises, at both ends", function()
		local d = data.new(16)
		for _, off in ipairs({-1, 16 - width + 1, 16, math.maxinteger, math.mininteger}) do
			local ok, err = pcall(d["get" .. name], d, off)
			assert(not ok and err:find("out of bounds"), off)
			ok, err = pcall(d["set" .. name], d, off, 1)
			assert(not ok and err:find("out of bounds"), off)
		end
		d["set" .. name](d, 16 - width, 1)	-- the last that fits
	end)
end
test("the machine's byte order", function()
	local d = data.new(8)
	d:setint32(0, 0x01020304)
	assert(d:getstring(0, 4) == string.pack("=i4", 0x01020304))
	d:setstring(0, string.pack("=i8", -5))
	assert(d:getint64(0) == -5)
end)
test("getstring and setstring", function()
	local d = data.new(8)
	d:setstring(2, "abc")
	assert(d:getstring(2, 3) == "abc" and d:getstring(5) == "\0\0\0" and d:getstring(8) == "")
	d:setstring(0, "")
	d:setstring(5, "xyz")
	assert(d:getstring(0) == "\0\0abcxyz")
end)
for _, c in ipairs({{"getstring", 9}, {"getstring", -1}, {"getstring", 0, 9}, {"getstring", 4, 5},
	{"setstring", 6, "abc"}, {"setstring", -1, "a"}, {"setstring", 9, ""}}) do
	fails(c[1] .. "(" .. tostring(c[2]) .. ", " .. tostring(c[3]) .. ") does not fit", "", function()
		local d = data.new(8)
		d[c[1]](d, c[2], c[3])
	end)
end
fails("a negative length", "length must not be negative", function()
	data.new(8):getstring(0, -1)
end)
fails("a negative size", "size must not be negative", function()
	data.new(-1)
end)
fails("a buffer beyond the memory limit", "not enough memory", function()
	data.new(tap.memory + 1)
end)
test("buffers count against the memory limit while they live", function()
	local d = data.new(tap.memory // 2)
	assert(not pcall(data.new, tap.memory // 2))
	d = nil
	collectgarbage()
	data.new(tap.memory // 2)
end)
fails("accessors need a data object", "data expected", function()
	data.new(1).getbyte({}, 0)
end)
fails("an offset must be an integer", "number expected", function()
	data.new(1):getbyte("x")
end)
test("a data object's metatable is sealed", function()
	local d = data.new(1)
	assert(getmetatable(d) == "data")
	assert(not pcall(setmetatable, d, {}))
end)
