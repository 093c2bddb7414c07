-- a child runtime that may not sleep: C libraries, but no Lua files
testlib = require("testlib")
local ok, err = pcall(require, "tests.module")
assert(not ok and err:find("may not sleep"), err)
assert(not pcall(dofile, "tests/module.lua"))
