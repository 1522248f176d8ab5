// detente/sim/mpi.hpp
//
// Scale-out over MPI processes. `mpirun -n K detente simulate …` gives each rank a
// contiguous block of run indices; the ranks' records are gathered on rank 0 in run order
// and summarised there exactly as a single process would, so the output is identical for
// any K. When the binary is not started by mpirun, MPI is not initialised at all and the
// session is one rank.
//
// Example:
//   detente::sim::MpiSession mpi;
//   auto [begin, end] = mpi.share(runs);
//   auto mine = run_records(model, options, begin, end);
//   auto all = mpi.gather(mine, width, runs);   // full on rank 0, empty elsewhere
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

#include "sim/records.hpp"

namespace detente::sim {

class MpiSession {
 public:
  MpiSession();
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }
  // This rank's block [begin, end) of `runs` run indices.
  std::pair<std::size_t, std::size_t> share(std::size_t runs) const;
  // Records of all ranks, in run order, on rank 0 (each rank passes its own block).
  Records gather(const Records& local, std::size_t width, std::size_t runs) const;

  // True when this process was started by an MPI launcher.
  static bool launched_by_mpirun();

 private:
  bool active_ = false;
  int rank_ = 0;
  int size_ = 1;
};

}  // namespace detente::sim
