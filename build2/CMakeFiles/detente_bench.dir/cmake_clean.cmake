file(REMOVE_RECURSE
  "CMakeFiles/detente_bench.dir/bench/align_bench.cpp.o"
  "CMakeFiles/detente_bench.dir/bench/align_bench.cpp.o.d"
  "CMakeFiles/detente_bench.dir/bench/bargain_models.cpp.o"
  "CMakeFiles/detente_bench.dir/bench/bargain_models.cpp.o.d"
  "CMakeFiles/detente_bench.dir/bench/events_aggregate.cpp.o"
  "CMakeFiles/detente_bench.dir/bench/events_aggregate.cpp.o.d"
  "CMakeFiles/detente_bench.dir/bench/sim_ensemble.cpp.o"
  "CMakeFiles/detente_bench.dir/bench/sim_ensemble.cpp.o.d"
  "CMakeFiles/detente_bench.dir/bench/sim_scoring_brier.cpp.o"
  "CMakeFiles/detente_bench.dir/bench/sim_scoring_brier.cpp.o.d"
  "CMakeFiles/detente_bench.dir/bench/sim_scoring_crps.cpp.o"
  "CMakeFiles/detente_bench.dir/bench/sim_scoring_crps.cpp.o.d"
  "CMakeFiles/detente_bench.dir/bench/sim_scoring_sobol.cpp.o"
  "CMakeFiles/detente_bench.dir/bench/sim_scoring_sobol.cpp.o.d"
  "detente_bench"
  "detente_bench.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/detente_bench.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
