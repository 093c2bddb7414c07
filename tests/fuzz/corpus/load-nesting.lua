local function nest(open, close, n, body) return string.rep(open, n) .. body .. string.rep(close, n) end
print(load(nest("do ", " end", 40, "x = 1")), load(nest("if true then ", " end", 30, "y = 2")))
print(load(nest("while true do ", " break end", 30, "")), load(nest("function f() ", " end", 25, "return 1")))
print(load("return " .. nest("function() return ", " end", 20, "1")), load(nest("for i = 1, 1 do ", " end", 30, "")))
print(load("return " .. nest("{", "}", 45, "")), load(nest("repeat ", " until true", 35, "")), load("x = " .. nest("f(", ")", 40, "")))
print(load("return " .. nest("coroutine.wrap(function() return ", " end)()", 10, "1")))
print(pcall(load("return " .. nest("(function() return ", " end)()", 150, "1"))), load(nest("do ", " end", 300, "")))
