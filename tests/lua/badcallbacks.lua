-- devices whose callbacks never end, or fail oddly
local device = require("device")
local function nop() end
device.new{name = "lt_endless", open = nop, release = nop,
	read = function() while true do end end}
device.new{name = "lt_badobject", open = nop, release = nop,
	read = function() error(setmetatable({}, {__tostring = function() error("again") end})) end}
