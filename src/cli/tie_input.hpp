// detente/cli/tie_input.hpp
//
// The options `calibrate` and `backtest --events` share for reading monthly tie series
// (events/tie_series.hpp): event files, actors, window, input format.
#pragma once

#include <CLI/CLI.hpp>
#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "events/tie_series.hpp"

namespace detente::cli {

// A comma-separated list of 3-letter country codes ("ISR,SYR"); empty for "".
inline std::vector<std::string> country_codes(const std::string& list, const char* option) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (!list.empty()) {
    const std::size_t comma = list.find(',', start);
    std::string code =
        list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (code.size() != 3) fail({"", 0, option}, "expected 3-letter country codes, got '{}'", code);
    out.push_back(code);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

struct TieInput {
  std::vector<std::string> files;
  std::string actors;  // comma-separated ISO3 / CAMEO country codes
  int top = 8;
  std::string format_in = "auto";
  int threads = 0;

  void add_options(CLI::App& app, bool files_required) {
    auto* opt = app.add_option(
        "--events", files, "Event files (GDELT, ICEWS, CAMEO TSV), archives, directories or globs");
    if (files_required) opt->required();
    app.add_option(
        "--actors", actors,
        "Actors of the dyads (comma-separated codes); default: the --top with most events");
    app.add_option("--top", top, "Actors taken when --actors is not given")
        ->default_val(8)
        ->check(CLI::Range(2, 24));
    app.add_option("--format-in", format_in, "Event file format")
        ->default_val("auto")
        ->check(CLI::IsMember({"auto", "gdelt1", "gdelt2", "icews", "cameo-tsv"}));
    app.add_option("--threads", threads, "Reader threads (default: all cores)");
  }

  events::TieSeriesOptions options() const {
    events::TieSeriesOptions o;
    o.read.format = *events::input_format_from_string(format_in);
    o.read.threads =
        threads > 0
            ? threads
            : static_cast<int>(std::max(1u, std::min(8u, std::thread::hardware_concurrency())));
    o.top_actors = top;
    o.actors = country_codes(actors, "--actors");
    return o;
  }
};

inline Date parse_date_option(const std::string& text, const char* option) {
  auto d = Date::parse(text);
  if (!d) fail({"", 0, option}, "expected a date YYYY-MM-DD, got '{}'", text);
  return *d;
}

}  // namespace detente::cli
