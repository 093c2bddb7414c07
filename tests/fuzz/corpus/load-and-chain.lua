local parts = {}
for i = 1, 300 do parts[i] = "x" .. (i % 7) .. " == " .. i end
local src = "local x0, x1, x2, x3, x4, x5, x6 = ... return " .. table.concat(parts, " and ")
print(load(src)(1, 2, 3, 4, 5, 6, 7), load("return " .. string.rep("not ", 100) .. "nil")())
print(load("return " .. string.rep("(", 50) .. "1" .. string.rep(")", 50)), load("return " .. string.rep("1 or ", 500) .. "2")())
print(load("return " .. string.rep("a.", 300) .. "b"), load("local t = {" .. string.rep("{", 40) .. string.rep("}", 40) .. "} return #t")())
print(load("return " .. string.rep("- ", 40) .. "1")(), load("return " .. string.rep("1 .. ", 100) .. "1")():len())
