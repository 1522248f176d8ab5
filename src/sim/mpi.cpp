#include "sim/mpi.hpp"

#include "core/error.hpp"
#include "core/shared_library.hpp"
#include "sim/tally.hpp"

// Only the C API: OpenMPI would otherwise pull in its deprecated C++ bindings.
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <dlfcn.h>
#include <mpi.h>

#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <string>

#ifndef DETENTE_MPI_SONAME
#error "DETENTE_MPI_SONAME: the MPI library's soname, set by CMakeLists.txt"
#endif

namespace detente::sim {

namespace {

// The MPI library, loaded (dlopen) only when the process was started by an MPI launcher and
// not linked: with what it links (Open MPI's runtime, PMIx, hwloc, libevent, udev) it was
// 8 of the binary's 21 shared libraries and 1.0–1.4 ms of every start of every command,
// while only `simulate` under mpirun uses it. RTLD_GLOBAL because Open MPI's own plugins,
// which it loads itself, resolve its symbols globally.
struct LibMpi {
  decltype(&::MPI_Initialized) initialized = nullptr;
  decltype(&::MPI_Init) init = nullptr;
  decltype(&::MPI_Finalized) finalized = nullptr;
  decltype(&::MPI_Finalize) finalize = nullptr;
  decltype(&::MPI_Comm_rank) comm_rank = nullptr;
  decltype(&::MPI_Comm_size) comm_size = nullptr;
  decltype(&::MPI_Gather) gather = nullptr;
  decltype(&::MPI_Gatherv) gatherv = nullptr;
  // The predefined handles: in Open MPI the addresses of library globals, which the header's
  // macros would reference at link time; in MPICH and its derivatives integer constants.
  MPI_Comm world{};
  MPI_Datatype int_type{}, char_type{};
  std::string error;  // why it could not be loaded; empty when it was
};

const LibMpi& mpi() {
  static const LibMpi lib = [] {
    LibMpi l;
    SharedLibrary so(DETENTE_MPI_SONAME, RTLD_NOW | RTLD_GLOBAL);
    so.load(l.initialized, "MPI_Initialized");
    so.load(l.init, "MPI_Init");
    so.load(l.finalized, "MPI_Finalized");
    so.load(l.finalize, "MPI_Finalize");
    so.load(l.comm_rank, "MPI_Comm_rank");
    so.load(l.comm_size, "MPI_Comm_size");
    so.load(l.gather, "MPI_Gather");
    so.load(l.gatherv, "MPI_Gatherv");
#if defined(OPEN_MPI)
    so.load(l.world, "ompi_mpi_comm_world");
    so.load(l.int_type, "ompi_mpi_int");
    so.load(l.char_type, "ompi_mpi_char");
#else
    l.world = MPI_COMM_WORLD;
    l.int_type = MPI_INT;
    l.char_type = MPI_CHAR;
#endif
    l.error = so.error();
    return l;
  }();
  return lib;  // the constructor checks `error`; the other uses follow a loaded library
}

}  // namespace

bool MpiSession::launched_by_mpirun() {
  for (const char* var : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE", "MPI_LOCALNRANKS"})
    if (std::getenv(var)) return true;
  return false;
}

MpiSession::MpiSession() {
  if (!launched_by_mpirun()) return;
  const LibMpi& m = mpi();
  // An environment to fix, not a fault of detente's: exit status 1, with the reason.
  if (!m.error.empty())
    fail({"", 0, ""}, "started by an MPI launcher, but cannot load the MPI library ({}): {}",
         DETENTE_MPI_SONAME, m.error);
  int initialised = 0;
  m.initialized(&initialised);
  if (!initialised) m.init(nullptr, nullptr);
  active_ = true;
  m.comm_rank(m.world, &rank_);
  m.comm_size(m.world, &size_);
}

MpiSession::~MpiSession() {
  if (!active_) return;
  const LibMpi& m = mpi();  // active_: the constructor loaded it
  int finalised = 0;
  m.finalized(&finalised);
  if (!finalised) m.finalize();
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
  const LibMpi& m = mpi();
  m.gather(&mine, 1, m.int_type, sizes.data(), 1, m.int_type, 0, m.world);
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
  m.gatherv(local.data(), mine, m.char_type, all.data(), sizes.data(), offsets.data(), m.char_type,
            0, m.world);
  std::vector<std::string> parts;
  if (rank_ == 0)
    for (std::size_t r = 0; r < sizes.size(); ++r)
      parts.push_back(
          all.substr(static_cast<std::size_t>(offsets[r]), static_cast<std::size_t>(sizes[r])));
  return parts;
}

}  // namespace detente::sim
