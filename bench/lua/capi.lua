-- the script of bench/kernel/capibench.c: an empty function
function empty() end
