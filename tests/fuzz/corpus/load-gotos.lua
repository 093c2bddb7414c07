local b = {}
for i = 1, 200 do b[#b + 1] = "goto l" .. i .. " ::l" .. i .. "::" end
print(load(table.concat(b, " ") .. " return 1")())
local c = {"local n = 0"}
for i = 1, 100 do c[#c + 1] = "::a" .. i .. ":: n = n + 1 if n < " .. i * 2 .. " then goto a" .. i .. " end" end
print(load(table.concat(c, "\n") .. " return n")())
print(load("goto x local y ::x:: print(y)"), load("do goto e end ::e:: ::e::"), load("::a:: ::a::"), load("goto nowhere"))
print(load("for i = 1, 3 do " .. string.rep("do goto continue end ", 50) .. "::continue:: end return 1")())
print(load("while true do local x <close> = nil goto out end ::out:: return 2")())
