-- a probe on a hot function, vfs_read, that writes an rcu table given by
-- its task (rcuboth.lua), and one on kfree (the runtime calls kfree, with
-- its lock held: those hits are missed)
local probe = require("probe")
local data = require("data")
local n, t = 0, nil
local value = data.new(8)
local hot = probe.new("vfs_read", {pre = function()
	n = n + 1
	if t then
		t["k" .. n % 64] = value
		if n % 3 == 0 then t["k" .. (n + 7) % 64] = nil end
	end
end})
local freed = 0
local freeing = probe.new("kfree", {pre = function() freed = freed + 1 end})
return function(table)
	t = table
	return hot:missed() + freeing:missed(), n
end
