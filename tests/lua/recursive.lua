-- requires itself: an endless recursion of require
require("tests.recursive")
