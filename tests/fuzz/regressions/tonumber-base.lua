-- tonumber with a base reads every digit and spends nothing
local s = string.rep("1", 1 << 22)
while true do local _ = tonumber(s, 36), tonumber(s, 2) end
