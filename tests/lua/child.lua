-- a child runtime: it has no 'lunatik' library, and cannot require it
assert(lunatik == nil, "child has lunatik")
assert(not pcall(require, "lunatik"), "child can require lunatik")
testlib = require("testlib")
