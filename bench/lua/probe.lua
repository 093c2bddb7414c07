-- a Lua probe on getpid(2)'s entry point that counts its hits in a table
-- (make bench holds it to bench/kernel/natprobe.c's)
local probe = require("probe")
local counts = {getpid = 0}
probe.new(require("syscall.table").getpid, {pre = function()
	counts.getpid = counts.getpid + 1
end})
