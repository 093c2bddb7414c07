local n = 0
local function hook(ev, line)
  n = n + 1
  local i = debug.getinfo(2, "nSl")
  if n % 7 == 0 then debug.getlocal(2, 1) end
  if n > 200 then debug.sethook() end
end
debug.sethook(hook, "crl", 3)
local function fib(k) if k < 2 then return k end return fib(k - 1) + fib(k - 2) end
print(fib(8), debug.gethook())
debug.sethook(function() if debug.getinfo(2, "f").func == fib then debug.sethook() error("from a hook") end end, "", 1)
print(pcall(fib, 5)); debug.sethook()
local co = coroutine.create(function() for i = 1, 3 do coroutine.yield(i) end end)
debug.sethook(co, function(e) print("co", e) end, "cr", 2)
print(coroutine.resume(co), debug.gethook(co), coroutine.resume(co), debug.traceback(co), debug.traceback(co, nil, 1))
debug.sethook(co); print(debug.traceback(), debug.traceback(nil), debug.traceback({}), debug.traceback("x", 50))
