local x = 0
local u = debug.upvalueid(function() return x end, 1)
local libs = {_G, string, table, coroutine, debug, utf8, math, package}
local skip = {sethook = true, yield = true, error = true}
for _, lib in ipairs(libs) do
  for name, fn in pairs(lib) do
    if type(fn) == "function" and not skip[name] then
      print(name, pcall(fn, u), pcall(fn, u, u), pcall(fn, "a", u), pcall(fn, u, 1, u), pcall(fn, {}, u, 1))
    end
  end
end
local t = {[u] = u}; t[u] = nil; t[u] = 1
print(tostring(u), string.format("%p %s", u, u), u == u, pcall(function() return u < u end), #t, next(t), type(u))
print(pcall(debug.setmetatable, u, {}), debug.getmetatable(u), pcall(debug.setuservalue, u, 1), debug.getuservalue(u))
