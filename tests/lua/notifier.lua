-- The 'notifier' library, as far as it goes without key presses.
local tap = require("tests.tap")
local test, fails = tap.test, tap.fails
local notifier = require("notifier")

test("notifier.kbd", function()
	local k = notifier.kbd
	assert(k.KEYCODE == 1 and k.UNBOUND_KEYCODE == 2 and k.UNICODE == 3)
	assert(k.KEYSYM == 4 and k.POST_KEYSYM == 5)
end)
test("notifier.notify", function()
	local n = notifier.notify
	assert(n.DONE == 0 and n.OK == 1 and n.BAD == 0x8002 and n.STOP == 0x8001)
end)
fails("keyboard needs a runtime that may not sleep", "needs a runtime that may not sleep",
	function() notifier.keyboard(function() end) end)
fails("keyboard needs a function", "function expected", function()
	notifier.keyboard(42)
end)
test("keyboard, delete and garbage collection where it may not sleep", function()
	local rt = lunatik.runtime("tests/kbchild", false)
	rt:stop()
end)
test("at most 64 keyboard notifiers", function()
	local rt = lunatik.runtime("tests/kbmany", false)
	rt:stop()
end)
fails("delete needs a notifier", "notifier expected", function()
	notifier.delete({})
end)
