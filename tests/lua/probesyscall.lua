-- a probe on a system call's entry point, by syscall.address (probe.lua)
local probe = require("probe")
local syscall = require("syscall")
local p = probe.new(syscall.address(syscall.numbers.getpid), {pre = function() end})
local q = probe.new(require("syscall.table").openat, {pre = function() end})
return function() return "probing" end
