-- tests/tap.lua: a suite's cases, which lunatik_test.ko runs one by one,
-- each in a lunatik_run() of its own.  Before the first case the runner
-- sets tap.memory, the runtime's memory limit in bytes, tap.timeout, its
-- time limit in ms, and tap.arch, the kernel's architecture as uname -m
-- names it ("x86_64", "aarch64").
local tap = {}

-- a case passes if 'fn' returns
function tap.test(name, fn)
	tap[#tap + 1] = {name = name, fn = fn}
end

-- a case passes if 'fn' raises an error whose message contains 'message'
function tap.fails(name, message, fn)
	tap[#tap + 1] = {name = name, fn = fn, fails = message}
end

-- a case passes if 'fn' ends in "time limit exceeded", and in time: before
-- twice the runtime's time limit
function tap.limited(name, fn)
	tap[#tap + 1] = {name = name, fn = fn, fails = "time limit exceeded", limited = true}
end

return tap
