// The process-wide worker pool behind parallel_workers (see parallel.hpp).
//
// One job at a time: the caller that takes the pool's busy flag publishes the job and a new
// generation number; each worker w < threads runs its part and counts itself done; the
// caller runs part 0 and waits for the count. Workers and the waiting caller spin (with
// the CPU's pause) for up to kSpin before they sleep on the atomic, but only when the job
// has no more threads than the machine has cores: a spinning thread would otherwise take
// a core from one that has work.
#include "core/parallel.hpp"

#include <pthread.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <thread>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace detente::detail {

namespace {

constexpr auto kSpin = std::chrono::microseconds(200);
constexpr int kMaxPoolThreads = 1023;  // beyond this a call starts threads of its own

inline void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
  _mm_pause();
#endif
}

// Spins while value == old, for up to kSpin when `spin`, then sleeps until it changes.
template <typename T>
void await_change(const std::atomic<T>& value, T old, bool spin) {
  if (spin) {
    const auto until = std::chrono::steady_clock::now() + kSpin;
    for (int k = 0; value.load(std::memory_order_acquire) == old; ++k) {
      cpu_relax();
      if ((k & 63) == 63 && std::chrono::steady_clock::now() > until) break;
    }
  }
  while (value.load(std::memory_order_acquire) == old) value.wait(old, std::memory_order_acquire);
}

class Pool {
 public:
  bool run(int threads, void (*job)(void*, int), void* context) {
    // A flag, not a mutex: a nested call comes from the thread that holds it, and
    // try_lock on a mutex one already owns is undefined.
    if (threads - 1 > kMaxPoolThreads || busy_.exchange(true, std::memory_order_acquire))
      return false;
    struct Release {
      std::atomic<bool>& flag;
      ~Release() { flag.store(false, std::memory_order_release); }
    } release{busy_};
    try {
      for (; started_ < threads - 1; ++started_) {
        // The generation before this job's: a thread that starts late must still take it.
        const int w = started_ + 1;
        const std::uint64_t before = generation_.load(std::memory_order_relaxed);
        std::thread([this, w, before] { work(w, before); }).detach();
      }
    } catch (...) {  // no thread could be started: the caller's own attempt reports it
      return false;
    }
    job_ = job;
    context_ = context;
    pending_.store(threads - 1, std::memory_order_relaxed);
    const std::uint64_t next = ((generation_.load(std::memory_order_relaxed) >> 16) + 1) << 16;
    generation_.store(next | static_cast<std::uint64_t>(threads), std::memory_order_release);
    generation_.notify_all();
    job(context, 0);
    for (int left; (left = pending_.load(std::memory_order_acquire)) != 0;)
      await_change(pending_, left, threads <= cores_);
    return true;
  }

 private:
  // Worker w runs its part of every job with more than w threads. The job's thread count
  // travels in the generation word itself: a worker left out of a job may wake after the
  // next one has been published, and must not read a job that is not its own. A worker a
  // job includes reads job_ and context_, which cannot change before it has finished.
  [[noreturn]] void work(int w, std::uint64_t seen) {
    bool spin = false;
    for (;;) {
      await_change(generation_, seen, spin);
      seen = generation_.load(std::memory_order_acquire);
      const int threads = static_cast<int>(seen & 0xffff);
      spin = threads <= cores_;
      if (w < threads) {
        job_(context_, w);
        if (pending_.fetch_sub(1, std::memory_order_acq_rel) == 1) pending_.notify_one();
      }
    }
  }

  std::atomic<bool> busy_{false};  // a job is running (or being published)
  int started_ = 0;                // pool threads, workers 1 … started_
  const int cores_ = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  // The job, written before generation_ is advanced (release) and read after (acquire).
  void (*job_)(void*, int) = nullptr;
  void* context_ = nullptr;
  // A job's number (high 48 bits) and thread count (low 16).
  std::atomic<std::uint64_t> generation_{0};
  std::atomic<int> pending_{0};
};

// Never destroyed: its threads run until the process ends. A forked child has none of
// them, so it starts a pool of its own.
std::atomic<Pool*> g_pool{nullptr};
std::once_flag g_atfork;

}  // namespace

bool run_on_pool(int threads, void (*job)(void*, int), void* context) {
  std::call_once(g_atfork,
                 [] { ::pthread_atfork(nullptr, nullptr, [] { g_pool.store(nullptr); }); });
  Pool* pool = g_pool.load(std::memory_order_acquire);
  if (!pool) {
    auto* fresh = new Pool;
    if (g_pool.compare_exchange_strong(pool, fresh, std::memory_order_acq_rel))
      pool = fresh;
    else
      delete fresh;
  }
  return pool->run(threads, job, context);
}

}  // namespace detente::detail
