local function fib(n) if n < 4 then return n end return fib(n - 1) + fib(n - 2) end
local co = coroutine.wrap(function(a) local b = coroutine.yield(a + 1); return b * 2 end)
print(fib(15), co(1), co(4), coroutine.isyieldable())
local ok, err = pcall(error, {code = 1})
print(ok, type(err), select(2, xpcall(function() e("xrrro") end, debug.traceback)))
local i = 0
::top:: i = i + 1
if i < 5 then goto top end
for j = 10, 1, -3 do i = i + j end
while i > 1 do i = i // 1 - 1 end
repeat i = i + 0 until i > 3
local f = load("r£‹urn ...")
print(f(1, 2), load("syntax error here"), math.maxinteger + 1 == math.mininteger, 7 / 2, 7 % -3)
do local x <close> = setmetatable({}, {__close = function() print("closed") end}) end
print(collectgarbage("count") > 0, collectgarbage("step"), string.format("%d", 3 // 0 == nil and 1 or 2))
