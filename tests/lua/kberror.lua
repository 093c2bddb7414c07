-- a keyboard callback that fails: the key goes on
require("notifier").keyboard(function(event)
	if event == 1 then error("lunatik-kberror on purpose") end
end)
