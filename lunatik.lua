-- /lib/modules/lua/lunatik.lua: /dev/lunatik, the device driver that runs
-- Lua in the kernel for user space.  lunatik_run.ko runs it in a runtime
-- of its own, which may sleep and has the 'lunatik' library.
--
-- A write is a chunk, run in this runtime; a read returns its reply: the
-- values it returned, tab-separated, or its error, and a newline.  As in
-- the standalone lua, "return " is tried first, so an expression is a
-- chunk.  A reply can be read in pieces; then reads return nothing until
-- the next write.  Each open file is a session: two users at once never
-- see each other's replies.  A reply left unread when a file is closed is
-- for the next file that the same process session (getsid) opens, which
-- is what the shell does with
--   echo 'return 42' > /dev/lunatik; cat /dev/lunatik
--
-- A chunk cannot start with '#', so that starts the commands of
-- sbin/lunatik, whose reply begins with a line "ok", "error" or
-- "incomplete" (a chunk that needs more lines):
--   #repl\n<chunk>   run <chunk>
--   #run <script>    run /lib/modules/lua/<script>.lua in a new runtime
--   #spawn <script>  ... and then its task in a kernel thread named <script>
--   #stop <script>   stop its thread, if any, then its runtime
--   #list            the scripts running: a line each, "<script>\t<kind>",
--                    kind "sleep" or "nosleep", and "\tthread" if a thread
--                    runs it
-- The runtimes of #run and #spawn are made as lunatik_runtime() makes
-- them (one that may sleep has the 'lunatik' library): lunatik_run.ko
-- runs this script with lunatik_driver().

local device = require("device")
local linux = require("linux")
local thread = require("thread")

local stat = linux.stat
local driver = {name = "lunatik", mode = stat.IRUSR | stat.IWUSR}

local left = {}	-- unread replies, by process session
local running = {}	-- {rt, sleep, thread} of #run and #spawn, by script

-- a value as text, even if its __tostring fails
local function text(value)
	local ok, s = pcall(tostring, value)
	return ok and type(s) == "string" and s or "(" .. type(value) .. " that has no text)"
end

-- an error object as the standalone lua shows it
local function errortext(e)
	if type(e) == "string" or type(e) == "number" then
		return tostring(e)
	end
	local mt = getmetatable(e)
	local ok, s = false, nil
	if type(mt) == "table" and rawget(mt, "__tostring") ~= nil then
		ok, s = pcall(tostring, e)
	end
	return ok and type(s) == "string" and s or "(error object is a " .. type(e) .. " value)"
end

local function values(...)
	local t = table.pack(...)
	for i = 1, t.n do
		t[i] = text(t[i])
	end
	return table.concat(t, "\t", 1, t.n)
end

-- runs a chunk; returns its status and its reply
local function exec(chunk)
	local f, err = load("return " .. chunk, "=lunatik")
	if not f then
		f, err = load(chunk, "=lunatik")
	end
	if not f then
		return err:sub(-5) == "<eof>" and "incomplete" or "error", err
	end
	local result = table.pack(pcall(f))
	if not result[1] then
		return "error", errortext(result[2])
	end
	return "ok", values(table.unpack(result, 2, result.n))
end

local commands = {}

function commands.repl(chunk)
	return exec(chunk)
end

-- a script that needs a runtime that may not sleep (a keyboard notifier's,
-- a probe's) gets one: it runs again in it
local function start(script)
	local ok, rt = pcall(lunatik.runtime, script)
	if not ok and errortext(rt):find("needs a runtime that may not sleep", 1, true) then
		ok, rt = pcall(lunatik.runtime, script, false)
		return ok, rt, false
	end
	return ok, rt, true
end

-- a script's runtime, as an entry of 'running' (not yet in it), or nil
-- and why not
local function launch(script)
	if running[script] then
		return nil, script .. " is already running"
	end
	local ok, rt, sleep = start(script)
	if not ok then
		return nil, errortext(rt)
	end
	return {rt = rt, sleep = sleep}
end

function commands.run(script)
	local entry, err = launch(script)
	if not entry then
		return "error", err
	end
	running[script] = entry
	return "ok", ""
end

function commands.spawn(script)
	local entry, err = launch(script)
	if not entry then
		return "error", err
	end
	local ok, th = pcall(thread.run, entry.rt, script)
	if not ok then
		entry.rt:stop()
		return "error", errortext(th)
	end
	entry.thread = th
	running[script] = entry
	return "ok", ""
end

function commands.stop(script)
	local entry = running[script]
	if not entry then
		return "error", script .. " is not running"
	end
	-- kept until both have stopped: a stop that gives up can be tried again
	local ok, err = true, nil
	if entry.thread then
		ok, err = pcall(entry.thread.stop, entry.thread)
	end
	if ok then
		ok, err = pcall(entry.rt.stop, entry.rt)
	end
	if not ok then
		return "error", errortext(err)
	end
	running[script] = nil
	return "ok", ""
end

function commands.list()
	local lines = {}
	for script, entry in pairs(running) do
		lines[#lines + 1] = script .. "\t" .. (entry.sleep and "sleep" or "nosleep") ..
			(entry.thread and "\tthread" or "")
	end
	table.sort(lines)
	return "ok", table.concat(lines, "\n")
end

local function line(text)
	return #text > 0 and text .. "\n" or ""
end

local function reply(input)
	local name, argument = input:match("^#(%a+)[ \n](.*)$")
	if not name then
		local _, text = exec(input)
		return line(text)
	end
	local command = commands[name]
	if not command then
		return "error\nunknown command #" .. name .. "\n"
	end
	local status, text = command((argument:gsub("\n$", "")))
	return status .. "\n" .. line(text)
end

function driver:open()
	local sid = linux.getsid()
	local session = {sid = sid, reply = left[sid] or ""}
	left[sid] = nil
	return setmetatable(session, {__index = driver})
end

function driver:release()
	if #self.reply > 0 then
		left[self.sid] = self.reply
	end
end

function driver:write(chunk)
	self.reply = reply(chunk)
	return #chunk
end

function driver:read(len)
	local text = self.reply:sub(1, len)
	self.reply = self.reply:sub(len + 1)
	return text
end

device.new(driver)
