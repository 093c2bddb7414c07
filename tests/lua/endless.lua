-- never ends, but for the runtime's time limit
while true do end
