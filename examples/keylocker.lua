-- /lib/modules/lua/keylocker.lua
--
-- locks the keyboard: swallows every key until "unlock" is typed
-- usage: $ sudo sbin/lunatik --run keylocker
--        (a keyboard notifier runs where it may not sleep: --run gives
--        this script such a runtime)

local notifier = require("notifier")

local kbd, notify = notifier.kbd, notifier.notify
local unlock = {22, 49, 38, 24, 46, 37} -- keycodes of u, n, l, o, c, k
local typed = 0 -- how much of it has been typed

local locker
locker = notifier.keyboard(function(event, down, shift, key)
	if event ~= kbd.KEYCODE or not down then
		return notify.STOP
	end
	if key == unlock[typed + 1] then
		typed = typed + 1
	else
		typed = key == unlock[1] and 1 or 0
	end
	if typed == #unlock then
		locker:delete()
		print("keylocker: unlocked")
	end
	return notify.STOP
end)
print("keylocker: the keyboard is locked; type 'unlock'")
