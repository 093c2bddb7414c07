-- devices whose callbacks never end, run out of memory, or fail oddly
local device = require("device")
local function nop() end
device.new{name = "lt_endless", open = nop, release = nop,
	read = function() while true do end end}
device.new{name = "lt_backtrack", open = nop, release = nop,
	read = function() return string.find(string.rep("a", 5000), ".-.-.-.-.-b") end}
device.new{name = "lt_hog", open = nop, release = nop,
	read = function()
		local t = {}
		for i = 1, math.maxinteger do t[i] = string.rep("x", 1000) .. i end
	end}
device.new{name = "lt_badobject", open = nop, release = nop,
	read = function() error(setmetatable({}, {__tostring = function() error("again") end})) end}
-- a read that takes a while (to stop the runtime under it)
device.new{name = "lt_slow", open = nop, release = nop,
	read = function()
		local n = 0
		for i = 1, 3000000 do n = n + i end
		return "x"
	end}
