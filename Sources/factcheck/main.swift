import FactCheckCLI

FactCheck.runAsProcess()
