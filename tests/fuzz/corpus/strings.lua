local s = ("Hello, World"):rep(3, "|")
local t = {}
for w in s:gmatch("%a+") do t[#t + 1] = w:upper():lower() end
assert(s:find("World", 1, true) and s:match("(%w+), (%w+)"))
local r = s:gsub("(o)(%w)", "%2%1"):sub(2, -2):reverse()
print(string.format("%5d %-5s %x %q %c", 42, "ab", 255, "a\n\0b", 65), #r, table.concat(t, ","))
print(string.pack("i4j", 7, -1):byte(1, -1), string.unpack("z", "abc\0"))
print(utf8.char(228, 8364), utf8.len("\xE2\x82\xAC"), ("%b()"):len(), ("x"):rep(10):find("x-$"))
