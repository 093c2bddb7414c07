-- /lib/modules/lua/syscounter.lua
--
-- counts some system calls with probes, and tells the counts in
-- /dev/syscounter: one script, in one runtime
-- usage: $ sudo sbin/lunatik --run syscounter
--        $ cat /dev/syscounter
--        $ sudo sbin/lunatik --stop syscounter
-- (probes need a runtime that may not sleep: --run gives it one, whose
-- top level still makes the device and the probes where it may sleep;
-- the device's read then runs with the runtime's spinlock held, as the
-- probes' handlers do, so they never see a count half made)

local device = require("device")
local probe = require("probe")
local targets = require("syscall.table")

local names = {"openat", "read", "write", "getpid"}
local counts = {}

for _, name in ipairs(names) do
	counts[name] = 0
	probe.new(targets[name], {pre = function() counts[name] = counts[name] + 1 end})
end

local driver = {name = "syscounter", mode = require("linux").stat.IRUGO}

function driver:open() end
function driver:release() end

function driver:read(len, off)
	if off > 0 then
		return ""	-- one read tells it all
	end
	local lines = {}
	for _, name in ipairs(names) do
		lines[#lines + 1] = name .. "\t" .. counts[name]
	end
	return table.concat(lines, "\n") .. "\n"
end

device.new(driver)
