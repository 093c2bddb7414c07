-- a runtime whose finalizers never end: stopping it still removes its
-- device and gives back the module it pinned (lunatik_testlib)
local device = require("device")
testlib = require("testlib")
device.new{name = "lt_gcclose"}
keep = {}
for i = 1, 2 do
	keep[i] = setmetatable({}, {__gc = function() while true do end end})
end
