# Empty dependencies file for detente.
# This may be replaced when dependencies are built.
