// `detente events aggregate|network|info`: stream GDELT, ICEWS and CAMEO event files into
// dyad x period series, signed networks per period, or a summary of what a file holds.
//
//   detente events aggregate 20191024143000.export.CSV.zip --period month --actors CHN,JPN,KOR
//   detente events network data/gdelt/ --period year --out-dir nets/
//   detente events info icews_events.2018.sample.tab
#include <algorithm>
#include <iostream>
#include <sstream>
#include <thread>

#include "cli/command.hpp"
#include "cli/commands.hpp"
#include "cli/store_option.hpp"
#include "core/error.hpp"
#include "core/progress.hpp"
#include "events/dyad_series.hpp"
#include "io/atomic_file.hpp"

namespace detente::cli {
namespace {

using namespace detente::events;

struct Args {
  std::vector<std::string> files;
  std::vector<std::string> mentions;
  std::string format_in = "auto";
  std::string period = "month";
  std::string actors;
  std::string roles;
  std::string codes;
  std::string quads;
  std::string from, to;
  std::string dedup = "none";
  std::string scale = "field";
  std::string quad_source = "field";
  std::string date_basis = "event";
  bool undirected = false;
  bool root_only = false;
  bool geo = false;
  bool domestic = false;
  bool strict = false;
  bool allow_empty = false;
  std::string weis = "drop";
  bool extended = false;
  bool normalize = false;
  int min_confidence = 0;
  int threads = 0;
  int max_reported = 5;
  std::string output;
  Format format = Format::csv;
  StoreOption store;  // aggregate only
  // network
  std::string sign_by = "net-coop";
  double threshold = 0.1;
  std::int64_t min_events = 1;
  std::string at;
  std::string out_dir;
};

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ','))
    if (!item.empty()) out.push_back(item);
  return out;
}

void add_input_options(CLI::App& app, Args& a) {
  app.add_option("FILES", a.files,
                 "Event files, zip/gzip archives, directories or glob patterns; - for stdin")
      ->required();
  app.add_option("--format-in", a.format_in,
                 "Input layout: auto|gdelt1|gdelt2|icews|cameo-tsv (auto decides per file; "
                 "GDELT rows by field count)")
      ->check(CLI::IsMember({"auto", "gdelt1", "gdelt2", "icews", "cameo-tsv"}));
  app.add_option("--mentions", a.mentions,
                 "GDELT 2.0 Mentions files to join: an event's mentions = its Mentions rows");
  app.add_option("--min-confidence", a.min_confidence,
                 "Count only Mentions rows with Confidence >= this (with --mentions)");
  app.add_option("--actors", a.actors, "Keep dyads whose two countries are in this list (ISO3)");
  app.add_flag("--geo", a.geo, "Take actor countries from the GDELT ActorGeo fields (FIPS)");
  app.add_option("--roles", a.roles,
                 "Keep events whose two actors each have one of these CAMEO roles (GOV,MIL,...)");
  app.add_option("--from", a.from, "First date kept (YYYY-MM-DD)");
  app.add_option("--to", a.to, "Last date kept (YYYY-MM-DD)");
  app.add_flag("--root-only", a.root_only, "Keep GDELT root events only (IsRootEvent = 1)");
  app.add_option("--codes", a.codes, "Keep event codes starting with one of these (19,0251)");
  app.add_option("--quads", a.quads, "Keep these QuadClasses (1,2,3,4)");
  app.add_flag("--domestic", a.domestic, "Keep events whose two actors share a country");
  app.add_option("--dedup", a.dedup,
                 "De-duplicate: none | daily (date, actor codes, event code) | url (source URL, "
                 "countries, event code)")
      ->check(CLI::IsMember({"none", "daily", "url"}));
  app.add_option("--scale", a.scale,
                 "Goldstein values: field (the file's own) | gdelt | schrodt2007 | icews")
      ->check(CLI::IsMember({"field", "gdelt", "schrodt2007", "icews"}));
  app.add_option("--quad-source", a.quad_source,
                 "QuadClass: field | gdelt (roots 06-09 = 2) | icews (06-08 = 2)")
      ->check(CLI::IsMember({"field", "gdelt", "icews"}));
  app.add_option("--date", a.date_basis, "Bin by the event date or the date added: event|added")
      ->check(CLI::IsMember({"event", "added"}));
  app.add_option("--period", a.period, "Period: day|week|month|quarter|year")
      ->check(CLI::IsMember({"day", "week", "month", "quarter", "year"}));
  app.add_flag("--strict", a.strict, "Stop at the first bad row (exit 1)");
  app.add_flag("--allow-empty", a.allow_empty,
               "Accept an input with no good rows (by default it is an error, exit 1)");
  app.add_option("--weis", a.weis,
                 "Legacy WEIS codes 21x/22x: drop (bad rows) or map (to CAMEO, docs/events.md)")
      ->check(CLI::IsMember({"drop", "map"}));
  add_threads_option(app, a.threads, "Parser threads");
  app.add_option("--report-bad", a.max_reported, "How many bad rows to report with file and line");
}

