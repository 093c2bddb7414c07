-- /lib/modules/lua/job.lua
--
-- a worker of jobs.lua: the sum of the integers from 'from' to 'to',
-- published as results[name]

local data = require("data")

return function(results, name, from, to)
	return function()
		local sum = 0
		for i = from, to do
			sum = sum + i
		end
		local result = data.new(8)
		result:setnumber(0, sum)
		results[name] = result
	end
end
