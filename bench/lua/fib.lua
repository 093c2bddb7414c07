-- recursive calls
-- checksum 46368: what each run returns, in the kernel and in user space
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
return fib(24)
