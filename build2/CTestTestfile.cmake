# CMake generated Testfile for 
# Source directory: /work/wt-speed
# Build directory: /work/wt-speed/build2
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
include("/work/wt-speed/build2/detente_tests[1]_include.cmake")
