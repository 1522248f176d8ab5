#include "serve/jobs.hpp"

#include <fmt/format.h>

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

JobRequest job_request(const json& body, std::size_t max_runs) {
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
  r.threads = static_cast<int>(count("threads", 1, 64, 1));
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

JobManager::JobManager(std::size_t max_running, std::size_t max_kept, std::size_t slice)
    : max_running_(max_running), max_kept_(max_kept), slice_(std::max<std::size_t>(slice, 1)) {}

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

std::string JobManager::start(Scenario scenario, JobRequest request) {
  // The variants are checked before the job is accepted, so a typo is a 400 at once.
  std::vector<const Variant*> chosen;
  if (request.variants.empty()) {
    chosen.push_back(nullptr);
    for (const auto& v : scenario.variants) chosen.push_back(&v);
  }
  for (const auto& id : request.variants) {
    if (id == "baseline") {
      chosen.push_back(nullptr);
      continue;
    }
    if (!scenario.find_variant(id)) throw ApiError(400, fmt::format("unknown variant '{}'", id));
  }
  auto job = std::make_shared<Job>();
  job->scenario = std::move(scenario);
  job->request = std::move(request);
  std::size_t variants =
      job->request.variants.empty() ? chosen.size() : job->request.variants.size();
  job->total = variants * job->request.runs;
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
    const Scenario& s = job.scenario;
    std::vector<const Variant*> chosen;
    if (job.request.variants.empty()) {
      chosen.push_back(nullptr);
      for (const auto& v : s.variants) chosen.push_back(&v);
    } else {
      for (const auto& id : job.request.variants)
        chosen.push_back(id == "baseline" ? nullptr : s.find_variant(id));
    }
    // The baseline always runs first: the variants' effects are paired with it.
    if (chosen.empty() || chosen.front() != nullptr) chosen.insert(chosen.begin(), nullptr);
    std::vector<sim::SimModel> models;
    for (const Variant* variant : chosen) models.push_back(sim::compile(s, variant));
    {
      std::lock_guard lock(job.mutex);
      job.current = models.size() == 1 ? models.front().variant_id
                                       : fmt::format("baseline + {} variants", models.size() - 1);
      job.total = models.size() * job.request.runs;
    }
    const std::size_t runs = job.request.runs;
    sim::EnsembleOptions options{job.request.seed, job.request.threads, nullptr};
    // Tallied in slices, so that a cancel takes effect within one slice; tallies add
    // exactly, so the result is the same as one call over all runs.
    sim::EnsembleTally tally = sim::make_tally(models, job.request.seed, runs);
    for (std::size_t begin = 0; begin < runs && !job.cancelled; begin += slice_) {
      const std::size_t end = std::min(runs, begin + slice_);
      tally.merge(sim::tally_ensemble(models, options, runs, begin, end));
      job.done += (end - begin) * models.size();
    }
    json result;
    if (!job.cancelled) {
      sim::EnsembleReport report = sim::summarise(tally);
      std::vector<sim::SensitivityResult> sensitivities;
      if (job.request.sensitivity) {
        for (const sim::SimModel& model : models)
          sensitivities.push_back(sim::sensitivity(
              model, {job.request.sensitivity_samples, job.request.sensitivity_replicates,
                      job.request.seed, job.request.threads, 200}));
        sim::attach_pinning(report, sensitivities.front());
      }
      result = sim::to_json(report);
      for (std::size_t v = 0; v < sensitivities.size(); ++v) {
        sim::SobolOptions shown{job.request.sensitivity_samples, job.request.seed};
        result["variants"][v]["sensitivity"] =
            sim::sobol_to_json(sensitivities[v].sobol, sensitivities[v].outputs, shown);
        result["variants"][v]["sensitivity"]["replicates"] = job.request.sensitivity_replicates;
      }
    }
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
