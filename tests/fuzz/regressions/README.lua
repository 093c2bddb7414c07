-- regressions found by make fuzz go here, one chunk a file
return 1
