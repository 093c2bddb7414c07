-- a runtime that uses a C library of another module (lunatik_testlib)
testlib = require("testlib")
