local base = {x = 1}
local t = base
for i = 1, 50 do t = setmetatable({}, {__index = t, __newindex = t}) end
print(t.x, t.y, pcall(function() t.z = 3 end), base.z, rawget(t, "z"))
local loop = {}; setmetatable(loop, {__index = loop, __newindex = loop})
print(pcall(function() return loop.a end), pcall(function() loop.a = 1 end))
local c = setmetatable({}, {__call = function(self, a, b) return a, b end})
for i = 1, 10 do c = setmetatable({}, {__call = c}) end
print(pcall(c, 1, 2), pcall(setmetatable({}, {__call = 1})), pcall(setmetatable({}, {__index = function(t, k) return t[k .. "x"] end}).a))
local f = setmetatable({}, {__index = function(_, k) return k end, __newindex = rawset})
f[1] = 2; print(f[1], f[2], f.z, rawequal(f, f), rawlen(f))
