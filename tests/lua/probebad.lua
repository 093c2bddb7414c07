-- what probe.new refuses, tried in the top level of a runtime that may not
-- sleep (probe.lua); its task gives the errors
local probe = require("probe")
local errors = {}
local function try(target, handlers)
	local ok, err = pcall(probe.new, target, handlers)
	errors[#errors + 1] = ok and "no error" or err
end
for _, target in ipairs({"lunatik_resume", "luaL_checkinteger", "luadata_view", "luaprobe_new",
	"no_such_function_xyz", "", 0, 1}) do
	try(target, {pre = function() end})
end
try("lunatik_testlib_target", {pre = 1})
try("lunatik_testlib_target", nil)
return function(i) return errors[i], #errors end
