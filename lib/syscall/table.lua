-- syscall.table: each system call's name to its entry point as
-- syscall.address gives it, a probe target:
-- probe.new(require("syscall.table").openat, handlers).  A system call
-- that the kernel has no entry point to probe for is not in it.
local syscall = require("syscall")
local targets = {}
for name, number in pairs(syscall.numbers) do
	local ok, address = pcall(syscall.address, number)
	if ok then targets[name] = address end
end
return targets
