-- a device in a runtime that may not sleep: made by the top level, its
-- callbacks run with the runtime's spinlock held; the task (also an entry
-- that may not sleep) cannot make one
local device = require("device")
local dev = device.new({name = "lt_nosleep", read = function() return "atomic\n" end})
return function()
	local ok, err = pcall(device.new, {name = "lt_nosleep2"})
	assert(not ok and err:find("may not sleep"), err)
	dev:delete()	-- finishes in a work item
	return "deleted"
end
