-- The 'probe' and 'syscall' libraries: kprobes whose handlers are Lua, in
-- a runtime that may not sleep (prober.lua), on a function of
-- lunatik_testlib that testlib.hit calls.
local tap = require("tests.tap")
local test, fails = tap.test, tap.fails
local probe = require("probe")
local syscall = require("syscall")
local testlib = require("testlib")

local function prober() return lunatik.runtime("tests/prober", false) end

test("syscall.numbers", function()
	local numbers = {x86_64 = {getpid = 39, openat = 257}, aarch64 = {getpid = 172, openat = 56}}
	for name, nr in pairs(numbers[tap.arch]) do assert(syscall.numbers[name] == nr, name) end
	local n = 0
	for name, nr in pairs(syscall.numbers) do
		assert(type(name) == "string" and type(nr) == "number" and nr >= 0)
		n = n + 1
	end
	assert(n > 250, n)
end)
test("syscall.address and syscall.table give the same targets", function()
	local address = syscall.address(syscall.numbers.openat)
	assert(type(address) == "number" and address ~= 0)
	assert(require("syscall.table").openat == address)
end)
fails("syscall.address of no system call", "no entry point to probe for system call -1", function()
	syscall.address(-1)
end)

-- PREEMPT_RT's runtimes cannot run where probes' handlers do (yet)
local rt = select(2, pcall(prober))
local preemptrt = type(rt) == "string" and rt:find("PREEMPT_RT") ~= nil
if type(rt) ~= "string" then rt:stop() end
if preemptrt then
	test("probes are refused on PREEMPT_RT, saying why", function()
		local ok, err = pcall(prober)
		assert(not ok and err:find("probes are not served on PREEMPT_RT yet"), err)
	end)
	return
end

test("pre, post and ret run for each hit, with the target, argument and result", function()
	local rt <close> = prober()
	assert(testlib.hit(10) == 110)
	local pre, post, ret, args, rets, missed, target, ip = rt:resume("counts")
	assert(pre == 10 and post == 10 and ret == 10, pre .. " " .. post .. " " .. ret)
	assert(args == 55 and rets == 110, args .. " " .. rets)
	assert(target == "lunatik_testlib_target" and ip ~= 0, target)
end)
test("a hit before the script's top level has ended is missed", function()
	local rt <close> = prober()
	assert(rt:resume("topmissed") == 3)
	assert(rt:resume("counts") == 0)
end)
test("p:enable turns the handlers off and on", function()
	local rt <close> = prober()
	rt:resume("enable", false)
	testlib.hit(4)
	assert(rt:resume("counts") == 0)
	rt:resume("enable", true)
	testlib.hit(4)
	assert(rt:resume("counts") == 4)
end)
test("p:stop removes the probe, from a handler's runtime too", function()
	local rt <close> = prober()
	rt:resume("stop")
	rt:resume("stop")
	testlib.hit(4)
	assert(rt:resume("counts") == 0)
end)
test("a hit while the runtime is in use is missed, not waited for", function()
	local rt <close> = prober()
	rt:resume("mode", "recurse")
	testlib.hit(5)
	local pre, post, ret, args, rets, missed = rt:resume("counts")
	assert(pre == 5 and missed == 3 + 5, pre .. " " .. missed)
end)
test("a handler's error is logged, and the next hit runs", function()
	local rt <close> = prober()
	rt:resume("mode", "error")
	testlib.hit(3)
	assert(rt:resume("counts") == 3)
end)
test("a handler that never ends is ended by the atomic time limit", function()
	local rt <close> = prober()
	rt:resume("mode", "loop")
	assert(testlib.hit(2) == 6)
	local pre, post = rt:resume("counts")
	assert(pre == 2 and post == 2)
	rt:resume("mode", "count")
	testlib.hit(1)
	assert(rt:resume("counts") == 3)
end)
test("a handler that allocates until the memory limit is ended", function()
	local rt <close> = prober()
	rt:resume("mode", "alloc")
	testlib.hit(1)
	rt:resume("mode", "count")
	testlib.hit(1)
	assert(rt:resume("counts") == 2)
end)
test("registers are valid during the handler's call only", function()
	local rt <close> = prober()
	rt:resume("mode", "keep")
	testlib.hit(1)
	local err = rt:resume("kept")
	assert(err:find("registers used after their handler's call"), err)
end)
test("probe.new in a handler is refused", function()
	local rt <close> = prober()
	rt:resume("mode", "probe")
	testlib.hit(1)
	local err = rt:resume("err")
	assert(err:find("install probes in the script's top level"), err)
end)
test("stopping the runtime removes its probes", function()
	local rt = prober()
	rt:stop()
	assert(testlib.hit(3) == 12)
end)
fails("probe.new needs a runtime that may not sleep", "needs a runtime that may not sleep",
	function()
		probe.new("lunatik_testlib_target", {})
	end)
local refused = {
	"it is Lunatik's own", "it is Lunatik's own", "it is Lunatik's own", "it is Lunatik's own",
	"cannot probe 'no_such_function_xyz'", "not a kernel function's name", "cannot probe",
	"cannot probe", "handler 'pre' must be a function", "table expected",
}
for i, message in ipairs(refused) do
	test("probe.new refuses what it cannot probe (" .. i .. ")", function()
		local rt <close> = lunatik.runtime("tests/probebad", false)
		local err, n = rt:resume(i)
		assert(n == #refused, n)
		assert(err:find(message, 1, true), err)
	end)
end
test("syscall.address gives a probe target", function()
	local rt <close> = lunatik.runtime("tests/probesyscall", false)
	assert(rt:resume() == "probing")
end)
