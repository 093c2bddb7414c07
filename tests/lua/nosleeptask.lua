-- the task of a runtime that may not sleep (thread.lua)
local linux = require("linux")
return function() return select(2, pcall(linux.schedule, 1)) end
