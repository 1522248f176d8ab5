
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/wt-speed/src/cli/cmd_backtest.cpp" "CMakeFiles/detente.dir/src/cli/cmd_backtest.cpp.o" "gcc" "CMakeFiles/detente.dir/src/cli/cmd_backtest.cpp.o.d"
  "/work/wt-speed/src/cli/cmd_balance.cpp" "CMakeFiles/detente.dir/src/cli/cmd_balance.cpp.o" "gcc" "CMakeFiles/detente.dir/src/cli/cmd_balance.cpp.o.d"
  "/work/wt-speed/src/cli/cmd_bargain.cpp" "CMakeFiles/detente.dir/src/cli/cmd_bargain.cpp.o" "gcc" "CMakeFiles/detente.dir/src/cli/cmd_bargain.cpp.o.d"
  "/work/wt-speed/src/cli/cmd_events.cpp" "CMakeFiles/detente.dir/src/cli/cmd_events.cpp.o" "gcc" "CMakeFiles/detente.dir/src/cli/cmd_events.cpp.o.d"
  "/work/wt-speed/src/cli/cmd_landscape.cpp" "CMakeFiles/detente.dir/src/cli/cmd_landscape.cpp.o" "gcc" "CMakeFiles/detente.dir/src/cli/cmd_landscape.cpp.o.d"
  "/work/wt-speed/src/cli/cmd_network.cpp" "CMakeFiles/detente.dir/src/cli/cmd_network.cpp.o" "gcc" "CMakeFiles/detente.dir/src/cli/cmd_network.cpp.o.d"
  "/work/wt-speed/src/cli/cmd_run.cpp" "CMakeFiles/detente.dir/src/cli/cmd_run.cpp.o" "gcc" "CMakeFiles/detente.dir/src/cli/cmd_run.cpp.o.d"
  "/work/wt-speed/src/cli/cmd_scenarios.cpp" "CMakeFiles/detente.dir/src/cli/cmd_scenarios.cpp.o" "gcc" "CMakeFiles/detente.dir/src/cli/cmd_scenarios.cpp.o.d"
  "/work/wt-speed/src/cli/cmd_score.cpp" "CMakeFiles/detente.dir/src/cli/cmd_score.cpp.o" "gcc" "CMakeFiles/detente.dir/src/cli/cmd_score.cpp.o.d"
  "/work/wt-speed/src/cli/cmd_simulate.cpp" "CMakeFiles/detente.dir/src/cli/cmd_simulate.cpp.o" "gcc" "CMakeFiles/detente.dir/src/cli/cmd_simulate.cpp.o.d"
  "/work/wt-speed/src/cli/cmd_validate.cpp" "CMakeFiles/detente.dir/src/cli/cmd_validate.cpp.o" "gcc" "CMakeFiles/detente.dir/src/cli/cmd_validate.cpp.o.d"
  "/work/wt-speed/src/cli/command.cpp" "CMakeFiles/detente.dir/src/cli/command.cpp.o" "gcc" "CMakeFiles/detente.dir/src/cli/command.cpp.o.d"
  "/work/wt-speed/src/cli/main.cpp" "CMakeFiles/detente.dir/src/cli/main.cpp.o" "gcc" "CMakeFiles/detente.dir/src/cli/main.cpp.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/wt-speed/build2/CMakeFiles/detente_lib.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
