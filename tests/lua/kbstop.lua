-- swallows 'a' (keycode 30); 'd' deletes the notifier, and 'a' passes again
local notifier = require("notifier")
local kbd, notify = notifier.kbd, notifier.notify
local n
n = notifier.keyboard(function(event, down, shift, key)
	if event == kbd.KEYCODE and key == 32 then
		n:delete()
	elseif event == kbd.KEYCODE and key == 30 then
		return notify.STOP
	end
	return notify.DONE
end)
