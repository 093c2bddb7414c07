local log = {}
for i = 1, 20 do setmetatable({}, {__gc = function(o) log[#log + 1] = i; if i % 5 == 0 then error("gc" .. i) end end}) end
local res = setmetatable({}, {__gc = function(o) _G.back = o end})
res = nil; collectgarbage(); collectgarbage()
print(#log, _G.back)
local wk = setmetatable({}, {__mode = "k"}); local wv = setmetatable({}, {__mode = "v"}); local kv = setmetatable({}, {__mode = "kv"})
for i = 1, 100 do local k = {} wk[k] = i; wv[i] = {}; kv[k] = {} ; kv[i] = "s" .. i end
wk[wk] = wv; wv[1] = wk; collectgarbage()
local n = 0; for _ in pairs(wk) do n = n + 1 end; for _ in pairs(wv) do n = n + 1 end; for _ in pairs(kv) do n = n + 1 end
print(n, collectgarbage("step", 10), collectgarbage("incremental"), collectgarbage("generational"), collectgarbage("incremental"))
setmetatable({}, {__gc = function() collectgarbage() end}); setmetatable({}, {__gc = function() setmetatable({}, getmetatable(_G) or {__gc = print}) end})
