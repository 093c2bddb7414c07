-- /dev/luapage: 4 KiB per read, against bench/kernel/natdev.c's /dev/natpage
local device = require("device")
local page = string.rep("x", 4096)
local function nop() end
device.new{name = "luapage", open = nop, release = nop, mode = 292,
	read = function() return page end}
