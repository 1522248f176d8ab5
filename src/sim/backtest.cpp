#include "sim/backtest.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>

#include "core/error.hpp"
#include "io/graph/graph_reader.hpp"
#include "sim/dynamics.hpp"
#include "sim/scoring.hpp"

namespace detente::sim {

namespace {

constexpr double kKappaGrid[] = {0.25, 0.5, 1, 2, 4, 8, 16, 32, 64};

struct Target {
  std::string a, b;
  bool positive = false;
};

// The ties of window `next`, each with its outcome.
std::vector<Target> targets(const align::SignedGraph& next) {
  std::vector<Target> out;
  for (const auto& e : next.edges) {
    std::string a = next.names[e.u], b = next.names[e.v];
    if (b < a) std::swap(a, b);
    out.push_back({a, b, e.sign > 0});
  }
  std::sort(out.begin(), out.end(), [](const Target& x, const Target& y) {
    return std::tie(x.a, x.b) < std::tie(y.a, y.b);
  });
  return out;
}

// Window t's ties (sign), by ordered pair.
std::map<std::pair<std::string, std::string>, int> signs(const align::SignedGraph& g) {
  std::map<std::pair<std::string, std::string>, int> out;
  for (const auto& e : g.edges) {
    std::string a = g.names[e.u], b = g.names[e.v];
    if (b < a) std::swap(a, b);
    out[{a, b}] = e.sign;
  }
  return out;
}

// Tie values after `months` of the dynamics from window t, for every target pair.
std::vector<double> evolve(const align::SignedGraph& from, const std::vector<Target>& wanted,
                           const BacktestOptions& options) {
  std::map<std::string, int> index;
  for (const auto& name : from.names) index.emplace(name, static_cast<int>(index.size()));
  for (const auto& t : wanted)
    for (const auto* name : {&t.a, &t.b}) index.emplace(*name, static_cast<int>(index.size()));
  const int n = static_cast<int>(index.size());
  std::vector<double> x(static_cast<std::size_t>(n) * n, 0.0), scratch(integrate_scratch_size(n));
  for (const auto& e : from.edges) {
    const int u = index.at(from.names[e.u]), v = index.at(from.names[e.v]);
    x[u * n + v] = x[v * n + u] = e.sign;
  }
  const std::vector<double> baseline = x;
  const std::vector<double> dyn = options.dynamics.empty() ? default_dynamics() : options.dynamics;
  for (int month = 0; month < options.months; ++month)
    integrate_month(n, dyn, x, baseline, scratch);
  std::vector<double> out;
  for (const auto& t : wanted) out.push_back(x[index.at(t.a) * n + index.at(t.b)]);
  return out;
}

double logistic(double z) { return 1 / (1 + std::exp(-z)); }

ForecastScores score(const std::vector<double>& p, const std::vector<double>& o) {
  ForecastScores s;
  s.count = p.size();
  if (p.empty()) return s;
  s.brier = brier_score(p, o);
  s.log_score = mean_log_score(p, o);
  double right = 0;
  for (std::size_t i = 0; i < p.size(); ++i) right += (p[i] >= 0.5) == (o[i] > 0.5);
  s.accuracy = right / static_cast<double>(p.size());
  return s;
}

struct Transition {
  std::vector<Target> wanted;
  std::vector<double> x;       // dynamics' tie values
  std::vector<bool> existing;  // tie present in window t
  std::vector<int> last_sign;
};

Transition prepare(const Window& from, const Window& to, const BacktestOptions& options) {
  Transition tr;
  tr.wanted = targets(to.graph);
  tr.x = evolve(from.graph, tr.wanted, options);
  const auto before = signs(from.graph);
  for (const auto& t : tr.wanted) {
    auto it = before.find({t.a, t.b});
    tr.existing.push_back(it != before.end());
    tr.last_sign.push_back(it == before.end() ? 0 : it->second);
  }
  return tr;
}

double brier_for_kappa(const Transition& tr, double kappa) {
  double sum = 0;
  for (std::size_t i = 0; i < tr.wanted.size(); ++i) {
    const double p = logistic(kappa * tr.x[i]), o = tr.wanted[i].positive;
    sum += (p - o) * (p - o);
  }
  return sum / static_cast<double>(std::max<std::size_t>(tr.wanted.size(), 1));
}

double new_tie_base_rate(const Transition& tr) {
  double positive = 0, count = 0;
  for (std::size_t i = 0; i < tr.wanted.size(); ++i)
    if (!tr.existing[i]) {
      ++count;
      positive += tr.wanted[i].positive;
    }
  return count > 0 ? positive / count : 0.5;
}

}  // namespace

std::vector<Window> read_windows(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) fail({dir}, "not a directory of network windows");
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".csv" &&
        entry.path().filename().string().rfind("cow_", 0) == 0)
      files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  if (files.size() < 3)
    fail({dir}, "expected at least three cow_*.csv windows, found {}", files.size());
  std::vector<Window> out;
  for (const auto& f : files)
    out.push_back({fs::path(f).stem().string(), align::read_signed_csv(f)});
  return out;
}

