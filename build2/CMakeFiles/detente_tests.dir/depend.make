# Empty dependencies file for detente_tests.
# This may be replaced when dependencies are built.
