local mt = {}
mt.__eq = function(a, b) return rawlen(a) == rawlen(b) end
mt.__concat = function(a, b) return (type(a) == "table" and "T" or a) .. (type(b) == "table" and "T" or b) end
mt.__len = function(a) return rawlen(a) * 2 end
mt.__lt = function(a, b) return #a < #b end
mt.__le = function(a, b) return #a <= #b end
mt.__unm = function(a) return a end
mt.__tostring = function(a) return "obj" .. rawlen(a) end
mt.__name = "Obj"
local a, b = setmetatable({1}, mt), setmetatable({1, 2}, mt)
print(a == b, a ~= b, a .. b, 1 .. a, a .. "s" .. b .. 2, #a, a < b, a <= b, -a == a, tostring(a), a == setmetatable({1}, mt))
print(pcall(function() return a + 1 end), pcall(function() return a // b end), pcall(function() return a & 1 end))
local m2 = {__eq = function() error("eq") end, __concat = function() return {} end, __len = function() return "x" end}
local c, d = setmetatable({}, m2), setmetatable({}, m2)
print(pcall(function() return c == d end), pcall(function() return c .. d .. c end), pcall(function() return #c end))
print(pcall(function() return ("x"):rep(3) .. c end), setmetatable({}, {__metatable = "locked"}), pcall(setmetatable, setmetatable({}, {__metatable = 1}), {}))
