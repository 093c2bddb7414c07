print(("a"):rep(30):find(("a?"):rep(30) .. ("a"):rep(30)))
print(string.find(("x"):rep(100), "(x*)(x*)(x*)y"))
