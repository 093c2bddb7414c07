local names = {}
for i = 1, 199 do names[i] = "l" .. i end
local src = "local " .. table.concat(names, ", ") .. " = 1 return l1, l199"
print(load(src)(), load("local " .. table.concat(names, ", ") .. ", z1, z2, z3 = 1"))
local up = {}
for i = 1, 190 do up[#up + 1] = "local u" .. i .. " = " .. i end
print(load(table.concat(up, "\n") .. "\nreturn function() return u1 + u190 end"))
local regs = "return " .. string.rep("{}, ", 240) .. "{}"
print(select("#", load(regs)()), load("local a <close>, b <close> = nil, nil return " .. string.rep("a, ", 200) .. "b"))
print(load(string.rep("local x = 1 ", 150) .. "return x")())
