// `detente draft --actors ISO3,… --as-of DATE --data DIR [--events FILES…] -o FILE.toml`:
// a scenario drafted from data (align/draft.hpp): capabilities from COW NMC, relations
// from alliances, rivalries and recent disputes, and with event files a measured tie per
// pair — only what was known on as_of, each number with its source. Issues, positions and
// saliences stay the analyst's: the file says so in comments and has none. The text is
// read back with the scenario reader before it is written (atomically).
//
//   detente draft --actors EGY,ISR,JOR,LBN,SYR --as-of 2005-01-01
//       --data ../shared/data/alignment/peacesciencer
//       --events ../shared/data/events/keds/keds_levant.cameo.tsv -o levant-2005.toml
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>

#include "align/draft.hpp"
#include "cli/command.hpp"
#include "cli/tie_input.hpp"
#include "io/scenario_toml.hpp"
#include "io/scenario_writer.hpp"

namespace detente::cli {
namespace {

namespace fs = std::filesystem;

struct DraftArgs {
  std::string actors, as_of, data, out, events_format = "auto";
  std::vector<std::string> events;
  align::DraftOptions options;
  int threads = 0;
};

// The comments that say what the draft is and what it is not.
io::WriteOptions comments(const align::Draft& d, const DraftArgs& a) {
  io::WriteOptions w;
  w.header = {
      fmt::format("Drafted by `detente draft --actors {} --as-of {}` from data known on {}.",
                  a.actors, a.as_of, a.as_of),
      fmt::format("Yearly data: the last year wholly before as_of, {} (or a data set's last year;",
                  d.data_year),
      "each source names the year it read). Nothing dated after as_of entered.",
      "Check and complete it, then `detente validate` it. Every number below is data with its",
      "source; nothing here is a judgement yet."};
  w.section_comments["actor"] = {
      "Capability: COW NMC CINC (the state's share of the system's material capabilities)."};
  w.section_comments["issue"] = {
      "ISSUES, POSITIONS AND SALIENCES: TO BE FILLED IN BY THE ANALYST.",
      "The data hold none, so the draft has no [[issue]] and no [[position]] (the format allows",
      "a scenario without issues; the bargaining models then have nothing to settle). Add each",
      "contested issue (id, name, low, high, scale) and every actor's position and salience on",
      "it, each with a source: docs/scenario-format.md.",
      "",
      "[[issue]]            # for example — the values are yours to judge",
      "id = \"…\"",
      "name = \"…\"",
      "low = \"what the scale's minimum means\"",
      "high = \"what its maximum means\"",
      "",
      "[[position]]",
      "actor = \"…\"",
      "issue = \"…\"",
      "position = { value = …, source = \"…\" }",
      "salience = { value = …, source = \"…\" }"};
  std::vector<std::string> rel = {
      "Relations active on as_of by the data (align/draft.hpp, docs/models/relation-network.md):",
      "alliance (by type), rivalry (presence), hostility (recent militarised disputes, level / 5),",
      "event_tie (the mean monthly tie score measured from events, normal with its standard",
      "error). Weights of coded kinds are the data's coding, not a judgement of strength."};
  if (!d.notes.empty()) {
    rel.push_back("");
    rel.push_back("What the data could not say:");
    for (const auto& n : d.notes) rel.push_back("  " + n);
  }
  w.section_comments["relation"] = rel;
  w.section_comments["event"] = {
      "EVENTS: TO BE ADDED BY THE ANALYST (summits, tests, elections known on as_of; an event",
      "after as_of is `scheduled` with a probability)."};
  w.section_comments["dynamics"] = {
      "No [dynamics]: the simulation's calibrated defaults apply (docs/models/calibration.md);",
      "`detente calibrate --events …` fits them to this region's events."};
  return w;
}

int draft_main(DraftArgs& a) {
  align::DraftOptions& o = a.options;
  o.actors = country_codes(a.actors, "--actors");
  o.as_of = parse_date_option(a.as_of, "--as-of");
  o.data_dir = a.data;
  o.event_files = a.events;
  o.events_format = a.events_format;
  o.threads = a.threads > 0 ? a.threads : default_threads();
  align::Draft d = align::draft_scenario(o);

  // [data] events: the files relative to where the scenario is written.
  fs::path dir = a.out.empty() || a.out == "-" ? fs::path() : fs::path(a.out).parent_path();
  const fs::path base = fs::absolute(dir.empty() ? fs::path(".") : dir);
  for (const auto& f : a.events) {
    fs::path rel = fs::absolute(f).lexically_normal().lexically_relative(base.lexically_normal());
    d.scenario.data.event_files.push_back(rel.empty() ? fs::absolute(f).string() : rel.string());
  }
  d.scenario.data.events_format = a.events_format;

  const std::string text = io::write_scenario_toml(d.scenario, comments(d, a));
  try {
    io::read_scenario(text, a.out.empty() || a.out == "-" ? "<draft>" : a.out);
  } catch (const InputError& e) {
    throw std::logic_error(fmt::format("the drafted scenario does not read back: {}", e.what()));
  }
  emit(text, a.out);
  if (!quiet() && !a.out.empty() && a.out != "-")
    fmt::print(stderr,
               "detente: wrote {}: {} actors, {} relations ({} measured from events), data year "
               "{}; issues and positions are yours to add\n",
               a.out, d.scenario.actors.size(), d.scenario.relations.size(), d.measured_pairs,
               d.data_year);
  return 0;
}

}  // namespace

CommandSpec draft_command() {
  return {"draft",
          "Draft a scenario from data: capabilities, alliances, rivalries, disputes, event ties",
          [](CLI::App& app) {
            auto a = std::make_shared<DraftArgs>();
            app.add_option("--actors", a->actors, "States, comma-separated ISO3 codes (ISR,SYR,…)")
                ->required();
            app.add_option("--as-of", a->as_of, "The date the draft describes (YYYY-MM-DD)")
                ->required();
            app.add_option("--data", a->data, "Directory of peacesciencer CSVs (cow_nmc.csv, …)")
                ->required();
            app.add_option("--events", a->events,
                           "Event files for measured ties (GDELT, ICEWS, CAMEO TSV; globs)");
            app.add_option("--format-in", a->events_format, "Event file format")
                ->default_val("auto")
                ->check(CLI::IsMember({"auto", "gdelt1", "gdelt2", "icews", "cameo-tsv"}));
            app.add_option("--alliances", a->options.alliances, "Alliance data: atop or cow")
                ->default_val("atop");
            app.add_option("--disputes", a->options.disputes, "Dispute data: cow or gml")
                ->default_val("cow");
            app.add_option("--rivalries", a->options.rivalries, "Rivalry data: td or tss")
                ->default_val("td");
            app.add_option("--dispute-years", a->options.dispute_years,
                           "Years of disputes counted as recent")
                ->default_val(5);
            app.add_option("--tie-months", a->options.tie_months,
                           "Whole months before as_of the event ties are measured over")
                ->default_val(12);
            app.add_option("--min-tie-months", a->options.min_tie_months,
                           "Fewest months with events for a measured tie")
                ->default_val(3);
            add_threads_option(app, a->threads, "Event reader threads");
            add_output_option(app, a->out);
            return [a] { return draft_main(*a); };
          }};
}

}  // namespace detente::cli
