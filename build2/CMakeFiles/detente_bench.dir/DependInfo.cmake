
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/wt-speed/bench/align_bench.cpp" "CMakeFiles/detente_bench.dir/bench/align_bench.cpp.o" "gcc" "CMakeFiles/detente_bench.dir/bench/align_bench.cpp.o.d"
  "/work/wt-speed/bench/bargain_models.cpp" "CMakeFiles/detente_bench.dir/bench/bargain_models.cpp.o" "gcc" "CMakeFiles/detente_bench.dir/bench/bargain_models.cpp.o.d"
  "/work/wt-speed/bench/events_aggregate.cpp" "CMakeFiles/detente_bench.dir/bench/events_aggregate.cpp.o" "gcc" "CMakeFiles/detente_bench.dir/bench/events_aggregate.cpp.o.d"
  "/work/wt-speed/bench/sim_ensemble.cpp" "CMakeFiles/detente_bench.dir/bench/sim_ensemble.cpp.o" "gcc" "CMakeFiles/detente_bench.dir/bench/sim_ensemble.cpp.o.d"
  "/work/wt-speed/bench/sim_scoring_brier.cpp" "CMakeFiles/detente_bench.dir/bench/sim_scoring_brier.cpp.o" "gcc" "CMakeFiles/detente_bench.dir/bench/sim_scoring_brier.cpp.o.d"
  "/work/wt-speed/bench/sim_scoring_crps.cpp" "CMakeFiles/detente_bench.dir/bench/sim_scoring_crps.cpp.o" "gcc" "CMakeFiles/detente_bench.dir/bench/sim_scoring_crps.cpp.o.d"
  "/work/wt-speed/bench/sim_scoring_sobol.cpp" "CMakeFiles/detente_bench.dir/bench/sim_scoring_sobol.cpp.o" "gcc" "CMakeFiles/detente_bench.dir/bench/sim_scoring_sobol.cpp.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/wt-speed/build2/CMakeFiles/detente_lib.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
