// Shared test helpers: where the real test data lives, and running the detente binary.
//
//   TEST(Eum, Scholz) {
//     auto path = detente::test::data_file("bargaining/eum/eu_emissions_bdm1994.csv");
//     if (!path) GTEST_SKIP() << detente::test::missing_data_message();
//     auto r = detente::test::run_cli({"validate", *path});
//     EXPECT_EQ(r.exit_code, 0) << r.err;
//   }
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace detente::test {

// ${DETENTE_TESTDATA:-<source>/../shared/data}
inline std::filesystem::path data_dir() {
  if (const char* env = std::getenv("DETENTE_TESTDATA"); env && *env) return env;
  return std::filesystem::path(DETENTE_SOURCE_DIR) / ".." / "shared" / "data";
}

// The path of a real data file, or nullopt when the data set is absent.
inline std::optional<std::string> data_file(const std::string& relative) {
  auto p = data_dir() / relative;
  if (std::filesystem::exists(p)) return p.string();
  return std::nullopt;
}

inline std::string missing_data_message() {
  return "real test data not found under " + data_dir().string() +
         " (set DETENTE_TESTDATA to the shared data folder)";
}

inline std::string source_file(const std::string& relative) {
  return (std::filesystem::path(DETENTE_SOURCE_DIR) / relative).string();
}

// A fresh empty directory under the system temp dir.
inline std::filesystem::path temp_dir(const std::string& name) {
  auto p = std::filesystem::temp_directory_path() /
           ("detente-test-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(p);
  std::filesystem::create_directories(p);
  return p;
}

inline void write_text(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

// A small valid scenario for the simulation CLI tests: two actors, one issue, one
// scheduled summit (probability 0.7), a variant that cancels it and an outcome on it.
inline std::string summit_scenario(const std::string& id, const std::string& name, int months) {
  std::string text = R"([scenario]
id = "@ID@"
name = "@NAME@"
as_of = 2024-05-01

[[actor]]
id = "AAA"
name = "A"
capability = { dist = "uniform", min = 0.4, max = 0.6 }

[[actor]]
id = "BBB"
name = "B"
capability = 0.3

[[issue]]
id = "deal"
name = "Deal"
low = "no"
high = "yes"

[[position]]
actor = "AAA"
issue = "deal"
position = { dist = "triangular", min = 50, mode = 80, max = 90 }
salience = 0.6

[[position]]
actor = "BBB"
issue = "deal"
position = 30
salience = 0.8

[[event]]
id = "summit"
date = 2024-06-10
kind = "summit"
status = "scheduled"
participants = ["AAA", "BBB"]
title = "Summit"
probability = 0.7

[simulation]
months = @MONTHS@
key_dyads = [["AAA", "BBB"]]

[[variant]]
id = "off"
name = "Summit called off"
[[variant.event]]
id = "summit"
status = "cancelled"

[[outcome]]
id = "held"
name = "Summit held"
kind = "event_occurs"
event = "summit"
)";
  auto put = [&](const std::string& key, const std::string& value) {
    text.replace(text.find(key), key.size(), value);
  };
  put("@ID@", id);
  put("@NAME@", name);
  put("@MONTHS@", std::to_string(months));
  return text;
}

// The small scenario the simulation tests share, as TOML: two or three actors AAA, BBB,
// CCC ("A", "B", "C"), the issue "deal" (no … yes) with their positions, and a scheduled
// summit of AAA and BBB. Every field is the TOML value a test sets (a number or a
// distribution); an empty position, or an empty summit date, leaves the row out. The test
// appends the rest — [simulation], [dynamics], events, outcomes, variants — as `rest`.
//
//   auto toml = test::small_scenario({.id = "tiny", .capabilities = {"1", "1", "2"}},
//                                    "[simulation]\nmonths = 3\n");
struct SmallScenario {
  std::string id = "small";
  std::string name = "Small";
  int actors = 3;  // 2 or 3
  std::string capabilities[3] = {"1", "1", "2"};
  bool issue = true;
  std::string issue_extra = "decision_date = 2024-03-15\n";  // more lines of [[issue]]
  std::string positions[3] = {"20", "40", "80"};
  std::string saliences[3] = {"1", "1", "0.5"};
  std::string summit_date;  // e.g. "2024-03-10"; empty: no summit
  std::string summit_probability = "1";
};

inline std::string small_scenario(const SmallScenario& s, const std::string& rest) {
  static const char* const kIds[3] = {"AAA", "BBB", "CCC"};
  static const char* const kNames[3] = {"A", "B", "C"};
  std::string text =
      "[scenario]\nid = \"" + s.id + "\"\nname = \"" + s.name + "\"\nas_of = 2024-01-01\n";
  for (int i = 0; i < s.actors; ++i)
    text += std::string("\n[[actor]]\nid = \"") + kIds[i] + "\"\nname = \"" + kNames[i] +
            "\"\ncapability = " + s.capabilities[i] + "\n";
  if (s.issue) {
    text += "\n[[issue]]\nid = \"deal\"\nname = \"Deal\"\nlow = \"no\"\nhigh = \"yes\"\n" +
            s.issue_extra;
    for (int i = 0; i < s.actors; ++i)
      if (!s.positions[i].empty())
        text += std::string("\n[[position]]\nactor = \"") + kIds[i] +
                "\"\nissue = \"deal\"\nposition = " + s.positions[i] +
                "\nsalience = " + s.saliences[i] + "\n";
  }
  if (!s.summit_date.empty())
    text += "\n[[event]]\nid = \"summit\"\ndate = " + s.summit_date +
            "\nkind = \"summit\"\nstatus = \"scheduled\"\nparticipants = [\"AAA\", "
            "\"BBB\"]\ntitle = \"Summit\"\nprobability = " +
            s.summit_probability + "\n";
  return text + "\n" + rest;
}

inline std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `program` with `args` (no shell), capturing stdout and stderr.
inline CliResult run_program(const std::string& program, const std::vector<std::string>& args,
                             const std::string& stdin_text = "") {
  auto dir = std::filesystem::temp_directory_path();
  std::string tag = std::to_string(::getpid()) + "-" + std::to_string(std::rand());
  auto out_path = dir / ("detente-cli-out-" + tag);
  auto err_path = dir / ("detente-cli-err-" + tag);
  auto in_path = dir / ("detente-cli-in-" + tag);
  write_text(in_path, stdin_text);
  pid_t pid = ::fork();
  if (pid == 0) {
    std::freopen(in_path.c_str(), "rb", stdin);
    std::freopen(out_path.c_str(), "wb", stdout);
    std::freopen(err_path.c_str(), "wb", stderr);
    std::vector<char*> argv;
    std::string bin = program;
    argv.push_back(bin.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execvp(bin.c_str(), argv.data());
    std::_Exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  CliResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_text(out_path);
  r.err = read_text(err_path);
  std::filesystem::remove(out_path);
  std::filesystem::remove(err_path);
  std::filesystem::remove(in_path);
  return r;
}

// The arguments of `mpirun` for `ranks` processes of the built detente binary. The
// sanitizers' settings (make test-sanitize) are passed on to the ranks, without leak
// detection there: Open MPI keeps its state until exit in plugins it unloads, whose frames
// LeakSanitizer can then neither name nor suppress. ASan and UBSan stay on in every rank.
inline std::vector<std::string> mpirun_args(int ranks) {
  std::vector<std::string> args = {"--allow-run-as-root", "--oversubscribe", "-n",
                                   std::to_string(ranks)};
  if (const char* asan = std::getenv("ASAN_OPTIONS"))
    args.insert(args.end(), {"-x", std::string("ASAN_OPTIONS=") + asan + ":detect_leaks=0"});
  for (const char* name : {"UBSAN_OPTIONS", "TSAN_OPTIONS"})
    if (std::getenv(name)) args.insert(args.end(), {"-x", name});
  args.push_back(DETENTE_BINARY);
  return args;
}

// Runs the built detente binary with `args`.
inline CliResult run_cli(const std::vector<std::string>& args, const std::string& stdin_text = "") {
  return run_program(DETENTE_BINARY, args, stdin_text);
}

}  // namespace detente::test
