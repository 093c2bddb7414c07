local function closer(name, fail)
  return setmetatable({}, {__close = function(_, err) print("close", name, err) if fail then error(name) end end})
end
print(pcall(function() local a <close> = closer("a"); local b <close> = closer("b", true) end))
print(pcall(function() local x <close> = closer("x", true); local y <close> = closer("y", true); error("body") end))
print(pcall(function() local x <close> = 1 end), pcall(function() local n <close> = nil; local f <close> = false end))
local function gen() for i = 1, 3 do local c <close> = closer("l" .. i); if i == 2 then return i end end end
print(gen())
local f, s, c = ipairs({1, 2})
for i, v in f, s, c, closer("for") do if i == 1 then break end end
local co = coroutine.wrap(function() local z <close> = closer("co"); coroutine.yield(1); return 2 end)
print(co(), co())
local c2 = coroutine.create(function() local z <close> = closer("cc", true); coroutine.yield() end)
coroutine.resume(c2); print(coroutine.close(c2), coroutine.status(c2))
