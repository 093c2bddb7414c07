-- The limits that keep the kernel alive (README, "Limits").  Every case
-- ends in a clean error, and the next case finds the runtime working.
local tap = require("tests.tap")
local test, fails = tap.test, tap.fails

local function works()
	local t = {}
	for i = 1, 100 do t[i] = i end
	assert(#t == 100 and table.concat(t, ","):len() > 100)
end

-- C recursion: each way Lua nests C calls ends in an error, not an overflow
local function overflows(f)
	local ok, err = pcall(f)
	assert(not ok, "no error")
	err = tostring(err)
	assert(err:find("stack overflow") or err:find("error in error handling")
		or err:find("too complex") or err:find("too many"), err)
	works()
end

test("C stack: __index functions", function()
	local t = setmetatable({}, {})
	getmetatable(t).__index = function(t, k) return t[k] end
	overflows(function() return t.x end)
end)
fails("C stack: __index chains of tables", "chain too long", function()
	local t = {}
	for i = 1, 3000 do t = setmetatable({}, {__index = t}) end
	return t.x
end)
test("C stack: __newindex", function()
	local t = setmetatable({}, {})
	getmetatable(t).__newindex = function(t, k, v) t[k] = v end
	overflows(function() t.x = 1 end)
end)
fails("C stack: __newindex chains of tables", "chain too long", function()
	local t = {}
	for i = 1, 3000 do t = setmetatable({}, {__newindex = t}) end
	t.x = 1
end)
test("C stack: __gc", function()
	local ran = 0
	local mt = {__gc = function()
		ran = ran + 1
		local t = setmetatable({}, {})
		getmetatable(t).__index = function(t, k) return t[k] end
		return t.x
	end}
	for i = 1, 10 do setmetatable({}, mt) end
	collectgarbage()
	assert(ran == 10, ran .. " finalizers ran")
	works()
end)
test("C stack: __tostring", function()
	local t = setmetatable({}, {})
	getmetatable(t).__tostring = function(t) return tostring(t) end
	overflows(function() return tostring(t) end)
end)
test("C stack: __eq and __lt", function()
	local mt = {}
	mt.__lt = function(a, b) return a < b end
	local a, b = setmetatable({}, mt), setmetatable({}, mt)
	overflows(function() return a < b end)
end)
-- each level returns one more 'true' before the innermost level's error
local function innermost(...)
	local r = table.pack(...)
	assert(r[1] == true and r.n >= 2, "returned " .. r.n .. " values")
	return tostring(r[r.n])
end
test("C stack: pcall", function()
	local function f() return pcall(f) end
	local err = innermost(pcall(f))
	assert(err:find("stack overflow"), err)
	works()
end)
test("C stack: xpcall with a handler", function()
	local function f() return xpcall(f, debug.traceback) end
	local err = innermost(pcall(f))
	assert(err:find("stack overflow") or err:find("error in error handling"), err)
	local t = setmetatable({}, {})
	getmetatable(t).__index = function(t, k) return t[k] end
	local ok, err = xpcall(function() return t.x end, function(m) return t.y end)
	assert(not ok and (err:find("stack overflow") or err:find("error in error handling")), err)
	works()
end)
test("C stack: error objects", function()
	local function f() error(setmetatable({}, {__tostring = f})) end
	local ok, err = pcall(f)
	assert(not ok and type(err) == "table", tostring(ok))
	works()
end)
test("C stack: string.gsub callbacks", function()
	local function f(s) return (s:gsub(".", f)) end
	overflows(function() return f("xy") end)
end)
test("C stack: table.sort comparators", function()
	local function f(a, b) table.sort({3, 2, 1}, f) return a < b end
	overflows(function() table.sort({3, 2, 1}, f) end)
end)
test("C stack: coroutines in coroutines", function()
	local function f() return coroutine.wrap(f)() end
	overflows(f)
end)
test("C stack: load with a reader function", function()
	local function f()
		return load(function() local _, err = f() error(err, 0) end)
	end
	local fn, err = f()
	assert(fn == nil and (err:find("stack overflow") or err:find("error in error handling")), err)
	works()
end)
test("C stack: require of itself", function()
	overflows(function() require("tests.recursive") end)
end)
test("C stack: deeply nested expressions", function()
	local ok, err = load("return " .. string.rep("(", 10000) .. "1" .. string.rep(")", 10000))
	assert(not ok and (err:find("overflow") or err:find("too many")), err)
	ok, err = load("return " .. string.rep("{", 10000) .. string.rep("}", 10000))
	assert(not ok, "nested tables")
	works()
end)
test("C stack: patterns", function()
	overflows(function() return string.find(string.rep("a", 1000), string.rep("(a", 40) .. string.rep(")", 40)) end)
	overflows(function() return string.match(string.rep("a", 100000), string.rep("a?", 250) .. "b") end)
end)

-- the depths a script gets at least, a little below what the test guest
-- reaches: arm64's frames are larger than x86's (luaV_execute's 208 bytes
-- against 176, luaD_rawrunprotected's 208 against 128)
local room = {
	x86_64 = {index = 30, parentheses = 30, coroutines = 12, gsub = 5},
	aarch64 = {index = 15, parentheses = 22, coroutines = 8, gsub = 4},
}
test("C stack: room for real scripts", function()
	local least = assert(room[tap.arch], "no depths known for this architecture")
	local depth = 0
	local t = setmetatable({}, {})
	getmetatable(t).__index = function(t, k) depth = depth + 1 return t[k] end
	pcall(function() return t.x end)
	local parens = 0
	repeat
		parens = parens + 1
	until not load("return " .. string.rep("(", parens) .. "1" .. string.rep(")", parens))
	local coroutines = 0
	local function co() coroutines = coroutines + 1 return coroutine.wrap(co)() end
	pcall(co)
	local gsubs = 0
	local function gsub(s) gsubs = gsubs + 1 return (s:gsub(".", gsub)) end
	pcall(gsub, "x")
	print("lunatik C stack depths: __index", depth, "parentheses", parens,
		"coroutines", coroutines, "gsub", gsubs)
	assert(depth >= least.index and parens >= least.parentheses and
		coroutines >= least.coroutines and gsubs >= least.gsub)
end)

-- a __call that is its own __call: each retry shifts the arguments, in C
test("C stack: __call of itself", function()
	local t = setmetatable({}, {})
	getmetatable(t).__call = t
	local ok, err = pcall(t)
	assert(not ok and (err:find("time limit exceeded") or err:find("stack overflow")
		or err:find("not enough memory")), err)
end)

-- memory: allocation beyond the runtime's limit is "not enough memory"
fails("memory: a table of strings", "not enough memory", function()
	local t = {}
	for i = 1, math.maxinteger do t[i] = string.rep("x", 1000) .. i end
end)
test("memory: the runtime goes on", function()
	collectgarbage()
	local t = {}
	for i = 1, 1000 do t[i] = string.rep("y", 100) end
	works()
end)
fails("memory: with the collector stopped", "not enough memory", function()
	collectgarbage("stop")
	local t = {}
	for i = 1, math.maxinteger do t[i] = {i} end
end)
test("memory: the collector restarts", function()
	collectgarbage("restart")
	collectgarbage()
	works()
end)
-- a string takes twice its length while it is made (its buffer, then the
-- string): a string of a quarter of the limit takes half of it, one of
-- half the limit and a byte the limit and two bytes
test("memory: a string of a quarter of the limit", function()
	collectgarbage()
	assert(#string.rep("x", tap.memory // 4) == tap.memory // 4)
end)
fails("memory: a string of half the limit and a byte", "not enough memory", function()
	return string.rep("x", tap.memory // 2 + 1)
end)
fails("memory: one huge string", "not enough memory", function()
	return string.rep("x", 1 << 30)
end)
fails("memory: closures", "not enough memory", function()
	local fs = {}
	for i = 1, math.maxinteger do fs[i] = function() return i end end
end)
test("memory: used memory is back", function()
	collectgarbage()
	collectgarbage()
	assert(collectgarbage("count") < 1 << 20, collectgarbage("count"))
end)

-- time: no script holds the CPU past its runtime's time limit
fails("time: an endless loop", "time limit exceeded", function()
	while true do end
end)
fails("time: an endless repeat-until (a conditional jump back)", "time limit exceeded", function()
	local i = 0
	repeat i = i + 0 until i > 3
end)
fails("time: an endless goto", "time limit exceeded", function()
	local i = 0
	::again:: i = i + 1
	if i > 0 then goto again end
end)
fails("time: an endless loop in pcall", "time limit exceeded", function()
	while true do pcall(function() while true do end end) end
end)
fails("time: an endless loop in xpcall, past the limit in its handler too", "time limit exceeded",
	function()
		while true do xpcall(function() while true do end end, function(m) return m end) end
	end)
fails("time: endless tail calls", "time limit exceeded", function()
	local function f() return f() end
	return f()
end)
fails("time: endless recursion through pcall and error", "time limit exceeded", function()
	local function f() pcall(error, "x") return f() end
	return f()
end)
fails("time: endless loop in a runtime that may not sleep", "time limit exceeded", function()
	lunatik.runtime("tests/endless", false)
end)
fails("time: endless loop in a child runtime", "time limit exceeded", function()
	lunatik.runtime("tests/endless")
end)
test("time: the runtime goes on", works)

-- time: loops in C that run no Lua code spend from the budget too
fails("time: pattern matching that backtracks", "time limit exceeded", function()
	return string.find(string.rep("a", 5000), ".-.-.-.-.-b")
end)
fails("time: a plain search of a long text", "time limit exceeded", function()
	local s = string.rep("a", 1 << 20)
	for i = 1, math.maxinteger do string.find(s, s:sub(1, 1 << 19) .. "b", 1, true) end
end)
fails("time: large strings, made by C without calls or jumps", "time limit exceeded", function()
	while true do local s = ("x"):rep(1 << 19) end
end)
fails("time: gsub over a long text", "time limit exceeded", function()
	local s = string.rep("ab", 1 << 18)
	while true do s:gsub("(a)(b)", "%2%1") end
end)
fails("time: table.move of a virtual table", "time limit exceeded", function()
	table.move(setmetatable({}, {__index = rawlen}), 1, math.maxinteger - 1, 1,
		setmetatable({}, {__newindex = rawequal}))
end)
fails("time: table.sort of a virtual table", "time limit exceeded", function()
	local t = setmetatable({}, {__len = function() return 1 << 30 end,
		__index = function(t, i) return i % 7 end, __newindex = function() end})
	table.sort(t)
end)
fails("time: table.insert into a virtual table", "time limit exceeded", function()
	local t = setmetatable({}, {__len = function() return math.maxinteger - 1 end,
		__index = rawlen, __newindex = rawequal})
	table.insert(t, 1, 1)
end)
fails("time: a sort comparator that never settles", "invalid order function", function()
	local t = {}
	for i = 1, 1000 do t[i] = i end
	table.sort(t, function(a, b) return true end)
end)

-- time: work in C that grows with the data it is given
local function numbers(n)
	local t = {}
	for i = 1, n do t[i] = i end
	return t
end
fails("time: tail calls with many arguments", "time limit exceeded", function()
	local function f(...) return f(...) end
	f(table.unpack(numbers(20000)))
end)
fails("time: returns of many values", "time limit exceeded", function()
	local function f(...) return ... end
	local function loop(...) while true do f(...) end end
	loop(table.unpack(numbers(20000)))
end)
fails("time: comparisons of long strings", "time limit exceeded", function()
	local a = string.rep("x", 1 << 19)
	local b = a:sub(1, -2) .. "y"
	while true do local _ = a == b or a > b end
end)
fails("time: rawequal of long strings", "time limit exceeded", function()
	local a = string.rep("x", 1 << 19)
	local b = a:sub(1, -2) .. "y"
	while true do rawequal(a, b) end
end)
fails("time: utf8.len of a long string", "time limit exceeded", function()
	local s = string.rep("x", 1 << 20)
	while true do utf8.len(s) end
end)
fails("time: full collections of a large heap", "time limit exceeded", function()
	local t = {}
	for i = 1, 20000 do t[i] = {} end
	while true do collectgarbage() end
end)
fails("time: sorts of a large table", "time limit exceeded", function()
	local t = numbers(50000)
	while true do table.sort(t) end
end)
fails("time: inserts at the front of a large table", "time limit exceeded", function()
	local t = numbers(50000)
	while true do table.insert(t, 1, 0) table.remove(t, 1) end
end)
fails("time: table.concat of a large table", "time limit exceeded", function()
	local t = {}
	for i = 1, 50000 do t[i] = "" end
	while true do table.concat(t) end
end)
fails("time: string.format of long strings", "time limit exceeded", function()
	local s = string.rep("x", 1 << 18)
	while true do string.format("%s%s", s, s) end
end)
test("string.rep of empty strings is at once", function()
	assert(string.rep("", math.maxinteger) == "" and string.rep("", 1 << 60, "") == "")
end)
test("time: the runtime goes on after C loops", works)
