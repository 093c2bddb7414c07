-- a child runtime that may not sleep: its top level runs where it may
-- sleep (C libraries, Lua files), its task where it may not (no files)
testlib = require("testlib")
assert(require("tests.module").answer == 42)
assert(dofile("/lib/modules/lua/tests/module.lua").answer == 42)
return function()
	local ok, err = pcall(dofile, "/lib/modules/lua/tests/module.lua")
	assert(not ok and err:find("may not sleep"), err)
	return "atomic"
end
