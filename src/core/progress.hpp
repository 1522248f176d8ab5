// detente/core/progress.hpp
//
// Progress of long work — ensembles, sensitivity designs, the main job, event files,
// exhaustive searches — reported through one callback interface, so that the CLI draws a
// bar on a terminal, the web server keeps a job's status, and a test records the updates.
//
// The work creates a ProgressTask with the total number of units (runs, rows, files) and
// calls advance() as units complete, from any thread: an atomic add, nothing else. While
// the task lives, a reporter thread of its own passes the state to the sink every
// `interval` (default 0.1 s) — so a sink is never called concurrently and never from a
// worker — and once more, with `finished` set, when the task ends. With no sink (nullptr)
// a task costs one atomic add per advance() and starts no thread.
//
// terminal_progress() gives the CLI's sink: a one-line bar with the rate and the time
// left, redrawn in place on stderr, when stderr is a terminal and --quiet was not given;
// otherwise no sink at all, so nothing is printed (warnings still go to stderr). Work that
// finishes within half a second draws nothing.
//
// Example:
//   auto bar = detente::terminal_progress(args.quiet);          // nullptr: silent
//   detente::ProgressTask task(bar.get(), "baseline + 4 variants", runs, "runs");
//   parallel_chunks(runs, threads, [&](std::size_t b, std::size_t e) {
//     for (std::size_t r = b; r < e; ++r) { work(r); task.advance(); }
//   });
//   task.finish();    // or let the destructor do it
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace detente {

struct ProgressState {
  std::string label;         // what is being done: "baseline + 4 variants", "sensitivity"
  std::string unit;          // what is counted: "runs", "rows", "files"
  std::size_t done = 0;      // units completed
  std::size_t total = 0;     // units in all (0: unknown)
  double elapsed = 0;        // seconds since the task began
  bool finished = false;     // the last update of the task
  double rate() const;       // units per second so far (0 before the first)
  double remaining() const;  // seconds left at that rate (negative when unknown)
};

// Receives a task's updates, one at a time, from the task's reporter thread.
class ProgressSink {
 public:
  virtual ~ProgressSink() = default;
  virtual void update(const ProgressState& state) = 0;
};

class ProgressTask {
 public:
  ProgressTask(ProgressSink* sink, std::string label, std::size_t total, std::string unit = "runs",
               std::chrono::milliseconds interval = std::chrono::milliseconds(100));
  ~ProgressTask();
  ProgressTask(const ProgressTask&) = delete;
  ProgressTask& operator=(const ProgressTask&) = delete;

  void advance(std::size_t units = 1) { done_.fetch_add(units, std::memory_order_relaxed); }
  std::size_t done() const { return done_.load(std::memory_order_relaxed); }
  // Stops the reporter and sends the final update (once; the destructor calls it).
  void finish();

 private:
  ProgressState state(bool finished) const;
  void report_loop();

  ProgressSink* sink_;
  std::string label_, unit_;
  std::size_t total_;
  std::chrono::milliseconds interval_;
  std::chrono::steady_clock::time_point start_;
  std::atomic<std::size_t> done_{0};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool finished_ = false;
  std::thread reporter_;
};

// The bar as drawn: "label [#####.......]  41%  8,200/20,000 runs  12,400 runs/s  0:01 left".
std::string progress_line(const ProgressState& state);

// The CLI's sink: a bar redrawn in place on stderr when stderr is a terminal and not
// `quiet`; nullptr otherwise (no output at all).
std::unique_ptr<ProgressSink> terminal_progress(bool quiet);

}  // namespace detente
