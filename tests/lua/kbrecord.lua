-- prints every keycode event: what a keyboard callback sees
local notifier = require("notifier")
notifier.keyboard(function(event, down, shift, key)
	if event == notifier.kbd.KEYCODE then
		print("lunatik-key", key, down, shift)
	end
end)
