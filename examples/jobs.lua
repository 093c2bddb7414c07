-- /lib/modules/lua/jobs.lua
--
-- starts a worker runtime per job, each run by a kernel thread, and keeps
-- neither: a worker's runtime goes when its thread ends.  The workers
-- publish their results in an rcu table, which /dev/jobs tells.
-- usage: $ sudo sbin/lunatik --run jobs
--        $ cat /dev/jobs
--        $ sudo sbin/lunatik --stop jobs

local device = require("device")
local rcu = require("rcu")
local thread = require("thread")

local results = rcu.table(16)
local jobs = {{"small", 1, 1000}, {"medium", 1, 100000}, {"large", 1, 300000}}

for _, job in ipairs(jobs) do
	local worker = lunatik.runtime("job")
	-- the first resume gives the job; the function it returns is the
	-- task that the thread runs
	worker:resume(results, table.unpack(job))
	thread.run(worker, "job-" .. job[1])
end

local driver = {name = "jobs", mode = require("linux").stat.IRUGO}

function driver:open() end
function driver:release() end

function driver:read(len, off)
	if off > 0 then
		return ""
	end
	local lines = {}
	for _, job in ipairs(jobs) do
		local result = results[job[1]]
		lines[#lines + 1] = job[1] .. "\t" .. (result and result:getnumber(0) or "running")
	end
	return table.concat(lines, "\n") .. "\n"
end

device.new(driver)
