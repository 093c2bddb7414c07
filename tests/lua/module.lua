-- a Lua module, for require
return {answer = 42}
