-- past the time limit every check raises, in each message handler too:
-- the error's message was pushed where no call had checked the stack
while true do xpcall(function() while true do end end, function(m) return m end) end
