-- found by require("tests"), through package.path's "?/init.lua"
return "tests/init.lua"
