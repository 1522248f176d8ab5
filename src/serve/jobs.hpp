// detente/serve/jobs.hpp
//
// Ensemble jobs for `detente serve`: POST /api/simulate starts one on a worker thread and
// answers its id at once; GET /api/jobs/ID reports progress (runs done of runs total) and,
// when done, the same JSON as `detente simulate --format json`; DELETE /api/jobs/ID cancels.
// A job runs the baseline and its variants together (common random numbers, as `detente
// simulate` does) in slices of `slice` runs whose tallies add exactly (sim/tally.hpp), so
// slicing changes no number; cancelling takes effect at the next slice boundary. At most
// `max_running` jobs run at once (more are refused with 429) and the `max_kept` most recent
// finished jobs are kept.
//
// Example:
//   detente::serve::JobManager jobs;
//   std::string id = jobs.start(scenario, {.runs = 2000, .seed = 1});
//   nlohmann::json status = jobs.status(id);   // {"state": "running", "done": 500, ...}
//   jobs.cancel(id);
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/scenario.hpp"

namespace detente::serve {

struct JobRequest {
  std::size_t runs = 1000;  // per variant, 1..max_runs
  std::uint64_t seed = 1;
  std::vector<std::string> variants;  // empty: baseline and every variant
  bool sensitivity = false;           // Sobol indices per outcome (docs/models/sensitivity.md)
  std::size_t sensitivity_samples = 64;
  std::size_t sensitivity_replicates = 4;
  int threads = 1;
};

// Reads a JobRequest from the body of POST /api/simulate (ApiError 400 on a bad field); a
// body without "threads" gets `default_threads` (the server's --threads).
JobRequest job_request(const nlohmann::json& body, std::size_t max_runs, int default_threads = 1);

// Called on the job's thread when a job is done, with its scenario text, request, result
// and wall time (the server keeps it in the run store when it has one).
using JobDone = std::function<void(const std::string& toml, const Scenario&, const JobRequest&,
                                   const nlohmann::json& result, double seconds)>;

class JobManager {
 public:
  explicit JobManager(std::size_t max_running = 2, std::size_t max_kept = 32,
                      std::size_t slice = 250, JobDone on_done = {});
  ~JobManager();  // cancels and joins every job
  JobManager(const JobManager&) = delete;
  JobManager& operator=(const JobManager&) = delete;

  std::string start(Scenario scenario, JobRequest request, std::string toml = {});
  std::optional<nlohmann::json> status(const std::string& id) const;
  bool cancel(const std::string& id);

 private:
  struct Job;
  void run(Job& job);
  void forget_old();

  std::size_t max_running_, max_kept_, slice_;
  JobDone on_done_;
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Job>> jobs_;
  std::vector<std::string> order_;  // ids, oldest first
  std::uint64_t next_id_ = 1;
};

}  // namespace detente::serve
