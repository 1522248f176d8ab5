// parallel_workers / parallel_chunks on the process-wide pool: every worker index runs
// exactly once per call, for any thread count and in any order of calls; exceptions come
// back by the lowest worker index; nested and concurrent calls (the pool busy) still run
// every worker; a forked child gets a pool of its own.
#include "core/parallel.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

namespace {

// Runs parallel_workers(threads) and returns how often each worker index ran.
std::vector<int> runs_per_worker(int threads) {
  std::vector<std::atomic<int>> hits(static_cast<std::size_t>(threads) + 1);
  detente::parallel_workers(threads, [&](int w) { hits[static_cast<std::size_t>(w)] += 1; });
  std::vector<int> out;
  for (auto& h : hits) out.push_back(h.load());
  return out;
}

}  // namespace

TEST(Parallel, EveryWorkerRunsOnceForAnyThreadCountAndOrderOfCalls) {
  // Growing, shrinking and growing again: the pool keeps threads a later, smaller call
  // leaves out, and those must neither run nor miss the next call that includes them.
  for (int round = 0; round < 50; ++round) {
    for (int threads : {2, 7, 1, 3, 2, 9, 4}) {
      const std::vector<int> hits = runs_per_worker(threads);
      for (int w = 0; w < threads; ++w) ASSERT_EQ(hits[static_cast<std::size_t>(w)], 1) << threads;
      ASSERT_EQ(hits.back(), 0) << threads;
    }
  }
}

TEST(Parallel, ChunksCoverTheRangeOnce) {
  for (int threads : {1, 2, 5}) {
    std::vector<int> seen(1001, 0);
    detente::parallel_chunks(seen.size(), threads, [&](std::size_t b, std::size_t e) {
      for (std::size_t i = b; i < e; ++i) seen[i] += 1;
    });
    for (int s : seen) ASSERT_EQ(s, 1);
  }
}

TEST(Parallel, TheLowestWorkersExceptionIsRethrownAfterAllHaveRun) {
  std::atomic<int> finished{0};
  try {
    detente::parallel_workers(4, [&](int w) {
      finished += 1;
      if (w == 3) throw std::runtime_error("three");
      if (w == 2) throw std::runtime_error("two");
    });
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "two");
  }
  EXPECT_EQ(finished.load(), 4);
  EXPECT_EQ(runs_per_worker(4)[3], 1);  // the pool still works after a throwing job
}

TEST(Parallel, NestedAndConcurrentCallsRunEveryWorker) {
  std::atomic<int> inner{0};
  detente::parallel_workers(3, [&](int) {
    detente::parallel_workers(2, [&](int) { inner += 1; });  // the pool is busy here
  });
  EXPECT_EQ(inner.load(), 6);
  std::atomic<int> total{0};
  auto caller = [&] {
    for (int k = 0; k < 200; ++k) detente::parallel_workers(2, [&](int) { total += 1; });
  };
  std::thread a(caller), b(caller);
  a.join();
  b.join();
  EXPECT_EQ(total.load(), 800);
}

#if defined(__SANITIZE_THREAD__)
constexpr bool kThreadSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
constexpr bool kThreadSanitizer = true;
#else
constexpr bool kThreadSanitizer = false;
#endif
#else
constexpr bool kThreadSanitizer = false;
#endif

TEST(Parallel, AForkedChildHasAPoolOfItsOwn) {
  if (kThreadSanitizer)
    GTEST_SKIP() << "ThreadSanitizer cannot start threads in the child of a threaded fork";
  ASSERT_EQ(runs_per_worker(2)[1], 1);  // the parent's pool threads exist now
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {  // the child: its pool threads were not copied; a new pool must start
    const std::vector<int> hits = runs_per_worker(3);
    ::_exit(hits[0] == 1 && hits[1] == 1 && hits[2] == 1 ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}
