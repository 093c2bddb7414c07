-- The kernel dialect of Lua 5.4 (README, "The dialect").
local tap = require("tests.tap")
local test, fails = tap.test, tap.fails

local function refused(chunk, message)
	local f, err = load(chunk)
	assert(f == nil, "loaded: " .. chunk)
	assert(err:find(message, 1, true), err)
end

-- numbers
test("numbers are integers", function()
	assert(math.type == nil)
	assert(1 // 1 == 1 and 7 % 3 == 1 and 2 * 3 == 6)
	assert(tostring(10) == "10")
	assert(string.format("%q", math.mininteger) == "0x8000000000000000")
end)
test("'/' is floor division", function()
	assert(7 / 2 == 3 and -7 / 2 == -4 and 7 / -2 == -4 and 7 // 2 == 3)
	local a, b = 9, 4
	assert(a / b == 2)
	assert("10" / 3 == 3)
end)
fails("division by zero is an error", "attempt to divide by zero", function()
	local zero = 0
	return 1 / zero
end)
test("float literals are syntax errors", function()
	refused("return 1.5", "malformed number near '1.5'")
	refused("return 1e3", "malformed number near '1e3'")
	refused("return .5", "malformed number")
	refused("return 0x1p4", "malformed number")
	refused("return 9223372036854775808", "malformed number")
end)
test("'^' is not an operator", function()
	refused("return 2 ^ 3", "'^'")
	refused("local x = 2; x = x ^ 2", "'^'")
end)
test("strings convert to integers only", function()
	assert(tonumber("10") == 10 and tonumber("0x10") == 16 and tonumber(" 7 ") == 7)
	assert(tonumber("1.5") == nil and tonumber("1e2") == nil and tonumber("inf") == nil)
	assert(tonumber("z", 36) == 35)
	assert("3" + 4 == 7 and "3" * "4" == 12)
end)
test("a string of more than 200 characters is not a numeral", function()
	local spaces = string.rep(" ", 199)
	assert(tonumber(spaces .. "7") == 7 and tonumber(spaces .. " 7") == nil)
	assert(tonumber(string.rep("1", 200), 2) ~= nil and tonumber(string.rep("1", 201), 2) == nil)
	assert(not pcall(function() return (spaces .. " 7") + 0 end))
end)
test("'/' uses __idiv, never __div", function()
	local mt = {
		__idiv = function() return "idiv" end,
		__div = function() return "div" end,
		__pow = function() return "pow" end,
	}
	local t = setmetatable({}, mt)
	assert(t / 1 == "idiv" and t // 1 == "idiv")
	local s = getmetatable("")
	assert(s.__div == nil and s.__pow == nil and s.__idiv ~= nil)
end)
test("'for' loops are integer loops", function()
	local n = 0
	for i = "1", 3 do
		assert(math.type == nil and i == n + 1)
		n = n + 1
	end
	assert(n == 3)
	for i = 10, 1, "-3" do n = n + 1 end
	assert(n == 7)
end)
fails("'for' refuses a non-numeral string", "bad 'for' initial value (number expected, got string)", function()
	for i = "x", 2 do end
end)
test("string.format has no float conversions", function()
	for _, c in ipairs({"f", "e", "g", "a", "E", "G", "A", "F"}) do
		local ok, err = pcall(string.format, "%" .. c, 1)
		assert(not ok and err:find("invalid conversion"), c)
	end
	assert(string.format("%d|%5x|%-3s|%c", 42, 255, "a", 65) == "42|   ff|a  |A")
	assert(string.format("%s", 1 / 1) == "1")
end)
test("string.pack has no float options", function()
	assert(not pcall(string.pack, "f", 1))
	assert(not pcall(string.pack, "d", 1))
	assert(string.unpack("n", string.pack("n", -5)) == -5)
	assert(#string.pack("j", 1) == 8)
end)

-- what the dialect removes
test("io and os are absent", function()
	assert(io == nil and os == nil)
	assert(package.loaded.io == nil and package.loaded.os == nil)
end)
test("the float functions of math are absent", function()
	for _, k in ipairs({"acos", "asin", "atan", "ceil", "cos", "deg", "exp", "floor",
		"fmod", "huge", "log", "modf", "pi", "rad", "random", "randomseed", "sin",
		"sqrt", "tan", "type", "cosh", "sinh", "pow", "frexp", "ldexp", "log10"}) do
		assert(math[k] == nil, "math." .. k)
	end
end)
test("debug.debug and package.cpath are absent", function()
	assert(debug.debug == nil and package.cpath == nil)
	assert(debug.traceback ~= nil and debug.getinfo ~= nil)
end)

-- what the dialect modifies
test("_VERSION", function()
	assert(_VERSION == "Lua 5.4-kernel", _VERSION)
end)
test("_LUNATIK_VERSION", function()
	assert(_LUNATIK_VERSION == "Lunatik 3.0", _LUNATIK_VERSION)
end)
test("collectgarbage('count') is in bytes", function()
	collectgarbage()
	collectgarbage("stop")
	local before = collectgarbage("count")
	assert(math.type == nil and before // 1 == before and before > 10000, before)
	local s = string.rep("x", 100000)
	local after = collectgarbage("count")
	collectgarbage("restart")
	assert(after - before >= 100000 and after - before < 110000, after - before)
	assert(#s == 100000)
end)
test("package.path", function()
	assert(package.path == "/lib/modules/lua/?.lua;/lib/modules/lua/?/init.lua", package.path)
end)
test("print writes to the kernel log", function()
	print("lunatik-print", 42, nil, true)
end)
test("require finds Lua modules", function()
	local mod = require("tests.module")
	assert(mod.answer == 42 and require("tests.module") == mod)
	assert(require("tests") == "tests/init.lua")
end)
test("require finds C libraries of loaded modules", function()
	local testlib = require("testlib")
	assert(type(testlib.refcount) == "function" and testlib.refcount() >= 1)
end)
fails("require of an unknown module", "no kernel symbol 'luaopen_nosuchmodule'", function()
	require("nosuchmodule")
end)
fails("binary chunks are refused", "attempt to load a binary chunk", function()
	assert(load(string.dump(function() return 1 end)))
end)
fails("binary chunks are refused in mode 'b' too", "attempt to load a binary chunk", function()
	assert(load(string.dump(function() return 1 end), "x", "b"))
end)
test("loadfile and dofile read under /lib/modules/lua", function()
	assert(dofile("tests/module.lua").answer == 42)
	assert(loadfile("/lib/modules/lua/tests/module.lua")().answer == 42)
	local f, err = loadfile("tests/nosuchfile.lua")
	assert(f == nil and err:find("cannot open /lib/modules/lua/tests/nosuchfile.lua"), err)
end)

-- what the dialect keeps
test("string", function()
	assert(("hello"):upper() == "HELLO" and ("abc"):rep(2, "-") == "abc-abc")
	assert(("key=val"):match("(%w+)=(%w+)") == "key")
	assert(("a,b,c"):gsub(",", ";") == "a;b;c")
	assert(string.byte("A") == 65 and #string.char(1, 2, 3) == 3)
end)
test("table", function()
	local t = {5, 2, 8, 1}
	table.sort(t)
	assert(table.concat(t, " ") == "1 2 5 8")
	table.insert(t, 9)
	assert(table.remove(t) == 9 and select("#", table.unpack(t)) == 4)
	assert(table.pack(1, 2).n == 2 and table.move({1, 2}, 1, 2, 2)[2] == 1)
end)
test("utf8", function()
	assert(utf8.char(72, 228, 8364) == "H\xC3\xA4\xE2\x82\xAC")
	assert(utf8.len("H\xC3\xA4") == 2 and utf8.codepoint("\xE2\x82\xAC") == 8364)
	assert(utf8.len("\xFF") == nil)
end)
test("coroutine", function()
	local co = coroutine.wrap(function(a)
		local b = coroutine.yield(a + 1)
		return b * 2
	end)
	assert(co(1) == 2 and co(5) == 10)
	assert(coroutine.isyieldable() == false and coroutine.running() ~= nil)
end)
test("integer math", function()
	assert(math.maxinteger == 0x7fffffffffffffff and math.mininteger == -math.maxinteger - 1)
	assert(math.tointeger(3) == 3 and math.tointeger("8") == 8 and math.tointeger("x") == nil)
	assert(math.ult(1, -1) and not math.ult(-1, 1))
	assert(math.abs(-5) == 5 and math.abs(math.mininteger) == math.mininteger)
	assert(math.max(3, 9, 1) == 9 and math.min(3, 9, 1) == 1)
	assert(math.maxinteger + 1 == math.mininteger)
end)
test("goto, closures, varargs, integer overflow", function()
	local function count(...) return select("#", ...) end
	assert(count(nil, nil) == 2)
	local fs = {}
	for i = 1, 3 do fs[i] = function() return i end end
	assert(fs[2]() == 2)
	local i = 0
	::again:: i = i + 1
	if i < 3 then goto again end
	assert(i == 3)
end)
test("to-be-closed variables", function()
	local closed = false
	do
		local x <close> = setmetatable({}, {__close = function() closed = true end})
	end
	assert(closed)
end)
test("string.format('%p')", function()
	assert(#string.format("%p", {}) > 0)
end)
test("the debug library cannot reach the registry", function()
	assert(debug.getregistry == nil)
end)
test("the debug library keeps tables' metatables", function()
	local mt = {}
	local t = debug.setmetatable({}, mt)
	assert(debug.getmetatable(t) == mt and getmetatable(t) == mt)
	assert(debug.getmetatable("").__index == string)
end)
