-- device.new in a runtime that may not sleep: an error
require("device").new({name = "lt_nosleep"})
