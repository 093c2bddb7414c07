-- deletes its notifier from its own callback, the first time it runs
local notifier = require("notifier")
local n
n = notifier.keyboard(function()
	print("lunatik-kbdelete")
	n:delete()
end)
