import FactCheckCLI

FactCheck.main()
