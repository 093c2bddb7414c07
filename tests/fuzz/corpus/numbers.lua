print(1 << 63, 1 >> 64, -1 >> 1, ~0, 5 & 3 | 8 ~ 1, math.ult(1, -1), math.abs(math.mininteger))
print(tonumber("0x10"), tonumber("10", 2), tonumber("z", 36), tonumber("1e5"), "10" + 5, 10 .. 20)
print(math.tointeger("8"), math.max(1, 5, 3), math.min(4, 2), 9 // -2, -9 % 4, 0x7fffffffffffffff // -1)
for i = math.maxinteger - 2, math.maxinteger do print(i) end
for i = math.mininteger, math.mininteger + 2 do print(i) end
print(pcall(function() return 1 // 0 end), pcall(function() return 1 % 0 end))
