-- loads, then fails as it runs
local function f()
	error("boom")
end
f()
