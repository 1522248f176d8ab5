// `detente balance INPUT`: the frustration index of a signed network (exact with a proof
// of optimality, or heuristic), its best two-bloc split and its balance measures.
//
//   detente balance tribes.csv --method exact --format json
//   detente balance northeast-asia-2024 --date 2024-05-27
#include <cmath>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "align/balance_measures.hpp"
#include "align/frustration.hpp"
#include "align/relocation.hpp"
#include "align/signed_graph.hpp"
#include "cli/command.hpp"
#include "cli/commands.hpp"
#include "cli/store_option.hpp"
#include "core/error.hpp"
#include "io/graph/graph_reader.hpp"

namespace detente::cli {
namespace {

struct BalanceArgs {
  std::vector<std::string> inputs;
  std::string method = "exact";
  double time_limit = 0;
  long long node_budget = 0;
  bool unweighted = false;
  std::uint64_t seed = 1;
  int starts = 16;
  int clusters = 2;
  double alpha = 0.5;
  int threads = 1;
  int matrix = 1;  // UCINET DL: which of the NM matrices (1-based)
  std::string date;
  std::string output;
  Format format = Format::text;
  StoreOption store;
};

// Reads one INPUT; a reader's notes (e.g. which matrix of a multi-matrix file) go to stderr.
align::SignedGraph load(const BalanceArgs& a, const std::string& input, std::optional<Date> date) {
  std::vector<std::string> notes;
  align::SignedGraph g =
      align::load_signed_network(input, date, {.matrix = a.matrix - 1, .notes = &notes});
  if (!quiet())
    for (const auto& n : notes) std::cerr << "detente: note: " << n << '\n';
  return g;
}

// Integral values print as integers ("frustration": 7), others as numbers.
nlohmann::json number(double v) {
  if (std::floor(v) == v && std::abs(v) < 1e15) return static_cast<long long>(v);
  return v;
}

// k-way Doreian–Mrvar relocation blockmodel.
int run_blockmodel(const BalanceArgs& a, const align::SignedGraph& g, bool weighted) {
  auto r = align::signed_blockmodel(g, {.clusters = a.clusters,
                                        .alpha = a.alpha,
                                        .starts = a.starts,
                                        .seed = a.seed,
                                        .weighted = weighted,
                                        .threads = a.threads});
  nlohmann::json j;
  j["nodes"] = g.size();
  j["edges"] = g.edges.size();
  j["method"] = "blockmodel";
  j["clusters"] = a.clusters;
  j["alpha"] = a.alpha;
  j["criterion"] = number(r.criterion);
  j["negative_within"] = number(r.negative_within);
  j["positive_between"] = number(r.positive_between);
  j["starts_reaching_best"] = r.starts_reaching_best;
  nlohmann::json part = nlohmann::json::object();
  for (int i = 0; i < g.size(); ++i) part[g.names[i]] = r.cluster[i];
  j["partition"] = part;
  a.store.save(j);
  std::string out;
  if (a.format == Format::json) {
    out = j.dump(2) + "\n";
  } else {
    out = fmt::format(
        "{} nodes, {} ties; {} clusters, α = {}: criterion {} (negative within {}, positive "
        "between {}); {} of {} starts reached it\n",
        g.size(), g.edges.size(), a.clusters, a.alpha, r.criterion, r.negative_within,
        r.positive_between, r.starts_reaching_best, a.starts);
    for (int c = 0; c < a.clusters; ++c) {
      std::string names;
      for (int i = 0; i < g.size(); ++i)
        if (r.cluster[i] == c) names += (names.empty() ? "" : " ") + g.names[i];
      out += fmt::format("cluster {}: {}\n", c, names);
    }
  }
  emit(out, a.output);
  return 0;
}

struct Analysis {
  nlohmann::json json;
  std::string text;
};

// Two-bloc analysis of one input: JSON object and text block.
Analysis analyse(const BalanceArgs& a, const align::SignedGraph& g, bool weighted) {
  align::FrustrationResult r;
  int agree = -1;
  if (a.method == "exact") {
    r = align::frustration_exact(g, {.weighted = weighted,
                                     .time_limit_seconds = a.time_limit,
                                     .seed = a.seed,
                                     .node_budget = a.node_budget});
  } else {
    auto h = align::frustration_heuristic(
        g, {.starts = a.starts, .seed = a.seed, .weighted = weighted, .threads = a.threads});
    r = h.result;
    agree = h.starts_reaching_best;
  }
  auto m = align::balance_measures(g, r.side, weighted);
  // nlohmann::json (sorted keys) rather than ordered_json: the latter's linear key lookup
  // makes a 10^5-node partition quadratic.
  nlohmann::json j;
  j["nodes"] = g.size();
  j["edges"] = g.edges.size();
  j["positive_edges"] = g.positive_edges();
  j["negative_edges"] = g.negative_edges();
  j["method"] = a.method;
  j["weighted"] = weighted;
  j["frustration"] = number(r.frustration);
  j["optimal"] = r.optimal;
  j["lower_bound"] = number(r.lower_bound);
  if (agree >= 0) j["starts_reaching_best"] = agree;
  if (a.method == "exact") {
    j["search_nodes"] = r.search_nodes;
    j["stopped"] = r.stopped == align::FrustrationStop::finished      ? "finished"
                   : r.stopped == align::FrustrationStop::node_budget ? "node budget"
                                                                      : "time limit";
  }
  nlohmann::json part = nlohmann::json::object();
  for (int i = 0; i < g.size(); ++i) part[g.names[i]] = r.side.empty() ? 0 : r.side[i];
  j["partition"] = part;
  nlohmann::json fr = nlohmann::json::array();
  for (int e : r.frustrated)
    fr.push_back({g.names[g.edges[e].u], g.names[g.edges[e].v], g.edges[e].sign});
  j["frustrated_ties"] = fr;
  nlohmann::json nf = nlohmann::json::object();
  auto per_node = align::node_frustration(g, r.side, weighted);
  for (int i = 0; i < g.size(); ++i)
    if (per_node[i] > 0) nf[g.names[i]] = number(per_node[i]);
  j["node_frustration"] = nf;
  j["balance"] = {{"triangle_ratio", m.triangle_ratio},
                  {"triangle_ratio_weighted", m.triangle_ratio_weighted},
                  {"triangles", m.triangles},
                  {"walk_balance", m.walk_balance},
                  {"normalised_frustration", m.normalised_frustration},
                  {"polarization", m.polarization}};
  j["seconds"] = r.seconds;
  std::string out;
  {
    out += fmt::format("{} nodes, {} ties ({} positive, {} negative)\n", g.size(), g.edges.size(),
                       g.positive_edges(), g.negative_edges());
    out += fmt::format("frustration index: {} ({}; lower bound {}) [{}, {:.4f} s]\n", r.frustration,
                       r.optimal ? "optimal" : "not proven optimal", r.lower_bound, a.method,
                       r.seconds);
    if (agree >= 0) out += fmt::format("starts reaching the best value: {}\n", agree);
    for (int s = 0; s < 2; ++s) {
      std::string names;
      for (int i = 0; i < g.size(); ++i)
        if (!r.side.empty() && r.side[i] == s) names += (names.empty() ? "" : " ") + g.names[i];
      out += fmt::format("bloc {}: {}\n", s, names);
    }
    out += fmt::format("frustrated ties ({}):", r.frustrated.size());
    for (int e : r.frustrated)
      out += fmt::format(" {}{}{}", g.names[g.edges[e].u], g.edges[e].sign > 0 ? "+" : "-",
                         g.names[g.edges[e].v]);
    out += "\n";
    out += fmt::format(
        "triangle balance {:.3f} (weighted {:.3f}, {} triangles); walk balance {:.3f}; "
        "1 - L/(m/2) = {:.3f}; polarization {:.3f}\n",
        m.triangle_ratio, m.triangle_ratio_weighted, m.triangles, m.walk_balance,
        m.normalised_frustration, m.polarization);
  }
  return {std::move(j), std::move(out)};
}

std::optional<Date> parse_date(const BalanceArgs& a) {
  if (a.date.empty()) return std::nullopt;
  auto date = Date::parse(a.date);
  if (!date) fail({"", 0, "--date"}, "expected a date YYYY-MM-DD, got '{}'", a.date);
  return date;
}

// Several inputs (e.g. one network per window of years): one row each.
int run_series(const BalanceArgs& a) {
  if (a.method == "blockmodel") fail({"", 0, "--method"}, "blockmodel takes a single INPUT");
  auto date = parse_date(a);
  std::vector<std::pair<std::string, Analysis>> rows;
  for (const auto& input : a.inputs) {  // read everything first: a bad file writes nothing
    align::SignedGraph g = load(a, input, date);
    rows.emplace_back(input, analyse(a, g, !a.unweighted));
  }
  std::string out;
  if (a.format == Format::json) {
    nlohmann::json all = nlohmann::json::array();
    for (auto& [input, r] : rows) {
      r.json["input"] = input;
      all.push_back(r.json);
    }
    out = all.dump(2) + "\n";
  } else {
    bool csv = a.format == Format::csv;
    out = csv ? "input,nodes,edges,negative_edges,frustration,optimal,lower_bound,"
                "triangle_ratio,walk_balance,polarization,seconds\n"
              : fmt::format("{:<40} {:>6} {:>6} {:>5} {:>11} {:>8} {:>6} {:>6} {:>6} {:>8}\n",
                            "input", "nodes", "ties", "neg", "frustration", "optimal", "triad",
                            "walk", "polar", "seconds");
    for (const auto& [input, r] : rows) {
      const auto& j = r.json;
      std::string name = std::filesystem::path(input).filename().string();
      if (csv)
        out +=
            fmt::format("{},{},{},{},{},{},{},{},{},{},{}\n", input, j["nodes"].dump(),
                        j["edges"].dump(), j["negative_edges"].dump(), j["frustration"].dump(),
                        j["optimal"].dump(), j["lower_bound"].dump(),
                        j["balance"]["triangle_ratio"].dump(), j["balance"]["walk_balance"].dump(),
                        j["balance"]["polarization"].dump(), j["seconds"].dump());
      else
        out += fmt::format(
            "{:<40} {:>6} {:>6} {:>5} {:>11} {:>8} {:>6.3f} {:>6.3f} {:>6.3f} {:>8.4f}\n", name,
            j["nodes"].dump(), j["edges"].dump(), j["negative_edges"].dump(),
            j["frustration"].dump(), j["optimal"].get<bool>() ? "yes" : "no",
            j["balance"]["triangle_ratio"].get<double>(),
            j["balance"]["walk_balance"].is_number() ? j["balance"]["walk_balance"].get<double>()
                                                     : NAN,
            j["balance"]["polarization"].get<double>(), j["seconds"].get<double>());
    }
  }
  emit(out, a.output);
  return 0;
}

int run_balance(const BalanceArgs& a) {
  if (a.inputs.size() > 1) return run_series(a);
  align::SignedGraph g = load(a, a.inputs.front(), parse_date(a));
  bool weighted = !a.unweighted;
  if (a.method == "blockmodel") return run_blockmodel(a, g, weighted);
  auto r = analyse(a, g, weighted);
  a.store.save(r.json);
  emit(a.format == Format::json ? r.json.dump(2) + "\n" : r.text, a.output);
  return 0;
}

}  // namespace

CommandSpec balance_command() {
  return {"balance", "Frustration index, best two-bloc split and balance of a signed network",
          [](CLI::App& app) {
            auto a = std::make_shared<BalanceArgs>();
            app.add_option(
                   "INPUT", a->inputs,
                   "Signed network(s): CSV edge list (from,to,sign[,weight]), Pajek "
                   ".net/.paj, UCINET .dat, or a scenario (built-in name or .toml); several "
                   "inputs give one row each (e.g. a series of windows); - reads stdin")
                ->required();
            app.add_option("--method", a->method,
                           "exact (proof of optimality), heuristic (two blocs, large graphs) or "
                           "blockmodel (k clusters, Doreian–Mrvar relocation)")
                ->check(CLI::IsMember({"exact", "heuristic", "blockmodel"}))
                ->default_str("exact");
            app.add_option("--time-limit", a->time_limit,
                           "Seconds for the exact search (0 = none); on expiry the best split is "
                           "reported with its bounds as not proven optimal. Where it stops "
                           "depends on the machine: --node-budget is reproducible")
                ->check(CLI::NonNegativeNumber);
            app.add_option("--node-budget", a->node_budget,
                           "Branch-and-bound nodes for the exact search (0 = none); when they "
                           "run out the best split is reported with its bounds as not proven "
                           "optimal, the same on every machine")
                ->check(CLI::NonNegativeNumber);
            app.add_option("--clusters", a->clusters, "Blockmodel: number of clusters k")
                ->check(CLI::PositiveNumber);
            app.add_option("--alpha", a->alpha,
                           "Blockmodel: weight of negative ties inside clusters (1 − α: positive "
                           "ties between)")
                ->check(CLI::Range(0.0, 1.0));
            app.add_flag("--unweighted", a->unweighted, "Count ties, ignoring their weights");
            app.add_option("--seed", a->seed, "Seed of the heuristic's random starts")
                ->default_str("1");
            app.add_option("--starts", a->starts, "Heuristic starts")->check(CLI::PositiveNumber);
            add_threads_option(app, a->threads, "Heuristic threads");
            app.add_option("--matrix", a->matrix,
                           "UCINET DL with several matrices (NM > 1): which one to read (1-based)")
                ->check(CLI::PositiveNumber)
                ->default_str("1");
            app.add_option("--date", a->date, "For a scenario: the date of the relations");
            add_output_option(app, a->output);
            add_format_option(app, a->format, {Format::text, Format::json, Format::csv});
            a->store.add(app);
            return [a] { return run_balance(*a); };
          }};
}

}  // namespace detente::cli
