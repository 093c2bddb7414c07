-- a runtime that makes a thread of a runtime given to it, and keeps
-- neither (thread.lua): its end stops the thread
local thread = require("thread")
return function(rt) thread.run(rt, "lunatik-made") end
