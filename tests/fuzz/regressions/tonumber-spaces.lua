-- a string converted to a number (tonumber, arithmetic) is scanned whole
-- (spaces, digits) and spends nothing
local s = string.rep(" ", 1 << 22) .. "1"
while true do local _ = tonumber(s), s + 0, s * 1, -s end
