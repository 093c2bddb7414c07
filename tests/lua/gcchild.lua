-- a child runtime of a REPL whose finalizers never end (adversarial.sh)
local device = require("device")
testlib = require("testlib")
device.new{name = "lt_gcchild"}
