# Empty compiler generated dependencies file for detente_bench.
# This may be replaced when dependencies are built.