std::optional<Date> parse_date_arg(const std::string& text, const char* option) {
  if (text.empty()) return std::nullopt;
  auto d = Date::parse(text);
  if (!d) fail({"", 0, option}, "expected a date YYYY-MM-DD, got '{}'", text);
  return d;
}

AggregateOptions make_options(const Args& a) {
  AggregateOptions o;
  o.read.format = *input_format_from_string(a.format_in);
  o.read.goldstein = *value_source_from_string(a.scale);
  o.read.quad = *value_source_from_string(a.quad_source);
  o.read.date_basis = a.date_basis == "added" ? DateBasis::added : DateBasis::event;
  o.read.strict = a.strict;
  o.read.map_weis = a.weis == "map";
  o.read.max_reported = std::max(0, a.max_reported);
  o.read.threads = a.threads;
  // The bar (core/progress.hpp) exists only on a terminal without --quiet; it lives as
  // long as the process, like the options that point to it.
  static const std::unique_ptr<ProgressSink> bar = terminal_progress(quiet());
  o.read.progress = bar.get();
  o.period = *period_from_string(a.period);
  o.directed = !a.undirected;
  o.dedup = *dedup_from_string(a.dedup);
  o.min_confidence = a.min_confidence;
  o.filter.actors = split_list(a.actors);
  for (auto& c : o.filter.actors) {
    std::transform(c.begin(), c.end(), c.begin(), ::toupper);
    if (c.size() != 3) fail({"", 0, "--actors"}, "expected 3-letter country codes, got '{}'", c);
  }
  o.filter.actor_geo = a.geo;
  o.filter.roles = split_list(a.roles);
  o.filter.codes = split_list(a.codes);
  for (const auto& q : split_list(a.quads)) {
    if (q.size() != 1 || q[0] < '1' || q[0] > '4')
      fail({"", 0, "--quads"}, "expected QuadClasses 1-4, got '{}'", q);
    o.filter.quads.push_back(q[0] - '0');
  }
  o.filter.from = parse_date_arg(a.from, "--from");
  o.filter.to = parse_date_arg(a.to, "--to");
  o.filter.root_only = a.root_only;
  o.filter.allow_domestic = a.domestic;
  return o;
}

// Bad rows go to stderr as warnings (the run goes on; --strict has already stopped it).
void report_bad(const ReadStats& st) {
  if (st.bad == 0 || quiet()) return;
  std::cerr << "detente: warning: " << st.summary() << '\n';
  for (const auto& r : st.reported) {
    Diagnostic d{r.where, r.message};
    std::cerr << "detente: warning: " << d.to_string() << '\n';
  }
  if (st.bad > static_cast<std::int64_t>(st.reported.size()))
    std::cerr << fmt::format("detente: warning: ... and {} more bad rows\n",
                             st.bad - static_cast<std::int64_t>(st.reported.size()));
}

void report_codes(const ReadStats& st) {
  if (quiet()) return;
  for (const auto& note : st.code_notes()) std::cerr << "detente: note: " << note << '\n';
}

DyadSeries run_aggregate(const Args& a, const AggregateOptions& o) {
  auto inputs = expand_inputs(a.files);
  auto mentions = a.mentions.empty() ? std::vector<std::string>{} : expand_inputs(a.mentions);
  DyadSeries s = aggregate_events(inputs, o, mentions);
  report_bad(s.stats);
  report_bad(s.mention_stats);
  report_codes(s.stats);
  require_rows(s.stats, a.allow_empty);
  if (!mentions.empty()) require_rows(s.mention_stats, a.allow_empty);
  return s;
}

int aggregate(const Args& a) {
  AggregateOptions o = make_options(a);
  DyadSeries s = run_aggregate(a, o);
  a.store.save(to_json(s));
  if (a.format == Format::json)
    emit(to_json(s).dump(1) + "\n", a.output);
  else
    emit(to_csv(s, {a.extended, a.normalize}), a.output);
  return 0;
}

int network(const Args& a) {
  AggregateOptions o = make_options(a);
  o.directed = false;
  DyadSeries s = run_aggregate(a, o);
  NetworkOptions no;
  no.basis = a.sign_by == "goldstein" ? SignBasis::goldstein : SignBasis::net_coop;
  no.threshold = a.threshold;
  no.min_events = a.min_events;
  auto edges = signed_network(s, no);
  if (!a.at.empty()) {
    std::vector<SignedEdge> one;
    for (auto& e : edges)
      if (period_label(e.period, s.period) == a.at) one.push_back(e);
    emit(network_csv(one, s.period, false), a.output);
    return 0;
  }
  if (!a.out_dir.empty()) {
    std::map<std::int32_t, std::vector<SignedEdge>> by;
    for (auto& e : edges) by[e.period].push_back(e);
    for (auto& [p, list] : by)
      io::write_file_atomic(std::filesystem::path(a.out_dir) / (period_label(p, s.period) + ".csv"),
                            network_csv(list, s.period, false));
    std::cerr << fmt::format("detente: wrote {} network file(s) to {}\n", by.size(), a.out_dir);
    return 0;
  }
  emit(network_csv(edges, s.period, true), a.output);
  return 0;
}