BacktestResult backtest(const std::vector<Window>& windows, const BacktestOptions& options) {
  if (windows.size() < 3)
    throw InputError({"", 0, "windows"}, "a backtest needs three windows or more");
  BacktestResult result;
  std::vector<double> all_p_dyn, all_p_per, all_o;
  std::vector<double> ex_dyn, ex_per, ex_o, nw_dyn, nw_per, nw_o;
  Transition previous = prepare(windows[0], windows[1], options);
  for (std::size_t t = 1; t + 1 < windows.size(); ++t) {
    Transition current = prepare(windows[t], windows[t + 1], options);
    // Fit on the previous transition only: no look-ahead.
    double kappa = kKappaGrid[0], best = 1e300;
    for (double k : kKappaGrid)
      if (double b = brier_for_kappa(previous, k); b < best - 1e-15) {
        best = b;
        kappa = k;
      }
    const double base_rate = new_tie_base_rate(previous);
    std::vector<double> p_dyn, p_per, o;
    for (std::size_t i = 0; i < current.wanted.size(); ++i) {
      const double pd = logistic(kappa * current.x[i]);
      const double pp = current.existing[i] ? (current.last_sign[i] > 0 ? 1.0 : 0.0) : base_rate;
      const double outcome = current.wanted[i].positive;
      p_dyn.push_back(pd);
      p_per.push_back(pp);
      o.push_back(outcome);
      (current.existing[i] ? ex_dyn : nw_dyn).push_back(pd);
      (current.existing[i] ? ex_per : nw_per).push_back(pp);
      (current.existing[i] ? ex_o : nw_o).push_back(outcome);
    }
    result.transitions.push_back(
        {windows[t].name, windows[t + 1].name, kappa, score(p_dyn, o), score(p_per, o)});
    all_p_dyn.insert(all_p_dyn.end(), p_dyn.begin(), p_dyn.end());
    all_p_per.insert(all_p_per.end(), p_per.begin(), p_per.end());
    all_o.insert(all_o.end(), o.begin(), o.end());
    previous = std::move(current);
  }
  result.dynamics = score(all_p_dyn, all_o);
  result.persistence = score(all_p_per, all_o);
  result.dynamics_existing = score(ex_dyn, ex_o);
  result.persistence_existing = score(ex_per, ex_o);
  result.dynamics_new = score(nw_dyn, nw_o);
  result.persistence_new = score(nw_per, nw_o);
  const auto diff = compare_paired(brier_scores(all_p_dyn, all_o), brier_scores(all_p_per, all_o),
                                   {1000, 0.95, options.seed});
  result.brier_difference = diff.mean_difference;
  result.difference_low = diff.difference_low;
  result.difference_high = diff.difference_high;
  return result;
}

namespace {
nlohmann::json scores_json(const ForecastScores& s) {
  return {
      {"count", s.count}, {"brier", s.brier}, {"log_score", s.log_score}, {"accuracy", s.accuracy}};
}
}  // namespace

nlohmann::json to_json(const BacktestResult& r) {
  nlohmann::json j;
  j["transitions"] = nlohmann::json::array();
  for (const auto& t : r.transitions)
    j["transitions"].push_back({{"from", t.from},
                                {"to", t.to},
                                {"kappa", t.kappa},
                                {"dynamics", scores_json(t.dynamics)},
                                {"persistence", scores_json(t.persistence)}});
  j["overall"] = {{"dynamics", scores_json(r.dynamics)},
                  {"persistence", scores_json(r.persistence)}};
  j["existing_ties"] = {{"dynamics", scores_json(r.dynamics_existing)},
                        {"persistence", scores_json(r.persistence_existing)}};
  j["new_ties"] = {{"dynamics", scores_json(r.dynamics_new)},
                   {"persistence", scores_json(r.persistence_new)}};
  j["brier_difference"] = {{"dynamics_minus_persistence", r.brier_difference},
                           {"ci95", {r.difference_low, r.difference_high}}};
  return j;
}

}  // namespace detente::sim
