
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/wt-speed/build2/generated/builtin_scenarios.cpp" "CMakeFiles/detente_lib.dir/generated/builtin_scenarios.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/generated/builtin_scenarios.cpp.o.d"
  "/work/wt-speed/src/align/balance_dynamics.cpp" "CMakeFiles/detente_lib.dir/src/align/balance_dynamics.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/align/balance_dynamics.cpp.o.d"
  "/work/wt-speed/src/align/balance_measures.cpp" "CMakeFiles/detente_lib.dir/src/align/balance_measures.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/align/balance_measures.cpp.o.d"
  "/work/wt-speed/src/align/frustration.cpp" "CMakeFiles/detente_lib.dir/src/align/frustration.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/align/frustration.cpp.o.d"
  "/work/wt-speed/src/align/landscape.cpp" "CMakeFiles/detente_lib.dir/src/align/landscape.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/align/landscape.cpp.o.d"
  "/work/wt-speed/src/align/network_builder.cpp" "CMakeFiles/detente_lib.dir/src/align/network_builder.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/align/network_builder.cpp.o.d"
  "/work/wt-speed/src/align/relocation.cpp" "CMakeFiles/detente_lib.dir/src/align/relocation.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/align/relocation.cpp.o.d"
  "/work/wt-speed/src/align/signed_graph.cpp" "CMakeFiles/detente_lib.dir/src/align/signed_graph.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/align/signed_graph.cpp.o.d"
  "/work/wt-speed/src/bargain/eum.cpp" "CMakeFiles/detente_lib.dir/src/bargain/eum.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/bargain/eum.cpp.o.d"
  "/work/wt-speed/src/bargain/exchange.cpp" "CMakeFiles/detente_lib.dir/src/bargain/exchange.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/bargain/exchange.cpp.o.d"
  "/work/wt-speed/src/bargain/model_run.cpp" "CMakeFiles/detente_lib.dir/src/bargain/model_run.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/bargain/model_run.cpp.o.d"
  "/work/wt-speed/src/bargain/nash.cpp" "CMakeFiles/detente_lib.dir/src/bargain/nash.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/bargain/nash.cpp.o.d"
  "/work/wt-speed/src/bargain/options.cpp" "CMakeFiles/detente_lib.dir/src/bargain/options.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/bargain/options.cpp.o.d"
  "/work/wt-speed/src/bargain/problem.cpp" "CMakeFiles/detente_lib.dir/src/bargain/problem.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/bargain/problem.cpp.o.d"
  "/work/wt-speed/src/bargain/read_decide.cpp" "CMakeFiles/detente_lib.dir/src/bargain/read_decide.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/bargain/read_decide.cpp.o.d"
  "/work/wt-speed/src/bargain/read_eum.cpp" "CMakeFiles/detente_lib.dir/src/bargain/read_eum.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/bargain/read_eum.cpp.o.d"
  "/work/wt-speed/src/bargain/read_input.cpp" "CMakeFiles/detente_lib.dir/src/bargain/read_input.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/bargain/read_input.cpp.o.d"
  "/work/wt-speed/src/bargain/read_ktab.cpp" "CMakeFiles/detente_lib.dir/src/bargain/read_ktab.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/bargain/read_ktab.cpp.o.d"
  "/work/wt-speed/src/bargain/registry.cpp" "CMakeFiles/detente_lib.dir/src/bargain/registry.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/bargain/registry.cpp.o.d"
  "/work/wt-speed/src/bargain/smp.cpp" "CMakeFiles/detente_lib.dir/src/bargain/smp.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/bargain/smp.cpp.o.d"
  "/work/wt-speed/src/bargain/weighted_mean.cpp" "CMakeFiles/detente_lib.dir/src/bargain/weighted_mean.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/bargain/weighted_mean.cpp.o.d"
  "/work/wt-speed/src/bargain/weighted_median.cpp" "CMakeFiles/detente_lib.dir/src/bargain/weighted_median.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/bargain/weighted_median.cpp.o.d"
  "/work/wt-speed/src/core/date.cpp" "CMakeFiles/detente_lib.dir/src/core/date.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/core/date.cpp.o.d"
  "/work/wt-speed/src/core/distribution.cpp" "CMakeFiles/detente_lib.dir/src/core/distribution.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/core/distribution.cpp.o.d"
  "/work/wt-speed/src/core/error.cpp" "CMakeFiles/detente_lib.dir/src/core/error.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/core/error.cpp.o.d"
  "/work/wt-speed/src/core/parameters.cpp" "CMakeFiles/detente_lib.dir/src/core/parameters.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/core/parameters.cpp.o.d"
  "/work/wt-speed/src/core/scenario.cpp" "CMakeFiles/detente_lib.dir/src/core/scenario.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/core/scenario.cpp.o.d"
  "/work/wt-speed/src/core/ties.cpp" "CMakeFiles/detente_lib.dir/src/core/ties.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/core/ties.cpp.o.d"
  "/work/wt-speed/src/events/cameo.cpp" "CMakeFiles/detente_lib.dir/src/events/cameo.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/events/cameo.cpp.o.d"
  "/work/wt-speed/src/events/countries.cpp" "CMakeFiles/detente_lib.dir/src/events/countries.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/events/countries.cpp.o.d"
  "/work/wt-speed/src/events/dyad_series.cpp" "CMakeFiles/detente_lib.dir/src/events/dyad_series.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/events/dyad_series.cpp.o.d"
  "/work/wt-speed/src/events/event_reader.cpp" "CMakeFiles/detente_lib.dir/src/events/event_reader.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/events/event_reader.cpp.o.d"
  "/work/wt-speed/src/io/atomic_file.cpp" "CMakeFiles/detente_lib.dir/src/io/atomic_file.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/io/atomic_file.cpp.o.d"
  "/work/wt-speed/src/io/csv.cpp" "CMakeFiles/detente_lib.dir/src/io/csv.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/io/csv.cpp.o.d"
  "/work/wt-speed/src/io/scenario_toml.cpp" "CMakeFiles/detente_lib.dir/src/io/scenario_toml.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/io/scenario_toml.cpp.o.d"
  "/work/wt-speed/src/report/run_job.cpp" "CMakeFiles/detente_lib.dir/src/report/run_job.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/report/run_job.cpp.o.d"
  "/work/wt-speed/src/report/section_alignment.cpp" "CMakeFiles/detente_lib.dir/src/report/section_alignment.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/report/section_alignment.cpp.o.d"
  "/work/wt-speed/src/report/section_bargaining.cpp" "CMakeFiles/detente_lib.dir/src/report/section_bargaining.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/report/section_bargaining.cpp.o.d"
  "/work/wt-speed/src/report/section_events.cpp" "CMakeFiles/detente_lib.dir/src/report/section_events.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/report/section_events.cpp.o.d"
  "/work/wt-speed/src/report/section_overview.cpp" "CMakeFiles/detente_lib.dir/src/report/section_overview.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/report/section_overview.cpp.o.d"
  "/work/wt-speed/src/report/section_simulation.cpp" "CMakeFiles/detente_lib.dir/src/report/section_simulation.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/report/section_simulation.cpp.o.d"
  "/work/wt-speed/src/report/section_timeline.cpp" "CMakeFiles/detente_lib.dir/src/report/section_timeline.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/report/section_timeline.cpp.o.d"
  "/work/wt-speed/src/report/svg.cpp" "CMakeFiles/detente_lib.dir/src/report/svg.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/report/svg.cpp.o.d"
  "/work/wt-speed/src/report/tornado.cpp" "CMakeFiles/detente_lib.dir/src/report/tornado.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/report/tornado.cpp.o.d"
  "/work/wt-speed/src/sim/backtest.cpp" "CMakeFiles/detente_lib.dir/src/sim/backtest.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/sim/backtest.cpp.o.d"
  "/work/wt-speed/src/sim/dynamics.cpp" "CMakeFiles/detente_lib.dir/src/sim/dynamics.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/sim/dynamics.cpp.o.d"
  "/work/wt-speed/src/sim/ensemble.cpp" "CMakeFiles/detente_lib.dir/src/sim/ensemble.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/sim/ensemble.cpp.o.d"
  "/work/wt-speed/src/sim/kernels.cpp" "CMakeFiles/detente_lib.dir/src/sim/kernels.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/sim/kernels.cpp.o.d"
  "/work/wt-speed/src/sim/model.cpp" "CMakeFiles/detente_lib.dir/src/sim/model.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/sim/model.cpp.o.d"
  "/work/wt-speed/src/sim/mpi.cpp" "CMakeFiles/detente_lib.dir/src/sim/mpi.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/sim/mpi.cpp.o.d"
  "/work/wt-speed/src/sim/rng.cpp" "CMakeFiles/detente_lib.dir/src/sim/rng.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/sim/rng.cpp.o.d"
  "/work/wt-speed/src/sim/scoring.cpp" "CMakeFiles/detente_lib.dir/src/sim/scoring.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/sim/scoring.cpp.o.d"
  "/work/wt-speed/src/sim/sensitivity.cpp" "CMakeFiles/detente_lib.dir/src/sim/sensitivity.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/sim/sensitivity.cpp.o.d"
  "/work/wt-speed/src/sim/sobol.cpp" "CMakeFiles/detente_lib.dir/src/sim/sobol.cpp.o" "gcc" "CMakeFiles/detente_lib.dir/src/sim/sobol.cpp.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
