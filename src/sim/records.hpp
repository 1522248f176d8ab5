// detente/sim/records.hpp
//
// The records of an ensemble: one row of doubles per run (sim::RunLayout says where each
// quantity sits), in run order. The storage is left uninitialised when allocated, because
// every run writes its whole row: an ensemble of 10⁵ runs holds ~150 MB, and zeroing it
// first on one thread would cost as much as a tenth of the simulation.
//
// Example:
//   detente::sim::Records records(runs * layout.width());   // not zeroed
#pragma once

#include <memory>
#include <new>
#include <utility>
#include <vector>

namespace detente::sim {

// std::allocator, except that value-initialisation (vector(n), resize(n)) leaves the
// elements uninitialised.
template <class T>
struct UninitialisedAllocator : std::allocator<T> {
  template <class U>
  struct rebind {
    using other = UninitialisedAllocator<U>;
  };
  UninitialisedAllocator() = default;
  template <class U>
  UninitialisedAllocator(const UninitialisedAllocator<U>&) noexcept {}

  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    if constexpr (sizeof...(Args) == 0)
      ::new (static_cast<void*>(p)) U;
    else
      ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

using Records = std::vector<double, UninitialisedAllocator<double>>;

}  // namespace detente::sim
