-- devices for tests/guest/stress.sh: /dev/lt_echo1 and /dev/lt_echo2 each
-- give back what was last written to them
local device = require("device")
local function nop() end
for n = 1, 2 do
	local last = ""
	device.new{name = "lt_echo" .. n, open = nop, release = nop,
		write = function(self, buf) last = buf end,
		read = function(self, len, off) return last:sub(off + 1, off + len) end}
end
