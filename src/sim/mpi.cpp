#include "sim/mpi.hpp"

// Only the C API: OpenMPI would otherwise pull in its deprecated C++ bindings.
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>

#include <cstdlib>
#include <limits>
#include <stdexcept>

namespace detente::sim {

bool MpiSession::launched_by_mpirun() {
  for (const char* var : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE", "MPI_LOCALNRANKS"})
    if (std::getenv(var)) return true;
  return false;
}

MpiSession::MpiSession() {
  if (!launched_by_mpirun()) return;
  int initialised = 0;
  MPI_Initialized(&initialised);
  if (!initialised) MPI_Init(nullptr, nullptr);
  active_ = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

MpiSession::~MpiSession() {
  if (!active_) return;
  int finalised = 0;
  MPI_Finalized(&finalised);
  if (!finalised) MPI_Finalize();
}

std::pair<std::size_t, std::size_t> MpiSession::share(std::size_t runs) const {
  const auto r = static_cast<std::size_t>(rank_), k = static_cast<std::size_t>(size_);
  return {runs * r / k, runs * (r + 1) / k};
}

Records MpiSession::gather(const Records& local, std::size_t width, std::size_t runs) const {
  if (!active_ || size_ == 1) return local;
  if (runs * width > static_cast<std::size_t>(std::numeric_limits<int>::max()))
    throw std::runtime_error("too many records to gather over MPI in one message");
  std::vector<int> counts(static_cast<std::size_t>(size_)), offsets(counts.size());
  for (int r = 0; r < size_; ++r) {
    const auto k = static_cast<std::size_t>(size_), rr = static_cast<std::size_t>(r);
    const std::size_t begin = runs * rr / k, end = runs * (rr + 1) / k;
    counts[rr] = static_cast<int>((end - begin) * width);
    offsets[rr] = static_cast<int>(begin * width);
  }
  Records all(rank_ == 0 ? runs * width : 0);
  MPI_Gatherv(local.data(), static_cast<int>(local.size()), MPI_DOUBLE, all.data(), counts.data(),
              offsets.data(), MPI_DOUBLE, 0, MPI_COMM_WORLD);
  return all;
}

}  // namespace detente::sim
