// `detente runs list|show ID|diff A B|export ID|rm ID --store FILE`: the runs kept in a
// run store (docs/run-store.md). IDs may be abbreviated to any unique prefix.
//
//   detente simulate northeast-asia-2024 --seed 1 --store runs.db
//   detente simulate northeast-asia-2024 --seed 2 --store runs.db
//   detente runs list --store runs.db
//   detente runs diff 3fa9 b07c --store runs.db      # moved probabilities, largest first
#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/commands.hpp"
#include "cli/store_option.hpp"
#include "core/error.hpp"
#include "io/csv.hpp"
#include "store/diff.hpp"
#include "store/run_store.hpp"

namespace detente::cli {
namespace {

struct RunsArgs {
  std::string store;
  Format format = Format::text;
  std::string output;
  std::string a, b;
};

std::string num(std::optional<double> v) { return v ? fmt::format("{:.6g}", *v) : "—"; }
std::string csv_num(std::optional<double> v) { return v ? fmt::format("{}", *v) : ""; }

// JSON text that never throws on bytes that are not UTF-8 (stored inputs may be binary).
std::string dump(const nlohmann::ordered_json& j) {
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

store::RunStore open_store(const RunsArgs& a) {
  return store::RunStore(require_store_path(a.store), {.create = false});
}

nlohmann::ordered_json record_json(const store::RunRecord& r, bool with_content) {
  nlohmann::ordered_json j;
  j["id"] = r.id;
  j["created_at"] = r.created_at;
  j["command"] = r.command;
  j["command_line"] = r.command_line;
  j["detente_version"] = r.detente_version;
  j["label"] = r.label;
  j["seed"] = r.seed ? nlohmann::ordered_json(*r.seed) : nlohmann::ordered_json(nullptr);
  j["threads"] = r.threads;
  j["ranks"] = r.ranks;
  j["wall_seconds"] = r.wall_seconds;
  j["options"] = nlohmann::ordered_json::array();
  for (const auto& o : r.options)
    j["options"].push_back({{"name", o.name}, {"value", o.value}, {"given", o.given}});
  j["inputs"] = nlohmann::ordered_json::array();
  for (const auto& in : r.inputs) {
    nlohmann::ordered_json x{{"path", in.path}, {"sha256", in.sha256}, {"bytes", in.bytes}};
    if (with_content && in.content) x["content"] = *in.content;
    j["inputs"].push_back(std::move(x));
  }
  return j;
}

int runs_list(const RunsArgs& a) {
  auto db = open_store(a);
  auto runs = db.list();
  std::string out;
  if (a.format == Format::json) {
    auto j = nlohmann::ordered_json::array();
    for (const auto& r : runs)
      j.push_back({{"id", r.id},
                   {"created_at", r.created_at},
                   {"command", r.command},
                   {"label", r.label},
                   {"seed", r.seed ? nlohmann::ordered_json(*r.seed) : nullptr},
                   {"wall_seconds", r.wall_seconds},
                   {"result_values", r.result_rows}});
    out = dump(j);
  } else if (a.format == Format::csv) {
    out = "id,created_at,command,label,seed,wall_seconds,result_values\n";
    for (const auto& r : runs)
      out +=
          fmt::format("{},{},{},{},{},{},{}\n", r.id, r.created_at, io::csv_quote(r.command),
                      io::csv_quote(r.label), r.seed.value_or(""), r.wall_seconds, r.result_rows);
  } else {
    out = fmt::format("{:<12}  {:<24}  {:<16}  {:<24}  {:>6}  {:>8}  {:>7}\n", "id",
                      "created (UTC)", "command", "label", "seed", "wall s", "values");
    for (const auto& r : runs)
      out += fmt::format("{:<12}  {:<24}  {:<16}  {:<24}  {:>6}  {:>8.2f}  {:>7}\n",
                         r.id.substr(0, 12), r.created_at, r.command, r.label.substr(0, 24),
                         r.seed.value_or("—"), r.wall_seconds, r.result_rows);
    out += fmt::format("{} run{} in {}\n", runs.size(), runs.size() == 1 ? "" : "s", db.path());
  }
  emit(out, a.output);
  return 0;
}

int runs_show(const RunsArgs& a) {
  auto db = open_store(a);
  store::RunRecord r = db.load(a.a);
  auto values = db.results(r.id);
  std::string out;
  if (a.format == Format::json) {
    auto j = record_json(r, false);
    j["results"] = nlohmann::ordered_json::array();
    for (const auto& v : values)
      j["results"].push_back(
          {{"quantity", v.quantity}, {"subject", v.subject}, {"value", v.value}});
    out = dump(j);
  } else if (a.format == Format::csv) {
    out = "quantity,subject,value\n";
    for (const auto& v : values)
      out +=
          fmt::format("{},{},{}\n", io::csv_quote(v.quantity), io::csv_quote(v.subject), v.value);
  } else {
    std::string argv;
    for (const auto& s : r.command_line) argv += (argv.empty() ? "" : " ") + s;
    out = fmt::format(
        "run {}\n  created   {}\n  command   {}\n  detente   {}\n  seed      {}\n  threads   {}, "
        "ranks {}\n  wall time {:.3f} s\n",
        r.id, r.created_at, argv, r.detente_version,
        r.seed ? std::to_string(*r.seed) : std::string("—"), r.threads, r.ranks, r.wall_seconds);
    out += "options\n";
    for (const auto& o : r.options)
      out += fmt::format("  {:<28} {}{}\n", o.name, o.value, o.given ? "" : "  (default)");
    out += "inputs\n";
    for (const auto& in : r.inputs)
      out += fmt::format("  {}  sha256 {}  {} bytes{}\n", in.path, in.sha256, in.bytes,
                         in.content ? ", kept" : "");
    out += fmt::format("results ({} values)\n", values.size());
    for (const auto& v : values)
      out += fmt::format("  {:<20} {:<50} {:>12.6g}\n", v.quantity, v.subject, v.value);
  }
  emit(out, a.output);
  return 0;
}

int runs_diff(const RunsArgs& a) {
  auto db = open_store(a);
  store::RunDiff d = store::diff_runs(db, a.a, a.b);
  std::string out;
  if (a.format == Format::json) {
    out = dump(store::to_json(d));
  } else if (a.format == Format::csv) {
    out = "section,kind,name,a,b,delta\n";
    for (const auto& c : d.inputs)
      out += fmt::format("input,{},{},{},{},\n", c.kind, io::csv_quote(c.name), io::csv_quote(c.a),
                         io::csv_quote(c.b));
    for (const auto& c : d.results)
      out += fmt::format("result,{},{},{},{},{}\n", io::csv_quote(c.quantity),
                         io::csv_quote(c.subject), csv_num(c.a), csv_num(c.b),
                         c.a && c.b ? fmt::format("{}", c.delta) : "");
  } else {
    out = fmt::format("a = {}\nb = {}\n\ninputs that differ ({})\n", d.a, d.b, d.inputs.size());
    for (const auto& c : d.inputs)
      out += fmt::format("  {:<7} {:<40} {} → {}\n", c.kind, c.name, c.a.empty() ? "—" : c.a,
                         c.b.empty() ? "—" : c.b);
    out += fmt::format("\nresults that moved ({}; {} unchanged), largest first\n", d.results.size(),
                       d.unchanged);
    out += fmt::format("  {:<20} {:<46} {:>11} {:>11} {:>11}\n", "quantity", "subject", "a", "b",
                       "b − a");
    for (const auto& c : d.results)
      out += fmt::format("  {:<20} {:<46} {:>11} {:>11} {:>11}\n", c.quantity, c.subject, num(c.a),
                         num(c.b), c.a && c.b ? fmt::format("{:+.6g}", c.delta) : "—");
  }
  emit(out, a.output);
  return 0;
}

int runs_export(const RunsArgs& a) {
  auto db = open_store(a);
  store::RunRecord r = db.load(a.a);
  std::string out;
  if (a.format == Format::csv) {
    out = "quantity,subject,value\n";
    for (const auto& v : db.results(r.id))
      out +=
          fmt::format("{},{},{}\n", io::csv_quote(v.quantity), io::csv_quote(v.subject), v.value);
  } else {
    auto j = record_json(r, true);
    j["tables"] = db.result_tables(r.id);
    j["result"] = r.result;
    out = dump(j);
  }
  emit(out, a.output);
  return 0;
}

int runs_rm(const RunsArgs& a) {
  auto db = open_store(a);
  std::string id = db.resolve(a.a);
  db.remove(id);
  emit(fmt::format("removed run {}\n", id), a.output);
  return 0;
}

}  // namespace

CommandSpec runs_command() {
  return {
      "runs", "The runs kept in a run store: list, show, diff, export, rm", [](CLI::App& app) {
        auto args = std::make_shared<RunsArgs>();
        app.require_subcommand(1);
        auto common = [&](CLI::App* sub, std::vector<Format> formats) {
          sub->add_option("--store", args->store, "The run store (SQLite file)")
              ->envname("DETENTE_STORE")
              ->type_name("FILE");
          add_format_option(*sub, args->format, std::move(formats));
          add_output_option(*sub, args->output);
        };
        auto* list = app.add_subcommand("list", "Every run, oldest first");
        common(list, {Format::text, Format::json, Format::csv});
        auto* show = app.add_subcommand("show", "One run: command line, options, inputs, results");
        show->add_option("ID", args->a, "Run id or a unique prefix")->required();
        common(show, {Format::text, Format::json, Format::csv});
        auto* diff = app.add_subcommand(
            "diff", "Inputs that differ and results that moved between two runs, largest first");
        diff->add_option("A", args->a, "First run")->required();
        diff->add_option("B", args->b, "Second run")->required();
        common(diff, {Format::text, Format::json, Format::csv});
        auto* exp = app.add_subcommand(
            "export", "A run in full: record, inputs, every result table (JSON) or values (CSV)");
        exp->add_option("ID", args->a, "Run id or a unique prefix")->required();
        common(exp, {Format::json, Format::csv});
        auto* rm = app.add_subcommand("rm", "Remove a run and its results");
        rm->add_option("ID", args->a, "Run id or a unique prefix")->required();
        common(rm, {Format::text});
        return [args, list, show, diff, exp, rm] {
          if (list->parsed()) return runs_list(*args);
          if (show->parsed()) return runs_show(*args);
          if (diff->parsed()) return runs_diff(*args);
          if (exp->parsed()) return runs_export(*args);
          if (rm->parsed()) return runs_rm(*args);
          return 1;
        };
      }};
}

}  // namespace detente::cli
