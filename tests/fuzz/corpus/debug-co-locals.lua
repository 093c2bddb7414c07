local co = coroutine.create(function(a, ...)
  local b <close> = setmetatable({}, {__close = function() print("closed") end})
  local x = coroutine.yield(a, ...)
  for i = 1, 2 do coroutine.yield(i, x) end
  return b
end)
print(coroutine.resume(co, 1, 2, 3))
for level = 0, 3 do
  for i = -3, 6 do print(level, i, pcall(debug.getlocal, co, level, i), pcall(debug.setlocal, co, level, i, i)) end
end
print(coroutine.resume(co, "x"), debug.traceback(co, "tb", 0), coroutine.status(co), coroutine.close(co))
print(pcall(debug.getlocal, co, 1, 1), debug.getlocal(print, 1), debug.getlocal(function(p, q, ...) end, 2))
