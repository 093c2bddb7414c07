-- the script of the spec's C API example
function myread(len, off)
	return "42"
end
