-- Devices for tests/guest/devices.sh: sbin/lunatik --run tests/devices
local device = require("device")
local stat = require("linux").stat

local function nop() end

-- read returns more than asked: cut to the length; the offset moves by it
device.new{name = "lt_cut", open = nop, release = nop,
	read = function(self, len, off) return "abcdefghij" end}

-- read returns an offset: the file's offset becomes it
device.new{name = "lt_off", open = nop, release = nop,
	mode = stat.IRUSR | stat.IWUSR | stat.IRGRP | stat.IROTH,
	read = function(self, len, off) return "xy", off + 100 end}

-- write returns nothing: all was written; read gives back the last write
local last = ""
device.new{name = "lt_wr", open = nop, release = nop,
	write = function(self, buf, off) last = buf end,
	read = function(self, len, off) return last:sub(off + 1, off + len) end}

-- write returns more than asked (corrected), or a length and an offset
device.new{name = "lt_wrlen", open = nop, release = nop,
	write = function(self, buf, off)
		if buf == "big" then return 1000 end
		return 2, 50
	end}

-- callbacks that fail: an error, a wrong type
device.new{name = "lt_err", open = nop, release = nop,
	read = function() error("read failed on purpose") end,
	write = function() return {} end}
device.new{name = "lt_badread", open = nop, release = nop,
	read = function() return {} end}

-- no callbacks but open and release: reads and writes get ENXIO; no open at all: open does
device.new{name = "lt_noread", open = nop, release = nop}
device.new{name = "lt_none"}

-- a session per open file: open returns the table that its callbacks get
device.new{name = "lt_session",
	open = function(driver) return setmetatable({reads = 0}, {__index = driver}) end,
	release = nop,
	read = function(self)
		self.reads = self.reads + 1
		return tostring(self.reads)
	end}

-- deletes itself when written "delete"
local deletable
deletable = device.new{name = "lt_del", open = nop, release = nop,
	read = function() return "alive" end,
	write = function(self, buf)
		if buf == "delete" then deletable:delete() end
	end}
