local x, y = 1, {}
local function f() return x, y end
local function g() y = x + 1 return y end
for _, fn in ipairs({f, g, print, string.gmatch("a", "a"), coroutine.wrap(function() end), load("return _ENV")}) do
  for i = -1, 4 do
    print(i, debug.getupvalue(fn, i), pcall(debug.setupvalue, fn, i, 5), pcall(debug.upvalueid, fn, i))
  end
end
print(pcall(debug.upvaluejoin, f, 1, g, 1), pcall(debug.upvaluejoin, f, 1, print, 1), pcall(debug.upvaluejoin, print, 1, f, 1))
print(f(), g(), debug.upvalueid(f, 1) == debug.upvalueid(g, 1), pcall(debug.upvaluejoin, f, 3, g, 1))
debug.setupvalue(load("return x"), 1, {x = 9}); print(debug.getupvalue(string.gmatch("ab", "."), 1))
