local function probe(co)
  for level = 0, 30 do
    local i
    if co then i = debug.getinfo(co, level, "nSltufrL") else i = debug.getinfo(level, "nSltufrL") end
    if not i then break end
    print(level, i.what, i.name, i.currentline, i.nups, i.nparams, i.isvararg, i.istailcall, i.short_src)
  end
  print(debug.getinfo(print).what, debug.getinfo(probe, "L").activelines, debug.traceback("m", 1))
end
local function tail(n) if n > 0 then return tail(n - 1) end probe() end
tail(3)
local co = coroutine.create(function(a) probe() coroutine.yield(a) end)
coroutine.resume(co, 1); probe(co); print(pcall(debug.getinfo, 1, ">"), pcall(debug.getinfo, co, -1))
