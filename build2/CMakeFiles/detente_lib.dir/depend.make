# Empty dependencies file for detente_lib.
# This may be replaced when dependencies are built.
