
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/wt-speed/tests/align/balance_dynamics_test.cpp" "CMakeFiles/detente_tests.dir/tests/align/balance_dynamics_test.cpp.o" "gcc" "CMakeFiles/detente_tests.dir/tests/align/balance_dynamics_test.cpp.o.d"
  "/work/wt-speed/tests/align/frustration_test.cpp" "CMakeFiles/detente_tests.dir/tests/align/frustration_test.cpp.o" "gcc" "CMakeFiles/detente_tests.dir/tests/align/frustration_test.cpp.o.d"
  "/work/wt-speed/tests/align/landscape_test.cpp" "CMakeFiles/detente_tests.dir/tests/align/landscape_test.cpp.o" "gcc" "CMakeFiles/detente_tests.dir/tests/align/landscape_test.cpp.o.d"
  "/work/wt-speed/tests/align/network_builder_test.cpp" "CMakeFiles/detente_tests.dir/tests/align/network_builder_test.cpp.o" "gcc" "CMakeFiles/detente_tests.dir/tests/align/network_builder_test.cpp.o.d"
  "/work/wt-speed/tests/align/relocation_test.cpp" "CMakeFiles/detente_tests.dir/tests/align/relocation_test.cpp.o" "gcc" "CMakeFiles/detente_tests.dir/tests/align/relocation_test.cpp.o.d"
  "/work/wt-speed/tests/align/section_alignment_test.cpp" "CMakeFiles/detente_tests.dir/tests/align/section_alignment_test.cpp.o" "gcc" "CMakeFiles/detente_tests.dir/tests/align/section_alignment_test.cpp.o.d"
  "/work/wt-speed/tests/align/signed_graph_test.cpp" "CMakeFiles/detente_tests.dir/tests/align/signed_graph_test.cpp.o" "gcc" "CMakeFiles/detente_tests.dir/tests/align/signed_graph_test.cpp.o.d"
  "/work/wt-speed/tests/bargain/baseline_models_test.cpp" "CMakeFiles/detente_tests.dir/tests/bargain/baseline_models_test.cpp.o" "gcc" "CMakeFiles/detente_tests.dir/tests/bargain/baseline_models_test.cpp.o.d"
  "/work/wt-speed/tests/bargain/eum_test.cpp" "CMakeFiles/detente_tests.dir/tests/bargain/eum_test.cpp.o" "gcc" "CMakeFiles/detente_tests.dir/tests/bargain/eum_test.cpp.o.d"
  "/work/wt-speed/tests/bargain/exchange_nash_test.cpp" "CMakeFiles/detente_tests.dir/tests/bargain/exchange_nash_test.cpp.o" "gcc" "CMakeFiles/detente_tests.dir/tests/bargain/exchange_nash_test.cpp.o.d"
  "/work/wt-speed/tests/bargain/golden_outputs_test.cpp" "CMakeFiles/detente_tests.dir/tests/bargain/golden_outputs_test.cpp.o" "gcc" "CMakeFiles/detente_tests.dir/tests/bargain/golden_outputs_test.cpp.o.d"
  "/work/wt-speed/tests/bargain/properties_test.cpp" "CMakeFiles/detente_tests.dir/tests/bargain/properties_test.cpp.o" "gcc" "CMakeFiles/detente_tests.dir/tests/bargain/properties_test.cpp.o.d"
  "/work/wt-speed/tests/bargain/readers_test.cpp" "CMakeFiles/detente_tests.dir/tests/bargain/readers_test.cpp.o" "gcc" "CMakeFiles/detente_tests.dir/tests/bargain/readers_test.cpp.o.d"
  "/work/wt-speed/tests/bargain/section_bargaining_test.cpp" "CMakeFiles/detente_tests.dir/tests/bargain/section_bargaining_test.cpp.o" "gcc" "CMakeFiles/detente_tests.dir/tests/bargain/section_bargaining_test.cpp.o.d"
  "/work/wt-speed/tests/bargain/smp_test.cpp" "CMakeFiles/detente_tests.dir/tests/bargain/smp_test.cpp.o" "gcc" "CMakeFiles/detente_tests.dir/tests/bargain/smp_test.cpp.o.d"
  "/work/wt-speed/tests/cli/balance_cli_test.cpp" "CMakeFiles/detente_tests.dir/tests/cli/balance_cli_test.cpp.o" "gcc" "CMakeFiles/detente_tests.dir/tests/cli/balance_cli_test.cpp.o.d"
  "/work/wt-speed/tests/cli/bargain_cli_test.cpp" "CMakeFiles/detente_tests.dir/tests/cli/bargain_cli_test.cpp.o" "gcc" "CMakeFiles/detente_tests.dir/tests/cli/bargain_cli_test.cpp.o.d"
  "/work/wt-speed/tests/cli/events_cli_test.cpp" "CMakeFiles/detente_tests.dir/tests/cli/events_cli_test.cpp.o" "gcc" "CMakeFiles/detente_tests.dir/tests/cli/events_cli_test.cpp.o.d"
  "/work/wt-speed/tests/cli/invalid_scenarios_cli_test.cpp" "CMakeFiles/detente_tests.dir/tests/cli/invalid_scenarios_cli_test.cpp.o" "gcc" "CMakeFiles/detente_tests.dir/tests/cli/invalid_scenarios_cli_test.cpp.o.d"
  "/work/wt-speed/tests/cli/landscape_cli_test.cpp" "CMakeFiles/detente_tests.dir/tests/cli/landscape_cli_test.cpp.o" "gcc" "CMakeFiles/detente_tests.dir/tests/cli/landscape_cli_test.cpp.o.d"
  "/work/wt-speed/tests/cli/network_cli_test.cpp" "CMakeFiles/detente_tests.dir/tests/cli/network_cli_test.cpp.o" "gcc" "CMakeFiles/detente_tests.dir/tests/cli/network_cli_test.cpp.o.d"
  "/work/wt-speed/tests/cli/run_cli_test.cpp" "CMakeFiles/detente_tests.dir/tests/cli/run_cli_test.cpp.o" "gcc" "CMakeFiles/detente_tests.dir/tests/cli/run_cli_test.cpp.o.d"
  "/work/wt-speed/tests/cli/score_cli_test.cpp" "CMakeFiles/detente_tests.dir/tests/cli/score_cli_test.cpp.o" "gcc" "CMakeFiles/detente_tests.dir/tests/cli/score_cli_test.cpp.o.d"
  "/work/wt-speed/tests/cli/setup_test.cpp" "CMakeFiles/detente_tests.dir/tests/cli/setup_test.cpp.o" "gcc" "CMakeFiles/detente_tests.dir/tests/cli/setup_test.cpp.o.d"
  "/work/wt-speed/tests/cli/simulate_cli_test.cpp" "CMakeFiles/detente_tests.dir/tests/cli/simulate_cli_test.cpp.o" "gcc" "CMakeFiles/detente_tests.dir/tests/cli/simulate_cli_test.cpp.o.d"
  "/work/wt-speed/tests/cli/validate_cli_test.cpp" "CMakeFiles/detente_tests.dir/tests/cli/validate_cli_test.cpp.o" "gcc" "CMakeFiles/detente_tests.dir/tests/cli/validate_cli_test.cpp.o.d"
  "/work/wt-speed/tests/core/date_test.cpp" "CMakeFiles/detente_tests.dir/tests/core/date_test.cpp.o" "gcc" "CMakeFiles/detente_tests.dir/tests/core/date_test.cpp.o.d"
  "/work/wt-speed/tests/core/distribution_test.cpp" "CMakeFiles/detente_tests.dir/tests/core/distribution_test.cpp.o" "gcc" "CMakeFiles/detente_tests.dir/tests/core/distribution_test.cpp.o.d"
  "/work/wt-speed/tests/core/ties_test.cpp" "CMakeFiles/detente_tests.dir/tests/core/ties_test.cpp.o" "gcc" "CMakeFiles/detente_tests.dir/tests/core/ties_test.cpp.o.d"
  "/work/wt-speed/tests/events/aggregate_test.cpp" "CMakeFiles/detente_tests.dir/tests/events/aggregate_test.cpp.o" "gcc" "CMakeFiles/detente_tests.dir/tests/events/aggregate_test.cpp.o.d"
  "/work/wt-speed/tests/events/cameo_test.cpp" "CMakeFiles/detente_tests.dir/tests/events/cameo_test.cpp.o" "gcc" "CMakeFiles/detente_tests.dir/tests/events/cameo_test.cpp.o.d"
  "/work/wt-speed/tests/events/reader_test.cpp" "CMakeFiles/detente_tests.dir/tests/events/reader_test.cpp.o" "gcc" "CMakeFiles/detente_tests.dir/tests/events/reader_test.cpp.o.d"
  "/work/wt-speed/tests/events/section_events_test.cpp" "CMakeFiles/detente_tests.dir/tests/events/section_events_test.cpp.o" "gcc" "CMakeFiles/detente_tests.dir/tests/events/section_events_test.cpp.o.d"
  "/work/wt-speed/tests/io/csv_test.cpp" "CMakeFiles/detente_tests.dir/tests/io/csv_test.cpp.o" "gcc" "CMakeFiles/detente_tests.dir/tests/io/csv_test.cpp.o.d"
  "/work/wt-speed/tests/io/scenario_toml_test.cpp" "CMakeFiles/detente_tests.dir/tests/io/scenario_toml_test.cpp.o" "gcc" "CMakeFiles/detente_tests.dir/tests/io/scenario_toml_test.cpp.o.d"
  "/work/wt-speed/tests/report/tornado_test.cpp" "CMakeFiles/detente_tests.dir/tests/report/tornado_test.cpp.o" "gcc" "CMakeFiles/detente_tests.dir/tests/report/tornado_test.cpp.o.d"
  "/work/wt-speed/tests/sim/backtest_test.cpp" "CMakeFiles/detente_tests.dir/tests/sim/backtest_test.cpp.o" "gcc" "CMakeFiles/detente_tests.dir/tests/sim/backtest_test.cpp.o.d"
  "/work/wt-speed/tests/sim/dynamics_test.cpp" "CMakeFiles/detente_tests.dir/tests/sim/dynamics_test.cpp.o" "gcc" "CMakeFiles/detente_tests.dir/tests/sim/dynamics_test.cpp.o.d"
  "/work/wt-speed/tests/sim/kernels_test.cpp" "CMakeFiles/detente_tests.dir/tests/sim/kernels_test.cpp.o" "gcc" "CMakeFiles/detente_tests.dir/tests/sim/kernels_test.cpp.o.d"
  "/work/wt-speed/tests/sim/scoring_test.cpp" "CMakeFiles/detente_tests.dir/tests/sim/scoring_test.cpp.o" "gcc" "CMakeFiles/detente_tests.dir/tests/sim/scoring_test.cpp.o.d"
  "/work/wt-speed/tests/sim/sensitivity_test.cpp" "CMakeFiles/detente_tests.dir/tests/sim/sensitivity_test.cpp.o" "gcc" "CMakeFiles/detente_tests.dir/tests/sim/sensitivity_test.cpp.o.d"
  "/work/wt-speed/tests/sim/sobol_test.cpp" "CMakeFiles/detente_tests.dir/tests/sim/sobol_test.cpp.o" "gcc" "CMakeFiles/detente_tests.dir/tests/sim/sobol_test.cpp.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/wt-speed/build2/CMakeFiles/detente_lib.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
