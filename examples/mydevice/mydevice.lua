-- /lib/modules/lua/mydevice.lua: the script of mydevice.ko (the C API example)
function myread(len, off)
	return "42"
end
