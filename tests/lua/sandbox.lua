-- The sandbox (README, "Limits and safety"): no kernel symbol, no C
-- library's internals, no file that is not regular, no table that a
-- script's keys turn into a list.  Each case tries what a hostile script
-- would.
local tap = require("tests.tap")
local test, fails = tap.test, tap.fails
local device = require("device")
-- the C function that runs this script (it reads the script from its argument)
local runner = debug.getinfo(2, "fS")

-- symbols
test("package.loadlib gives no kernel function", function()
	local f, err, where = package.loadlib("kernel_power_off", "f")
	assert(f == nil and where == "absent", tostring(f))
	assert(err:find("not supported", 1, true), err)
end)
test("package.loadlib '*' pins nothing", function()
	local ok, _, where = package.loadlib("jiffies", "*")
	assert(ok == nil and where == "absent")
end)

-- a library's metatable and methods
test("a library's methods are not its metatable", function()
	local dev <close> = device.new({name = "lt_sealed"})
	assert(dev.__index == nil and dev.__gc == nil and dev.__close == nil)
	assert(getmetatable(dev) == "device" and debug.getmetatable(dev) == "device")
	assert(type(dev.delete) == "function")
	local ok = pcall(function() dev.__index.__gc = nil end)
	assert(not ok)
end)
test("a runtime's methods are not its metatable", function()
	local rt <close> = lunatik.runtime("tests/echo")
	assert(rt.__index == nil and rt.__gc == nil and getmetatable(rt) == "lunatik.runtime")
end)
fails("no metatable for a library's userdata", "cannot change the metatable", function()
	local dev <close> = device.new({name = "lt_sealed"})
	debug.setmetatable(dev, {})
end)

-- light userdata
local function address()
	local x = 0
	return debug.upvalueid(function() return x end, 1)
end
test("debug.upvalueid gives a light userdata", function()
	assert(type(address()) == "userdata")
end)
fails("no metatable for light userdata", "cannot change the metatable", function()
	debug.setmetatable(address(), {})
end)
fails("a light userdata is no library's userdata", "device expected", function()
	device.delete(address())
end)

-- C functions' upvalues and frames
test("a C function has no upvalues to get, set or name", function()
	local it = ("a"):gmatch("a")
	for i = 1, 3 do
		assert(debug.getupvalue(it, i) == nil)
		assert(debug.setupvalue(it, i, 1) == nil)
		assert(debug.upvalueid(it, i) == nil)
	end
	assert(it() == "a")
	local co = coroutine.wrap(function() return 7 end)
	assert(debug.setupvalue(co, 1, 1) == nil and co() == 7)
end)
fails("debug.upvaluejoin refuses C functions", "invalid upvalue index", function()
	local x = 0
	debug.upvaluejoin(function() return x end, 1, ("a"):gmatch("a"), 1)
end)
test("a C function's frame has no locals to get or set", function()
	local seen = 0
	local s = string.gsub(string.rep("ab", 200), "%w", function(c)
		for i = 1, 8 do
			assert(debug.getlocal(2, i) == nil)
			assert(debug.setlocal(2, i, nil) == nil)
		end
		seen = seen + 1
		return c:upper()
	end)
	assert(seen == 400 and s == string.rep("AB", 200))
end)
test("the same in a coroutine suspended in a C function", function()
	local co = coroutine.create(function(...)
		return pcall(coroutine.yield, ...)
	end)
	assert(coroutine.resume(co, 1, 2, 3))
	local cframes, level = 0, 0
	while debug.getinfo(co, level, "S") do
		if debug.getinfo(co, level, "S").what == "C" then
			cframes = cframes + 1
			assert(debug.getlocal(co, level, 1) == nil)
			assert(debug.setlocal(co, level, 1, 0) == nil)
		end
		level = level + 1
	end
	assert(cframes > 0)
	assert(select("#", coroutine.resume(co)) == 2)
end)
test("debug.getinfo gives no frame's C function", function()
	assert(runner.what == "C" and runner.func == nil)
	string.gsub("a", "a", function()
		local info = debug.getinfo(2, "fS")
		assert(info.what == "C" and info.func == nil)
	end)
	-- require's helper that records a module's symbol is called while
	-- 'string' loads again: a call hook sees it, and no C function
	local seen = 0
	debug.sethook(function()
		local info = debug.getinfo(2, "fS")
		if info.what == "C" then
			assert(info.func == nil)
			seen = seen + 1
		end
	end, "c")
	local loaded = package.loaded.string
	package.loaded.string = nil
	require("string")
	package.loaded.string = loaded
	debug.sethook()
	assert(seen > 0)
	assert(debug.getinfo(print, "f").func == nil)
end)
test("no user values", function()
	local dev <close> = device.new({name = "lt_sealed"})
	assert(debug.getuservalue(dev) == nil and debug.setuservalue(dev, {}) == nil)
end)
test("no registry", function()
	assert(debug.getregistry == nil)
end)

-- pointers as text
test("every table has a text of its own", function()
	local seen, keep = {}, {}
	for i = 1, 1000 do
		keep[i] = {}
		local s = tostring(keep[i])
		assert(not s:find("ptrval", 1, true) and not seen[s], s)
		seen[s] = true
	end
end)
test("%p is tostring's address", function()
	local t = {}
	assert(tostring(t) == "table: " .. string.format("%p", t))
	assert(string.format("%p", 1) == "(null)")
end)

-- files
local opened = false
local trap = device.new({name = "lt_trap", open = function() opened = true end})
test("loadfile of a device: refused, and its open never runs", function()
	local f, err = loadfile("/dev/lt_trap")
	assert(f == nil and err:find("-EINVAL", 1, true), err)
	assert(not opened)
end)
test("dofile of a device: the same", function()
	local ok, err = pcall(dofile, "/dev/lt_trap")
	assert(not ok and err:find("-EINVAL", 1, true) and not opened, err)
end)
test("loadfile of a directory: refused", function()
	local f, err = loadfile("/lib/modules/lua")
	assert(f == nil and err:find("-EINVAL", 1, true), err)
end)
test("loadfile of a regular file works", function()
	assert(loadfile("tests/echo.lua"))
end)

-- tables whose keys collide
test("integer keys that collided in Lua's modulo hash", function()
	-- multiples of the modulo of a 2^15-node table: one chain in stock Lua
	local t = {}
	for i = 1, 30000 do t[i * 32767] = i end
	for i = 1, 30000, 97 do assert(t[i * 32767] == i) end
end)
test("the same for pointer keys", function()
	local t = {}
	for i = 1, 5000 do t[{}] = i end
	local n = 0
	for _ in pairs(t) do n = n + 1 end
	assert(n == 5000)
end)

test("a device deleted", function()
	trap:delete()
end)

return tap
