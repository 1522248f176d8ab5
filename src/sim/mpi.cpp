#include "sim/mpi.hpp"

#include "sim/tally.hpp"

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

std::pair<std::uint64_t, std::uint64_t> MpiSession::share(std::uint64_t first,
                                                          std::uint64_t end) const {
  const auto r = static_cast<WideCount>(rank_), k = static_cast<WideCount>(size_);
  const WideCount n = end - first;
  return {first + static_cast<std::uint64_t>(n * r / k),
          first + static_cast<std::uint64_t>(n * (r + 1) / k)};
}

std::vector<std::string> MpiSession::gather(const std::string& local) const {
  if (!active_ || size_ == 1) return {local};
  if (local.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
    throw std::runtime_error("a tally too large to send over MPI in one message");
  const int mine = static_cast<int>(local.size());
  std::vector<int> sizes(static_cast<std::size_t>(size_)), offsets(sizes.size());
  MPI_Gather(&mine, 1, MPI_INT, sizes.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
  std::size_t total = 0;
  if (rank_ == 0)
    for (std::size_t r = 0; r < sizes.size(); ++r) {
      if (total + static_cast<std::size_t>(sizes[r]) >
          static_cast<std::size_t>(std::numeric_limits<int>::max()))
        throw std::runtime_error("the ranks' tallies are too large to gather in one message");
      offsets[r] = static_cast<int>(total);
      total += static_cast<std::size_t>(sizes[r]);
    }
  std::string all(total, '\0');
  MPI_Gatherv(local.data(), mine, MPI_CHAR, all.data(), sizes.data(), offsets.data(), MPI_CHAR, 0,
              MPI_COMM_WORLD);
  std::vector<std::string> parts;
  if (rank_ == 0)
    for (std::size_t r = 0; r < sizes.size(); ++r)
      parts.push_back(
          all.substr(static_cast<std::size_t>(offsets[r]), static_cast<std::size_t>(sizes[r])));
  return parts;
}

}  // namespace detente::sim
