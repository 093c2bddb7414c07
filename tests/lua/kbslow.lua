-- a slow keyboard callback, to be stopped while key events are in flight
require("notifier").keyboard(function(event)
	local x = 0
	for i = 1, 100000 do x = x + i end
	return x > 0 and 0 or 1
end)
