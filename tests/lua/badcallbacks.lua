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
-- a read that runs until its runtime is stopped (or its time is up)
device.new{name = "lt_slow", open = nop, release = nop,
	read = function()
		print("lt_slow: reading")
		while true do end
	end}
