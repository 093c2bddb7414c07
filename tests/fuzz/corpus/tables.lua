local t = setmetatable({}, {__index = function(t, k) return k * 2 end,
	__newindex = function(t, k, v) rawset(t, k, v + 1) end,
	__len = function() return 3 end, __call = function(self, x) return x end,
	__concat = function(a, b) return "c" end, __eq = function() return true end,
	__lt = function() return false end, __le = function() return true end,
	__unm = function() return 0 end, __idiv = function() return 1 end,
	__band = function() return 2 end, __shl = function() return 3 end,
	__tostring = function() return "T" end, __close = function() end})
t[1] = 5
local u = {5, 3, 9, 1, 7}
table.sort(u, function(a, b) return a > b end)
table.insert(u, 2, 4); table.remove(u, 1)
print(t[1], t[10], #t, t(9), t .. "x", t == {}, t < t, -t, t / 2, t & 1, t << 1, tostring(t))
print(table.unpack(table.move(u, 1, 3, 2, {})), select("#", table.unpack({1, nil, 3})))
for k, v in pairs({a = 1, b = 2}) do print(k, v) end
for i, v in ipairs(u) do print(i, v) end
