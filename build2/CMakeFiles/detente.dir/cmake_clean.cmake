file(REMOVE_RECURSE
  "CMakeFiles/detente.dir/src/cli/cmd_backtest.cpp.o"
  "CMakeFiles/detente.dir/src/cli/cmd_backtest.cpp.o.d"
  "CMakeFiles/detente.dir/src/cli/cmd_balance.cpp.o"
  "CMakeFiles/detente.dir/src/cli/cmd_balance.cpp.o.d"
  "CMakeFiles/detente.dir/src/cli/cmd_bargain.cpp.o"
  "CMakeFiles/detente.dir/src/cli/cmd_bargain.cpp.o.d"
  "CMakeFiles/detente.dir/src/cli/cmd_events.cpp.o"
  "CMakeFiles/detente.dir/src/cli/cmd_events.cpp.o.d"
  "CMakeFiles/detente.dir/src/cli/cmd_landscape.cpp.o"
  "CMakeFiles/detente.dir/src/cli/cmd_landscape.cpp.o.d"
  "CMakeFiles/detente.dir/src/cli/cmd_network.cpp.o"
  "CMakeFiles/detente.dir/src/cli/cmd_network.cpp.o.d"
  "CMakeFiles/detente.dir/src/cli/cmd_run.cpp.o"
  "CMakeFiles/detente.dir/src/cli/cmd_run.cpp.o.d"
  "CMakeFiles/detente.dir/src/cli/cmd_scenarios.cpp.o"
  "CMakeFiles/detente.dir/src/cli/cmd_scenarios.cpp.o.d"
  "CMakeFiles/detente.dir/src/cli/cmd_score.cpp.o"
  "CMakeFiles/detente.dir/src/cli/cmd_score.cpp.o.d"
  "CMakeFiles/detente.dir/src/cli/cmd_simulate.cpp.o"
  "CMakeFiles/detente.dir/src/cli/cmd_simulate.cpp.o.d"
  "CMakeFiles/detente.dir/src/cli/cmd_validate.cpp.o"
  "CMakeFiles/detente.dir/src/cli/cmd_validate.cpp.o.d"
  "CMakeFiles/detente.dir/src/cli/command.cpp.o"
  "CMakeFiles/detente.dir/src/cli/command.cpp.o.d"
  "CMakeFiles/detente.dir/src/cli/main.cpp.o"
  "CMakeFiles/detente.dir/src/cli/main.cpp.o.d"
  "detente"
  "detente.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/detente.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
