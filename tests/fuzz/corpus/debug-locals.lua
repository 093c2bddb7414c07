local function probe()
  for level = 2, 40 do
    if not debug.getinfo(level, "S") then break end
    for i = -4, 12 do
      local n, v = debug.getlocal(level, i)
      if n then print(level, i, n, debug.setlocal(level, i, {}), debug.setlocal(level, i, v)) end
    end
  end
end
local a, b <const>, c = 1, 2, "three"
print(("abc"):gsub("%w", function(x) probe() return x:upper() end))
local t = {5, 3, 1, 4}; table.sort(t, function(x, y) probe() return x < y end)
for w in ("one two"):gmatch("%a+") do probe() end
for i = 1, 2 do local z = i * 2; probe() end
print(pcall(string.rep, setmetatable({}, {__tostring = probe}), 2), select(2, xpcall(probe, probe)))
coroutine.wrap(function(...) local q = ...; probe(); coroutine.yield(); probe() end)(7)
