-- a worker for thread.run (thread.lua): rt:resume(d, mode) sets it up, and
-- the thread runs what it returns.  d: 0, the thread's pid; 8, its count
-- (or what linux.schedule left); 16, 1 once it ended by itself
local thread = require("thread")
local linux = require("linux")
local modes = {
	poll = function(d)
		local n = 0
		while not thread.shouldstop() do
			n = n + 1
			d:setnumber(8, n)
			linux.schedule(5)
		end
	end,
	sleep = function(d)
		d:setnumber(8, -1)
		d:setnumber(8, linux.schedule(60000))
	end,
	spin = function(d)
		d:setnumber(8, 1)
		local guard <close> = setmetatable({}, {__close = function() d:setnumber(16, 2) end})
		while true do end
	end,
	error = function() error("worker boom") end,
}
return function(d, mode)
	return function()
		d:setnumber(0, thread.current():task().pid)
		modes[mode](d)
		d:setnumber(16, 1)
	end
end
