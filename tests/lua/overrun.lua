-- C work that a script makes long: each case reaches the time limit in
-- time, before twice the limit.  core.sh runs this suite with a time limit
-- of 250 ms, which C work that spent nothing overran by seconds.
local tap = require("tests.tap")
local limited = tap.limited

limited("argument errors, with package.loaded full of aliases", function()
	local big = {}
	for i = 1, 2000 do big["f" .. i] = i end
	for i = 1, 300 do package.loaded["lt_alias" .. i] = big end
	while true do pcall(string.rep) end
end)
limited("next over a sparse table", function()
	local t = {}
	for i = 1, 50000 do t[i] = i end
	for i = 1, 49999 do t[i] = nil end
	while true do next(t) end
end)
limited("__index chains of tables", function()
	local t = {}
	for i = 1, 1900 do t = setmetatable({}, {__index = t}) end
	while true do local _ = t.x end
end)
limited("__newindex chains of tables", function()
	local t = {}
	for i = 1, 1900 do t = setmetatable({}, {__newindex = t}) end
	local u = t
	while true do u.x = nil end
end)
limited("a chunk of long 'and' chains", function()
	local src = "return x" .. string.rep(" and x", 60000)
	while true do load(src) end
end)
limited("a pattern's [set] of 64 KiB", function()
	local pattern = "^[" .. string.rep("a", 1 << 16) .. "x]*$"
	local s = string.rep("x", 1 << 10)
	while true do s:find(pattern) end
end)
limited("%b over a long string", function()
	local s = string.rep("(", 1 << 16)
	while true do s:find("%b()") end
end)
limited("string.packsize of a long format", function()
	local f = string.rep(" ", 1 << 20)
	while true do string.packsize(f) end
end)
limited("tonumber of a long string of spaces", function()
	local s = string.rep(" ", 1 << 20) .. "1"
	while true do local _ = tonumber(s) end
end)
limited("lookups with a long key, equal to the table's", function()
	local a = string.rep("x", 1 << 20)
	local b = a:sub(1, -2) .. "x"
	local t = {[a] = true}
	while true do local _ = t[b], t[b], t[b], t[b] end
end)

return tap
