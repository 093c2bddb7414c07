-- keyboard notifiers, of all runtimes, are at most 64 (notifier.lua)
local notifier = require("notifier")
local function nop() end
local made = {}
local ok, n
for i = 1, 65 do
	ok, n = pcall(notifier.keyboard, nop)
	if not ok then
		break
	end
	made[i] = n
end
-- (those of runtimes stopped just before may not be unregistered yet)
assert(not ok and n:find("too many keyboard notifiers (at most 64)", 1, true), tostring(n))
assert(#made <= 64, "made " .. #made)
for _, m in ipairs(made) do
	m:delete()
end
