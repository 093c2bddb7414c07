-- /lib/modules/lua/tickerdev.lua
--
-- /dev/ticker, which tells the figure that ticker.lua's thread publishes
-- in the rcu table it gives this runtime's task

local device = require("device")

local shared

local driver = {name = "ticker", mode = require("linux").stat.IRUGO}

function driver:open() end
function driver:release() end

function driver:read(len, off)
	if off > 0 then
		return ""
	end
	local figure = shared and shared.figure
	if not figure then
		return "no tick yet\n"
	end
	return string.format("%d ticks, the last at %d ns\n", figure:getnumber(0), figure:getnumber(8))
end

device.new(driver)

return function(table)
	shared = table
end
