-- a runtime that may not sleep, with a probe on lunatik_testlib_target
-- (probe.lua): its task takes the suite's commands and tells its counts
local probe = require("probe")
local testlib = require("testlib")
local n, mode, kept
local function reset() n = {pre = 0, post = 0, ret = 0, args = 0, rets = 0} end
reset()
local p = probe.new("lunatik_testlib_target", {
	pre = function(target, regs)
		n.pre = n.pre + 1
		n.args = n.args + regs:arg(1)
		n.target = target
		n.ip = regs:ip()
		if mode == "error" then
			error("handler boom")
		elseif mode == "loop" then
			while true do end
		elseif mode == "alloc" then
			local t = {}
			for i = 1, math.maxinteger do t[i] = string.rep("x", 1000) .. i end
		elseif mode == "recurse" then
			testlib.hit(1)
		elseif mode == "keep" then
			kept = regs
		elseif mode == "probe" then
			n.err = select(2, pcall(probe.new, "lunatik_testlib_target", {}))
		end
	end,
	post = function() n.post = n.post + 1 end,
	ret = function(target, retval)
		n.ret = n.ret + 1
		n.rets = n.rets + retval
	end,
})
-- before the top level has ended: missed
testlib.hit(3)
local topmissed = p:missed()
local commands = {
	mode = function(m) mode = m end,
	counts = function() return n.pre, n.post, n.ret, n.args, n.rets, p:missed(), n.target, n.ip end,
	reset = reset,
	enable = function(on) p:enable(on) end,
	stop = function() p:stop() end,
	topmissed = function() return topmissed end,
	kept = function() return select(2, pcall(kept.arg, kept, 1)) end,
	err = function() return n.err end,
}
return function(command, ...) return commands[command](...) end
