#include "cli/store_option.hpp"

#include <charconv>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "cli/command.hpp"
#include "core/builtin.hpp"
#include "core/error.hpp"
#include "io/atomic_file.hpp"
#include "store/sha256.hpp"

namespace detente::cli {

namespace {

// Static initialisation runs before main: wall time is measured from process start.
const auto process_start = std::chrono::steady_clock::now();

std::vector<std::string> process_command_line(const CLI::App& app) {
  std::vector<std::string> argv;
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  std::string arg;
  while (std::getline(in, arg, '\0')) argv.push_back(arg);
  if (argv.empty()) argv = {"detente", app.get_name()};
  return argv;
}

std::string option_value(const CLI::Option& o) {
  if (o.count() == 0) return o.get_default_str();
  std::string out;
  for (const auto& r : o.results()) out += (out.empty() ? "" : ",") + r;
  if (out.empty() && o.get_expected_max() == 0) out = "true";  // a flag
  return out;
}

store::StoredInput describe_input(const std::string& value) {
  if (value == "-") {  // what the command read from standard input, when io::read_file kept it
    if (auto t = io::standard_input_read())
      return {"<stdin>", store::sha256_hex(*t), static_cast<std::int64_t>(t->size()), *t};
    return {"<stdin>", "", 0, std::nullopt};  // streamed by the event reader: not kept
  }
  std::error_code ec;
  if (std::filesystem::is_regular_file(value, ec)) {
    store::StoredInput in;
    in.path = value;
    in.bytes = static_cast<std::int64_t>(std::filesystem::file_size(value, ec));
    if (in.bytes <= store::kMaxStoredContent) {
      in.content = io::read_file(value);
      in.sha256 = store::sha256_hex(*in.content);
    } else {
      in.sha256 = store::sha256_file(value);
    }
    return in;
  }
  if (auto text = find_builtin_scenario(value)) {
    std::string t(*text);
    return {"<builtin:" + value + ">", store::sha256_hex(t), static_cast<std::int64_t>(t.size()),
            t};
  }
  return {value, store::sha256_hex(""), 0, std::nullopt};  // not a file: recorded as given
}

std::string command_name(const CLI::App& app) {
  std::string name = app.get_name();
  for (const CLI::App* p = app.get_parent(); p && p->get_parent(); p = p->get_parent())
    name = p->get_name() + " " + name;
  return name;
}

}  // namespace

void StoreOption::add(CLI::App& app) {
  app_ = &app;
  app.add_option("--store", path_, "Keep this run in the SQLite run store FILE (docs/run-store.md)")
      ->envname("DETENTE_STORE")
      ->type_name("FILE");
}

store::RunRecord run_record(const CLI::App& app, const nlohmann::json& result) {
  store::RunRecord r;
  r.command = command_name(app);
  r.command_line = process_command_line(app);
  r.detente_version = store::detente_version();
  r.result = result;
  for (const CLI::Option* o : app.get_options()) {
    if (o->get_name() == "--help" || (o->get_lnames().empty() && o->get_snames().empty())) {
      if (o->get_name() == "--help") continue;
      for (const auto& v : o->results()) r.inputs.push_back(describe_input(v));
      continue;
    }
    const std::string name =
        "--" + (o->get_lnames().empty() ? o->get_snames().front() : o->get_lnames().front());
    if (name == "--store") continue;
    const std::string value = option_value(*o);
    r.options.push_back({name, value, o->count() > 0});
    // Options whose default is described in words ("all cores") hold no number to parse.
    if (std::uint64_t seed = 0;
        name == "--seed" &&
        std::from_chars(value.data(), value.data() + value.size(), seed).ec == std::errc())
      r.seed = seed;
    if (name == "--threads") {
      r.threads = default_threads();
      std::from_chars(value.data(), value.data() + value.size(), r.threads);
    }
  }
  if (!r.inputs.empty()) r.label = r.inputs.front().path;
  if (result.contains("scenario")) {
    const auto& s = result["scenario"];
    if (s.is_string()) r.label = s.get<std::string>();
    if (s.is_object() && s.contains("id")) r.label = s["id"].get<std::string>();
  }
  return r;
}

std::string StoreOption::save(const nlohmann::json& result,
                              const std::function<void(store::RunRecord&)>& fill) const {
  if (path_.empty() || !app_) return "";
  store::RunRecord r = run_record(*app_, result);
  if (fill) fill(r);
  r.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - process_start).count();
  store::RunStore db(path_);
  return db.save(std::move(r));
}

std::string require_store_path(const std::string& option) {
  if (!option.empty()) return option;
  if (const char* env = std::getenv("DETENTE_STORE"); env && *env) return env;
  fail({"", 0, "--store"}, "no run store given: pass --store FILE or set DETENTE_STORE");
}

}  // namespace detente::cli
