-- The 'rcu' library: tables of objects shared between runtimes.
local tap = require("tests.tap")
local test, fails = tap.test, tap.fails
local rcu = require("rcu")
local data = require("data")

local function value(n)
	local d = data.new(8)
	d:setnumber(0, n)
	return d
end

test("t[k] = v, t[k], t[k] = nil", function()
	local t = rcu.table()
	assert(t.missing == nil)
	t.a = value(1)
	t["a\0b"] = value(2)
	assert(t.a:getnumber(0) == 1 and t["a\0b"]:getnumber(0) == 2)
	t.a = value(3)
	assert(t.a:getnumber(0) == 3)
	t.a = nil
	assert(t.a == nil and t["a\0b"]:getnumber(0) == 2)
	t.a = nil	-- removing a missing key does nothing
end)
test("a value read is the object stored: writes are shared", function()
	local t = rcu.table(4)
	local d = value(0)
	t.x = d
	t.x:setnumber(0, 42)
	assert(d:getnumber(0) == 42)
end)
test("sizes are rounded up to a power of two, and many keys share buckets", function()
	for _, size in ipairs({1, 3, 1000, 1 << 16}) do
		local t = rcu.table(size)
		for i = 1, 100 do t["k" .. i] = value(i) end
		for i = 1, 100 do assert(t["k" .. i]:getnumber(0) == i) end
	end
end)
for _, size in ipairs({0, -1, (1 << 20) + 1}) do
	fails("rcu.table(" .. size .. ") is refused", "size must be from 1 to", function()
		rcu.table(size)
	end)
end
fails("a key must be a string", "string expected, got number", function()
	rcu.table()[1] = value(1)
end)
fails("a key must be a string, to read too", "string expected, got table", function()
	return rcu.table()[{}]
end)
for _, v in ipairs({1, "s", true, {}, print}) do
	fails("a value must be an object or nil, not a " .. type(v), "holds objects or nil", function()
		rcu.table().k = v
	end)
end
test("rcu.map visits each entry once", function()
	local t = rcu.table(8)
	for i = 1, 50 do t["k" .. i] = value(i) end
	local seen, n = {}, 0
	rcu.map(t, function(k, v)
		assert(not seen[k] and k == "k" .. v:getnumber(0))
		seen[k] = true
		n = n + 1
	end)
	assert(n == 50)
end)
test("rcu.map: f may write the table", function()
	local t = rcu.table(8)
	for i = 1, 20 do t["k" .. i] = value(i) end
	rcu.map(t, function(k) t[k] = nil end)
	local n = 0
	rcu.map(t, function() n = n + 1 end)
	assert(n == 0)
end)
fails("rcu.map: an error in f", "map boom", function()
	local t = rcu.table()
	t.a = value(1)
	rcu.map(t, function() error("map boom") end)
end)
test("a table holds a table", function()
	local t, u = rcu.table(), rcu.table()
	t.u = u
	u.d = value(5)
	assert(t.u.d:getnumber(0) == 5)
end)
fails("a table cannot hold itself", "a cycle", function()
	local t = rcu.table()
	t.self = t
end)
fails("nor hold what holds it", "a cycle", function()
	local t, u, v = rcu.table(), rcu.table(), rcu.table()
	t.u = u
	u.v = v
	v.t = t
end)
test("a cycle is refused, but a table may be held twice", function()
	local t, u = rcu.table(), rcu.table()
	t.a = u
	t.b = u
	local w = rcu.table()
	w.t = t
	w.u = u
	assert(w.t.a and w.u)
end)
fails("tables nest at most 8 deep", "nest too deep", function()
	local t = {}
	for i = 1, 10 do t[i] = rcu.table() end
	for i = 9, 1, -1 do t[i].next = t[i + 1] end
end)
test("entries count against the memory limit of the table's maker", function()
	local t = rcu.table()
	local d = data.new(0)
	local key = string.rep("k", 60000)
	local ok, err = pcall(function()
		for i = 1, tap.memory // 60000 + 1 do t[key .. i] = d end
	end)
	assert(not ok and err:find("not enough memory"), err)
	t = nil
	collectgarbage()
	collectgarbage()
	-- once the table is gone its entries are too
	local u = rcu.table()
	for i = 1, tap.memory // 60000 // 2 do u[key .. i] = d end
end)
test("an rcu.table's metatable is sealed", function()
	local t = rcu.table()
	assert(getmetatable(t) == "rcu.table")
	assert(not pcall(setmetatable, t, {}))
end)
