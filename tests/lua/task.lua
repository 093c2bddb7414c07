-- a task for rt:resume (resume.lua): its first argument says what it does
local kept
local modes = {
	echo = function(...) return ... end,
	table = function() return {} end,
	fn = function() return 1, print end,
	error = function() error("task boom") end,
	swap = function()
		local n = 0
		return function(...)
			n = n + 1
			return n, ...
		end, "swapped"
	end,
	self = function(rt)
		return select(2, pcall(rt.resume, rt, "echo")), select(2, pcall(rt.stop, rt))
	end,
	write = function(d, off, v)
		d:setint32(off, v)
		return d
	end,
	put = function(t, k, v) t[k] = v end,
	keep = function(rt) kept = rt end,
	usekept = function() return getmetatable(kept) end,
	drop = function() kept = nil; collectgarbage(); collectgarbage() end,
}
return function(mode, ...) return modes[mode](...) end
