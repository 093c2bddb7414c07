-- a keyboard callback that never ends: the runtime's time limit ends it
require("notifier").keyboard(function(event)
	if event == 1 then while true do end end
end)
