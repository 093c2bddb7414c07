-- a slow keyboard callback, to be stopped while key events are in flight:
-- each keycode event (a key's press or release) is a line in the log
local notifier = require("notifier")
notifier.keyboard(function(event, down, shift, key)
	if event == notifier.kbd.KEYCODE then
		print("lunatik-kbslow", key, down)
	end
	local x = 0
	for i = 1, 100000 do x = x + i end
	return x > 0 and 0 or 1
end)