int info(const Args& a) {
  AggregateOptions o = make_options(a);
  o.period = Period::all;
  DyadSeries s = run_aggregate(a, o);
  std::vector<const DyadCell*> top;
  for (const auto& c : s.cells) top.push_back(&c);
  std::sort(top.begin(), top.end(), [](const DyadCell* x, const DyadCell* y) {
    return std::tie(y->events, x->actor1, x->actor2) < std::tie(x->events, y->actor1, y->actor2);
  });
  if (top.size() > 10) top.resize(10);
  const ReadStats& st = s.stats;
  if (a.format == Format::json) {
    nlohmann::json j = to_json(s)["input"];
    nlohmann::json dyads = nlohmann::json::array();
    for (auto* c : top)
      dyads.push_back({{"actor1", c->actor1},
                       {"actor2", c->actor2},
                       {"events", c->events},
                       {"goldstein_mean", c->goldstein_mean()}});
    j["rows_with_dyad"] = s.counted;
    j["top_dyads"] = dyads;
    emit(j.dump(1) + "\n", a.output);
    return 0;
  }
  std::string out;
  out += fmt::format("files:      {} ({:.1f} MB of text)\n", st.files, st.bytes / 1e6);
  std::string layouts;
  for (int i = 0; i < kLayoutCount; ++i)
    if (st.by_layout[i] > 0)
      layouts += fmt::format("{}{} {}", layouts.empty() ? "" : ", ", st.by_layout[i],
                             to_string(static_cast<Layout>(i)));
  out += fmt::format("layout:     {}\n", layouts.empty() ? "none (no rows)" : layouts);
  out += fmt::format("rows:       {} good, {} bad, {} header(s)\n", st.rows, st.bad, st.headers);
  if (st.rows > 0)
    out += fmt::format("dates:      {} .. {}\n", Date::from_days(st.min_date).iso(),
                       Date::from_days(st.max_date).iso());
  out += fmt::format(
      "dyadic:     {} rows kept ({} between two countries filtered, {} without two "
      "3-letter countries)\n",
      s.counted, s.filtered, s.no_dyad);
  if (!top.empty()) {
    out += "top dyads:  actor1 actor2 events goldstein_mean\n";
    for (auto* c : top)
      out += fmt::format("            {} {} {:>6} {:>8.3f}\n", c->actor1, c->actor2, c->events,
                         c->goldstein_mean());
  }
  emit(out, a.output);
  return 0;
}

}  // namespace

CommandSpec events_command() {
  return {
      "events", "Event data (GDELT, ICEWS, CAMEO): dyad series, signed networks, file info",
      [](CLI::App& app) {
        auto args = std::make_shared<Args>();
        app.require_subcommand(1);
        CLI::App* agg = app.add_subcommand(
            "aggregate", "Aggregate events to dyad x period series (CSV sorted by period, actors)");
        add_input_options(*agg, *args);
        agg->add_flag("--undirected", args->undirected, "Sum both directions of a dyad");
        agg->add_flag("--extended", args->extended,
                      "Add net_coop and mention-weighted columns to the CSV");
        agg->add_flag("--normalize", args->normalize,
                      "Add the period's total events and shares of it to the CSV");
        add_output_option(*agg, args->output);
        add_format_option(*agg, args->format, {Format::csv, Format::json});
        args->store.add(*agg);

        CLI::App* net = app.add_subcommand(
            "network", "Signed relation network per period: from,to,sign,weight");
        add_input_options(*net, *args);
        net->add_option("--sign-by", args->sign_by,
                        "Score: net-coop ((q1+q2-q3-q4)/events) or goldstein (mean/10)")
            ->check(CLI::IsMember({"net-coop", "goldstein"}));
        net->add_option("--threshold", args->threshold,
                        "Keep edges with |score| > threshold (default 0.1)");
        net->add_option("--min-events", args->min_events,
                        "Keep dyads with at least this many events");
        net->add_option("--at", args->at, "Only this period (e.g. 2019-10): plain edge list");
        net->add_option("--out-dir", args->out_dir, "Write one edge list per period into DIR");
        add_output_option(*net, args->output);

        CLI::App* inf = app.add_subcommand("info", "Layout detected, rows, date range, top dyads");
        add_input_options(*inf, *args);
        add_output_option(*inf, args->output);
        add_format_option(*inf, args->format, {Format::text, Format::json});

        return [args, agg, net, inf]() -> int {
          if (agg->parsed()) return aggregate(*args);
          if (net->parsed()) return network(*args);
          if (inf->parsed()) return info(*args);
          return 1;
        };
      }};
}

}  // namespace detente::cli
