// detente/sim/mpi.hpp
//
// Scale-out over MPI processes. `mpirun -n K detente simulate …` gives each rank a
// contiguous block of run indices; each rank tallies its runs (sim/tally.hpp) and the
// tallies, sent as shard text, are added up on rank 0 — integer addition, so the output is
// identical for any K. When the binary is not started by mpirun, MPI is not initialised at
// all and the session is one rank.
//
// Example:
//   detente::sim::MpiSession mpi;
//   auto [begin, end] = mpi.share(first, end);
//   std::vector<std::string> parts = mpi.gather(shard_text(mine));   // rank 0: every rank's
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace detente::sim {

class MpiSession {
 public:
  MpiSession();
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }
  // This rank's block of the run indices [first, end).
  std::pair<std::uint64_t, std::uint64_t> share(std::uint64_t first, std::uint64_t end) const;
  // Every rank's `local` text, in rank order, on rank 0; empty on the other ranks.
  std::vector<std::string> gather(const std::string& local) const;

  // True when this process was started by an MPI launcher.
  static bool launched_by_mpirun();

 private:
  bool active_ = false;
  int rank_ = 0;
  int size_ = 1;
};

}  // namespace detente::sim
