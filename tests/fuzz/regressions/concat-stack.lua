-- a __concat metamethod that moves the stack (a collection shrinks it):
-- luaV_concat then sets L->top from its pointer into the freed stack
local t = setmetatable({}, {__concat = function() collectgarbage() return "x" end})
local function grow(n) if n > 0 then return 1 + grow(n - 1) end return 0 end
grow(10000)	-- a large stack, for the collection to shrink
local s = "a" .. "b" .. t
