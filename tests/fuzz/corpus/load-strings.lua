local big = string.rep("abc\\n", 5000)
print(#load("return '" .. big .. "'")(), #load("return [==[" .. string.rep("]]", 3000) .. "]==]")())
print(load("return '" .. string.rep("\\x41\\u{10FFFF}\\z   \\065", 500) .. "'")():len(), load("return \"" .. string.rep("\\\n", 300) .. "\""))
print(load("--[[" .. string.rep("x", 10000) .. "]] return 1")(), load("return " .. string.rep("9", 400)), load("return 0x" .. string.rep("f", 300))())
print(load("return '\\u{7FFFFFFF}' .. '\\300'"), load(string.rep("\n", 5000) .. "error('line')"), pcall(load(string.rep("\n", 5000) .. "error('line')")))
print(load(string.rep(";", 10000)), load("return " .. string.rep("'s' .. ", 80) .. "'e'")():len(), load("return '" .. string.rep("\0", 1000) .. "'")():len())
local parts = {}; for i = 1, 500 do parts[i] = string.format("%q", string.char(i % 256) .. i) end
print(#load("return {" .. table.concat(parts, ",") .. "}")())
