-- The 'lunatik' library: runtimes created from Lua.
local tap = require("tests.tap")
local test, fails = tap.test, tap.fails
local testlib = require("testlib")

-- a child runtime holds a reference to lunatik_testlib while it runs
local function held() return testlib.refcount() end

test("lunatik.runtime and rt:stop", function()
	local before = held()
	local rt = lunatik.runtime("tests/child")
	assert(type(rt) == "userdata" and held() == before + 1)
	rt:stop()
	assert(held() == before)
	rt:stop()  -- stopping again does nothing
	lunatik.stop(rt)
end)
test("lunatik.stop", function()
	local before = held()
	local rt = lunatik.runtime("tests/child", true)
	lunatik.stop(rt)
	assert(held() == before)
end)
test("garbage collection stops a runtime", function()
	local before = held()
	local rt = lunatik.runtime("tests/child")
	assert(held() == before + 1)
	rt = nil
	collectgarbage()
	collectgarbage()
	assert(held() == before)
end)
test("<close> stops a runtime", function()
	local before = held()
	do
		local rt <close> = lunatik.runtime("tests/child")
		assert(held() == before + 1)
	end
	assert(held() == before)
end)
test("a runtime that may not sleep: top level where it may, task where it may not", function()
	local before = held()
	local rt = lunatik.runtime("tests/childnosleep", false)
	assert(held() == before + 1)
	assert(rt:resume() == "atomic")
	rt:stop()
	assert(held() == before)
end)
fails("the script's own error", "runerror.lua:3: boom", function()
	lunatik.runtime("tests/runerror")
end)
fails("the script's syntax error", "syntaxerror.lua:1:", function()
	lunatik.runtime("tests/syntaxerror")
end)
fails("a missing script", "cannot open /lib/modules/lua/tests/missing.lua", function()
	lunatik.runtime("tests/missing")
end)
for _, name in ipairs({"../tests/child", "/lib/modules/lua/tests/child", "tests/../../x",
	"tests/..", "", "./tests/child", "tests//child", "tests/child/", "tests/\tchild"}) do
	fails("refuses the name '" .. name .. "'", "invalid script name", function()
		lunatik.runtime(name)
	end)
end
fails("refuses a name with a zero", "embedded zero", function()
	lunatik.runtime("tests/child\0x")
end)
fails("rt:stop needs a runtime", "lunatik.runtime expected", function()
	lunatik.stop({})
end)
test("a runtime's metatable is sealed", function()
	local rt = lunatik.runtime("tests/child")
	assert(getmetatable(rt) == "lunatik.runtime")
	assert(not pcall(debug.setmetatable, rt, nil))
	rt:stop()
end)
fails("at most 16 runtimes at once", "too many runtimes (at most 16 at once)", function()
	collectgarbage()	-- runtimes of earlier cases that only garbage collection stops
	local rts = {}
	local ok, err = pcall(function()
		for i = 1, 17 do rts[i] = lunatik.runtime("tests/empty") end
	end)
	for _, rt in ipairs(rts) do rt:stop() end
	assert(not ok and #rts <= 16, #rts)
	error(err)
end)
test("... and one more once one is stopped", function()
	lunatik.runtime("tests/empty"):stop()
end)
