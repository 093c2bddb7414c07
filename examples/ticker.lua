-- /lib/modules/lua/ticker.lua
--
-- a kernel thread that wakes every 100 ms and publishes how often it
-- woke in an rcu table, which a device of another runtime reports
-- (tickerdev.lua)
-- usage: $ sudo sbin/lunatik --spawn ticker
--        $ cat /dev/ticker
--        $ sudo sbin/lunatik --stop ticker
-- (--spawn runs the script, then the function it returns in a thread)

local data = require("data")
local linux = require("linux")
local rcu = require("rcu")
local thread = require("thread")

local shared = rcu.table(4)
-- a runtime of its own for the device: the thread's sleeps never hold it
local reporter = lunatik.runtime("tickerdev")
reporter:resume(shared)

return function()
	local ticks = 0
	while not thread.shouldstop() do
		ticks = ticks + 1
		-- a new figure each time: a reader gets the last one, whole
		local figure = data.new(16)
		figure:setnumber(0, ticks)
		figure:setnumber(8, linux.time())
		shared.figure = figure
		linux.schedule(100)
	end
end
