#include "serve/jobs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "serve/api.hpp"
#include "sim/ensemble.hpp"
#include "sim/ensemble_summary.hpp"
#include "sim/model.hpp"
#include "sim/sensitivity.hpp"
#include "sim/tally.hpp"

namespace detente::serve {

using nlohmann::json;

struct JobManager::Job {
  std::string id;
  Scenario scenario;
  std::string toml;
  JobRequest request;
  std::atomic<bool> cancelled{false};
  std::atomic<std::size_t> done{0};
  std::size_t total = 0;
  mutable std::mutex mutex;      // guards state, message, result, current
  std::string state = "queued";  // queued, running, done, cancelled, failed
  std::string message, current;
  json result;
  std::thread thread;
};

JobRequest job_request(const json& body, std::size_t max_runs, int default_threads) {
  JobRequest r;
  auto count = [&](const char* key, std::size_t lo, std::size_t hi, std::size_t fallback) {
    auto it = body.find(key);
    if (it == body.end()) return fallback;
    if (!it->is_number_integer() || it->get<long long>() < static_cast<long long>(lo) ||
        it->get<long long>() > static_cast<long long>(hi))
      throw ApiError(400, fmt::format("expected '{}' to be an integer in [{}, {}]", key, lo, hi));
    return static_cast<std::size_t>(it->get<long long>());
  };
  r.runs = count("runs", 1, max_runs, r.runs);
  r.seed = count("seed", 0, static_cast<std::size_t>(1) << 53, 1);
  r.threads = static_cast<int>(
      count("threads", 1, 1024, static_cast<std::size_t>(std::max(1, default_threads))));
  r.sensitivity_samples = count("sensitivity_samples", 8, 4096, r.sensitivity_samples);
  r.sensitivity_replicates = count("sensitivity_replicates", 1, 64, r.sensitivity_replicates);
  if (auto it = body.find("sensitivity"); it != body.end()) {
    if (!it->is_boolean()) throw ApiError(400, "expected 'sensitivity' to be true or false");
    r.sensitivity = it->get<bool>();
  }
  if (auto it = body.find("variants"); it != body.end()) {
    if (!it->is_array()) throw ApiError(400, "expected 'variants' to be an array of ids");
    for (const auto& v : *it) {
      if (!v.is_string()) throw ApiError(400, "expected 'variants' to be an array of ids");
      r.variants.push_back(v.get<std::string>());
    }
  }
  return r;
}

// The baseline, then the variants asked for, each once (all of them when none is named);
// effects are taken against the baseline, as `detente simulate` does.
std::vector<const Variant*> chosen_variants(const Scenario& s, const JobRequest& request) {
  std::vector<const Variant*> chosen{nullptr};
  if (request.variants.empty()) {
    for (const auto& v : s.variants) chosen.push_back(&v);
    return chosen;
  }
  for (const auto& id : request.variants) {
    if (id == "baseline") continue;
    const Variant* v = s.find_variant(id);
    if (!v) throw ApiError(400, fmt::format("unknown variant '{}'", id));
    if (std::find(chosen.begin(), chosen.end(), v) == chosen.end()) chosen.push_back(v);
  }
  return chosen;
}

JobManager::JobManager(std::size_t max_running, std::size_t max_kept, std::size_t slice,
                       JobDone on_done)
    : max_running_(max_running),
      max_kept_(max_kept),
      slice_(std::max<std::size_t>(slice, 1)),
      on_done_(std::move(on_done)) {}

JobManager::~JobManager() {
  std::vector<std::shared_ptr<Job>> all;
  {
    std::lock_guard lock(mutex_);
    for (auto& [id, job] : jobs_) all.push_back(job);
  }
  for (auto& job : all) job->cancelled = true;
  for (auto& job : all)
    if (job->thread.joinable()) job->thread.join();
}

std::string JobManager::start(Scenario scenario, JobRequest request, std::string toml) {
  // The variants are checked before the job is accepted, so a typo is a 400 at once.
  const std::size_t models = chosen_variants(scenario, request).size();
  auto job = std::make_shared<Job>();
  job->scenario = std::move(scenario);
  job->toml = std::move(toml);
  job->request = std::move(request);
  job->total = models * job->request.runs;
  std::lock_guard lock(mutex_);
  std::size_t running = 0;
  for (const auto& [id, j] : jobs_) {
    std::lock_guard jl(j->mutex);
    running += j->state == "running" || j->state == "queued";
  }
  if (running >= max_running_)
    throw ApiError(429, fmt::format("{} ensemble jobs are running; wait or cancel one", running));
  job->id = fmt::format("{}", next_id_++);
  jobs_[job->id] = job;
  order_.push_back(job->id);
  forget_old();
  job->thread = std::thread([this, job] { run(*job); });
  return job->id;
}

void JobManager::run(Job& job) {
  {
    std::lock_guard lock(job.mutex);
    job.state = "running";
  }
  try {
    const auto started = std::chrono::steady_clock::now();
    const Scenario& s = job.scenario;
    const JobRequest& rq = job.request;
    std::vector<sim::SimModel> models;
    for (const Variant* v : chosen_variants(s, rq)) models.push_back(sim::compile(s, v));
    {
      std::lock_guard lock(job.mutex);
      job.current = models.size() == 1 ? models.front().variant_id
                                       : fmt::format("baseline + {} variants", models.size() - 1);
    }
    // Slices of the runs tallied one after the other: tallies add exactly (sim/tally.hpp),
    // so the result is that of one tally over all runs, and a cancel waits one slice at most.
    sim::EnsembleTally tally = sim::make_tally(models, rq.seed, rq.runs);
    for (std::size_t begin = 0; begin < rq.runs && !job.cancelled; begin += slice_) {
      std::size_t end = std::min(rq.runs, begin + slice_);
      tally.merge(sim::tally_ensemble(models, {rq.seed, rq.threads, nullptr}, rq.runs, begin, end));
      job.done += (end - begin) * models.size();
    }
    json result;
    if (!job.cancelled) {
      sim::EnsembleReport report = sim::summarise(tally);
      std::vector<sim::SensitivityResult> sensitivities;
      if (rq.sensitivity) {
        for (const sim::SimModel& model : models)
          sensitivities.push_back(sim::sensitivity(
              model,
              {rq.sensitivity_samples, rq.sensitivity_replicates, rq.seed, rq.threads, 200}));
        sim::attach_pinning(report, sensitivities.front());
      }
      result = sim::to_json(report);
      for (std::size_t v = 0; v < sensitivities.size(); ++v) {
        sim::SobolOptions shown{rq.sensitivity_samples, rq.seed};
        result["variants"][v]["sensitivity"] =
            sim::sobol_to_json(sensitivities[v].sobol, sensitivities[v].outputs, shown);
        result["variants"][v]["sensitivity"]["replicates"] = rq.sensitivity_replicates;
      }
    }
    if (!job.cancelled && on_done_)
      on_done_(job.toml, s, rq, result,
               std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    std::lock_guard lock(job.mutex);
    if (job.cancelled) {
      job.state = "cancelled";
    } else {
      job.result = std::move(result);
      job.state = "done";
    }
  } catch (const InputError& e) {
    std::lock_guard lock(job.mutex);
    job.state = "failed";
    job.message = e.diagnostics().empty() ? e.what() : e.diagnostics().front().to_string();
  } catch (const std::exception& e) {
    std::lock_guard lock(job.mutex);
    job.state = "failed";
    job.message = e.what();
  }
}

void JobManager::forget_old() {
  // Called with mutex_ held: drops the oldest finished jobs beyond max_kept_.
  while (order_.size() > max_kept_) {
    bool dropped = false;
    for (auto it = order_.begin(); it != order_.end(); ++it) {
      auto job = jobs_.at(*it);
      std::unique_lock jl(job->mutex);
      if (job->state == "running" || job->state == "queued") continue;
      jl.unlock();
      if (job->thread.joinable()) job->thread.join();
      jobs_.erase(*it);
      order_.erase(it);
      dropped = true;
      break;
    }
    if (!dropped) break;
  }
}

std::optional<json> JobManager::status(const std::string& id) const {
  std::shared_ptr<Job> job;
  {
    std::lock_guard lock(mutex_);
    auto it = jobs_.find(id);
    if (it == jobs_.end()) return std::nullopt;
    job = it->second;
  }
  std::lock_guard lock(job->mutex);
  json j = {{"job", job->id},
            {"state", job->state},
            {"done", job->done.load()},
            {"total", job->total},
            {"variant", job->current}};
  if (!job->message.empty()) j["message"] = job->message;
  if (job->state == "done") j["result"] = job->result;
  return j;
}

bool JobManager::cancel(const std::string& id) {
  std::lock_guard lock(mutex_);
  auto it = jobs_.find(id);
  if (it == jobs_.end()) return false;
  it->second->cancelled = true;
  return true;
}

}  // namespace detente::serve
