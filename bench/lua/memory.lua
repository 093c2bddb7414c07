-- prints the memory of a fresh runtime, as collectgarbage("count") says
collectgarbage()
print("bench: memory", collectgarbage("count"))
