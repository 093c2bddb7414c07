-- an rcu table that a probe writes in a runtime that may not sleep
-- (hotprobe.lua) and that /dev/lt_rcuboth reads in this one, at once
local device = require("device")
local rcu = require("rcu")
local t = rcu.table(16)
local prober = lunatik.runtime("tests/hotprobe", false)
prober:resume(t)
local function nop() end
device.new({name = "lt_rcuboth", open = nop, release = nop, read = function(self, len, off)
	if off > 0 then return "" end
	local entries, found = 0, 0
	rcu.map(t, function(k, v)
		entries = entries + 1
		assert(v:getnumber(0) == 0 and #v == 8)
	end)
	for i = 0, 63 do
		if t["k" .. i] then found = found + 1 end
	end
	local missed, hits = prober:resume()
	return string.format("%d %d %d %d\n", entries, found, missed, hits)
end})
