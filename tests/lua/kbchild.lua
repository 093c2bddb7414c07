-- notifiers made and deleted in every way, in a runtime that may not sleep
local notifier = require("notifier")
local function nop() end
local n = notifier.keyboard(nop)
assert(type(n) == "userdata")
n:delete()
n:delete()
notifier.delete(n)
do
	local closed <close> = notifier.keyboard(nop)
end
notifier.keyboard(nop)  -- kept without a reference, until the runtime stops
local collected = notifier.keyboard(nop)
collected:delete()
collected = nil
collectgarbage()
