// A scenario drafted from data; see draft.hpp.
#include "align/draft.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>

#include "core/error.hpp"
#include "events/countries.hpp"
#include "events/tie_series.hpp"
#include "io/events/event_reader.hpp"
#include "io/graph/peacesciencer_csv.hpp"

namespace detente::align {

namespace {

namespace fs = std::filesystem;

// ISO 3166 alpha-3 → COW state codes (COW State System Membership 2016). States coded
// twice over time list both, the current one first.
const std::unordered_map<std::string, std::vector<int>>& iso3_table() {
  static const std::unordered_map<std::string, std::vector<int>> table = [] {
    const char* text =
        "USA 2 CAN 20 BHS 31 CUB 40 HTI 41 DOM 42 JAM 51 TTO 52 BRB 53 DMA 54 GRD 55 LCA 56 "
        "VCT 57 ATG 58 KNA 60 MEX 70 BLZ 80 GTM 90 HND 91 SLV 92 NIC 93 CRI 94 PAN 95 COL 100 "
        "VEN 101 GUY 110 SUR 115 ECU 130 PER 135 BRA 140 BOL 145 PRY 150 CHL 155 ARG 160 "
        "URY 165 GBR 200 IRL 205 NLD 210 BEL 211 LUX 212 FRA 220 MCO 221 LIE 223 CHE 225 "
        "ESP 230 AND 232 PRT 235 DEU 255 DEU 260 DDR 265 POL 290 AUT 305 HUN 310 CSK 315 "
        "CZE 316 SVK 317 ITA 325 SMR 331 MLT 338 ALB 339 MNE 341 MKD 343 HRV 344 SRB 345 "
        "YUG 345 BIH 346 XKX 347 SVN 349 GRC 350 CYP 352 BGR 355 MDA 359 ROU 360 RUS 365 "
        "EST 366 LVA 367 LTU 368 UKR 369 BLR 370 ARM 371 GEO 372 AZE 373 FIN 375 SWE 380 "
        "NOR 385 DNK 390 ISL 395 CPV 402 STP 403 GNB 404 GNQ 411 GMB 420 MLI 432 SEN 433 "
        "BEN 434 MRT 435 NER 436 CIV 437 GIN 438 BFA 439 LBR 450 SLE 451 GHA 452 TGO 461 "
        "CMR 471 NGA 475 GAB 481 CAF 482 TCD 483 COG 484 COD 490 UGA 500 KEN 501 TZA 510 "
        "BDI 516 RWA 517 SOM 520 DJI 522 ETH 530 ERI 531 AGO 540 MOZ 541 ZMB 551 ZWE 552 "
        "MWI 553 ZAF 560 NAM 565 LSO 570 BWA 571 SWZ 572 MDG 580 COM 581 MUS 590 SYC 591 "
        "MAR 600 DZA 615 TUN 616 LBY 620 SDN 625 SSD 626 IRN 630 TUR 640 IRQ 645 EGY 651 "
        "SYR 652 LBN 660 JOR 663 ISR 666 SAU 670 YEM 679 YEM 678 YMD 680 KWT 690 BHR 692 "
        "QAT 694 ARE 696 OMN 698 AFG 700 TKM 701 TJK 702 KGZ 703 UZB 704 KAZ 705 CHN 710 "
        "MNG 712 TWN 713 PRK 731 KOR 732 JPN 740 IND 750 BTN 760 PAK 770 BGD 771 MMR 775 "
        "LKA 780 MDV 781 NPL 790 THA 800 KHM 811 LAO 812 VNM 816 MYS 820 SGP 830 BRN 835 "
        "PHL 840 IDN 850 TLS 860 AUS 900 PNG 910 NZL 920 VUT 935 SLB 940 KIR 946 TUV 947 "
        "FJI 950 TON 955 NRU 970 MHL 983 PLW 986 FSM 987 WSM 990";
    std::unordered_map<std::string, std::vector<int>> m;
    std::istringstream in(text);
    std::string iso;
    int code;
    while (in >> iso >> code) m[iso].push_back(code);
    return m;
  }();
  return table;
}

std::uint64_t pair_key(int a, int b) {
  if (a > b) std::swap(a, b);
  return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(a)) << 32) |
         static_cast<std::uint32_t>(b);
}

std::string need_file(const std::string& dir, const std::string& name) {
  const fs::path p = fs::path(dir) / name;
  if (!fs::exists(p))
    fail({p.string(), 0, "--data"}, "missing data file {} (expected peacesciencer's CSVs in {})",
         name, dir);
  return p.string();
}

Date jan1(int year) { return Date{year, 1, 1}; }

const char* hostility_name(int level) {
  switch (level) {
    case 1:
      return "no militarised action";
    case 2:
      return "threat to use force";
    case 3:
      return "display of force";
    case 4:
      return "use of force";
    case 5:
      return "war";
  }
  return "unknown";
}

struct NmcRecord {
  int year = 0;
  double cinc = 0;
  CapabilityComponents components;
};

class Drafter {
 public:
  explicit Drafter(const DraftOptions& o) : o_(o) {}

  Draft run() {
    check_options();
    d_.data_year = o_.as_of.month == 12 && o_.as_of.day == 31 ? o_.as_of.year : o_.as_of.year - 1;
    read_capabilities();
    read_alliances();
    read_rivalries();
    read_disputes();
    if (!o_.event_files.empty()) read_event_ties();
    finish();
    return std::move(d_);
  }

 private:
  void check_options() {
    if (o_.actors.size() < 2)
      fail({"", 0, "--actors"}, "a draft needs two actors or more, got {}", o_.actors.size());
    std::set<std::string> seen;
    for (const auto& a : o_.actors) {
      if (!seen.insert(a).second) fail({"", 0, "--actors"}, "actor '{}' is named twice", a);
      auto it = iso3_table().find(a);
      if (it == iso3_table().end())
        fail({"", 0, "--actors"},
             "unknown ISO3 code '{}': not a state in the Correlates of War system (e.g. ISR, "
             "SYR, USA; COW codes no state for PSE)",
             a);
    }
    if (o_.alliances != "atop" && o_.alliances != "cow")
      fail({"", 0, "--alliances"}, "unknown alliance data '{}': expected atop or cow",
           o_.alliances);
    if (o_.disputes != "cow" && o_.disputes != "gml")
      fail({"", 0, "--disputes"}, "unknown dispute data '{}': expected cow or gml", o_.disputes);
    if (o_.rivalries != "td" && o_.rivalries != "tss")
      fail({"", 0, "--rivalries"}, "unknown rivalry data '{}': expected td or tss", o_.rivalries);
    if (o_.dispute_years < 1 || o_.dispute_years > 100)
      fail({"", 0, "--dispute-years"}, "expected 1 to 100 years, got {}", o_.dispute_years);
    if (o_.tie_months < 1 || o_.tie_months > 600)
      fail({"", 0, "--tie-months"}, "expected 1 to 600 months, got {}", o_.tie_months);
    if (!fs::is_directory(o_.data_dir))
      fail({o_.data_dir, 0, "--data"}, "not a directory: {}", o_.data_dir);
  }

  // CINC and components of each actor: the latest NMC year ≤ Y with a CINC.
  void read_capabilities() {
    const std::string file = need_file(o_.data_dir, "cow_nmc.csv");
    std::map<int, NmcRecord> latest;  // ccode → record
    int first_year = 1 << 30;
    std::set<int> wanted;
    for (const auto& a : o_.actors)
      for (int c : iso3_table().at(a)) wanted.insert(c);
    scan_peacesciencer_csv(
        file, {"ccode", "year", "milex", "milper", "irst", "pec", "tpop", "upop", "cinc"},
        [&](const std::vector<double>& v) {
          const int year = static_cast<int>(v[1]);
          first_year = std::min(first_year, year);
          if (year > d_.data_year || std::isnan(v[8]) || !wanted.count(static_cast<int>(v[0])))
            return;
          NmcRecord& r = latest[static_cast<int>(v[0])];
          if (year < r.year) return;
          r.year = year;
          r.cinc = v[8];
          auto opt = [](double x) { return std::isnan(x) ? std::nullopt : std::optional(x); };
          r.components = {opt(v[2]), opt(v[3]), opt(v[4]), opt(v[5]), opt(v[6]), opt(v[7]), year};
        },
        2);
    if (d_.data_year < first_year)
      fail({file, 0, "--as-of"},
           "as_of {} is before the data: the last year known on it is {}, and COW NMC starts in "
           "{}",
           o_.as_of.iso(), d_.data_year, first_year);
    int newest = 0;
    for (const auto& iso : o_.actors) {
      // Of a state's codes, the one with the latest record by Y (West Germany in 1980).
      const NmcRecord* best = nullptr;
      int code = 0;
      for (int c : iso3_table().at(iso)) {
        auto it = latest.find(c);
        if (it != latest.end() && (!best || it->second.year > best->year)) {
          best = &it->second;
          code = c;
        }
      }
      if (!best)
        fail({file, 0, "--actors"},
             "{} has no COW NMC record in or before {} (the last year known on as_of {}): the "
             "state is not in the data by then",
             iso, d_.data_year, o_.as_of.iso());
      for (const auto& [other, c] : ccode_)
        if (c == code)
          fail({"", 0, "--actors"}, "{} and {} are the same COW state ({})", other, iso, code);
      ccode_[iso] = code;
      Actor a;
      a.id = iso;
      const std::string_view name = events::country_name(iso);
      a.name = name.empty() ? iso : std::string(name);
      a.capability.value = best->cinc;
      a.capability.source =
          fmt::format("COW NMC 6 (cow_nmc.csv): CINC {}, state code {}", best->year, code);
      a.components = best->components;
      if (best->year < d_.data_year)
        d_.notes.push_back(
            fmt::format("{}: the latest NMC record by {} is of {}", iso, d_.data_year, best->year));
      newest = std::max(newest, best->year);
      d_.scenario.actors.push_back(std::move(a));
    }
    d_.sources.push_back(fmt::format(
        "COW National Material Capabilities 6 (peacesciencer cow_nmc.csv): CINC of the latest "
        "year <= {} (newest used: {})",
        d_.data_year, newest));
  }

  // The actor of a COW code among the drafted ones, or "".
  std::string actor_of(double code) const {
    for (const auto& [iso, c] : ccode_)
      if (c == static_cast<int>(code)) return iso;
    return "";
  }

  std::pair<std::string, std::string> ordered(const std::string& a, const std::string& b) const {
    auto pos = [&](const std::string& x) {
      return std::find(o_.actors.begin(), o_.actors.end(), x) - o_.actors.begin();
    };
    return pos(a) < pos(b) ? std::pair{a, b} : std::pair{b, a};
  }

  void add_relation(const std::string& x, const std::string& y, RelationKind kind, double weight,
                    int since_year, std::string source, std::string note) {
    auto [a, b] = ordered(x, y);
    Relation r;
    r.a = a;
    r.b = b;
    r.kind = kind;
    r.sign = default_sign(kind);
    r.weight.value = weight;
    r.weight.source = std::move(source);
    r.since = jan1(since_year);
    r.note = std::move(note);
    d_.scenario.relations.push_back(std::move(r));
  }

  void read_alliances() {
    const bool atop = o_.alliances == "atop";
    const std::string name = atop ? "atop_alliance.csv" : "cow_alliance.csv";
    const std::string file = need_file(o_.data_dir, name);
    const std::vector<std::string> columns =
        atop ? std::vector<std::string>{"ccode1",       "ccode2",       "year",
                                        "atop_defense", "atop_offense", "atop_neutral",
                                        "atop_nonagg",  "atop_consul"}
             : std::vector<std::string>{"ccode1",      "ccode2",     "year",       "cow_defense",
                                        "cow_neutral", "cow_nonagg", "cow_entente"};
    // Per pair: the years with an alliance and the strongest type weight per year.
    std::map<std::uint64_t, std::map<int, std::pair<double, std::string>>> years;
    int last_year = 0;
    scan_peacesciencer_csv(file, columns, [&](const std::vector<double>& v) {
      const int year = static_cast<int>(v[2]);
      last_year = std::max(last_year, year);
      if (year > d_.data_year) return;
      const std::string a = actor_of(v[0]), b = actor_of(v[1]);
      if (a.empty() || b.empty() || a == b) return;
      double w = 0;
      std::string type;
      auto take = [&](double flag, double weight, const char* what) {
        if (flag > 0 && weight > w) w = weight, type = what;
      };
      if (atop) {
        take(v[3], 1.0, "defence pact");
        take(v[4], 1.0, "offence pact");
        take(v[5], 0.5, "neutrality pact");
        take(v[6], 0.25, "non-aggression pact");
        take(v[7], 0.25, "consultation pact");
      } else {
        take(v[3], 1.0, "defence pact");
        take(v[4], 0.5, "neutrality pact");
        take(v[6], 0.5, "entente");
        take(v[5], 0.25, "non-aggression pact");
      }
      if (w <= 0) return;
      auto& cell = years[pair_key(ccode_.at(a), ccode_.at(b))][year];
      if (w > cell.first) cell = {w, type};
    });
    const int year = std::min(d_.data_year, last_year);
    const std::string data = atop ? "ATOP 5" : "COW Formal Alliances 4.1";
    d_.sources.push_back(
        fmt::format("{} (peacesciencer {}): alliances in force in {}", data, name, year));
    if (year < d_.data_year)
      d_.notes.push_back(
          fmt::format("{} ends in {}: alliances formed or ended after it are not "
                      "in the draft",
                      data, last_year));
    for (const auto& [key, by_year] : years) {
      auto now = by_year.find(year);
      if (now == by_year.end()) continue;
      int first = year;
      while (by_year.count(first - 1)) --first;
      const std::string a = actor_of(static_cast<double>(key >> 32)),
                        b = actor_of(static_cast<double>(key & 0xffffffffu));
      add_relation(a, b, RelationKind::alliance, now->second.first, first,
                   fmt::format("{} ({}): {} in {}, in force every year since {}; weight by type "
                               "(defence/offence 1, neutrality/entente 0.5, non-aggression/"
                               "consultation 0.25)",
                               data, name, now->second.second, year, first),
                   fmt::format("yearly data: 'since' is 1 January of the first year ({})", first));
    }
  }

  void read_rivalries() {
    const bool td = o_.rivalries == "td";
    const std::string name = td ? "td_rivalries.csv" : "tss_rivalries.csv";
    const std::string file = need_file(o_.data_dir, name);
    const std::vector<std::string> columns =
        td ? std::vector<std::string>{"ccode1", "ccode2", "styear", "endyear", "rivalryno"}
           : std::vector<std::string>{"ccode1", "ccode2", "start", "end", "tssr_id"};
    struct Rivalry {
      std::string a, b;
      int start, end, id;
    };
    std::vector<Rivalry> found;
    int last_year = 0;
    scan_peacesciencer_csv(file, columns, [&](const std::vector<double>& v) {
      if (!std::isnan(v[3])) last_year = std::max(last_year, static_cast<int>(v[3]));
      const std::string a = actor_of(v[0]), b = actor_of(v[1]);
      if (a.empty() || b.empty() || a == b) return;
      found.push_back({a, b, static_cast<int>(v[2]),
                       std::isnan(v[3]) ? 1 << 30 : static_cast<int>(v[3]),
                       std::isnan(v[4]) ? 0 : static_cast<int>(v[4])});
    });
    const int year = std::min(d_.data_year, last_year);
    const std::string data =
        td ? "Thompson & Dreyer (2012) strategic rivalries" : "strategic rivalries (tss file)";
    d_.sources.push_back(
        fmt::format("{} (peacesciencer {}): rivalries ongoing in {}", data, name, year));
    if (year < d_.data_year)
      d_.notes.push_back(
          fmt::format("{} ends in {}: rivalries begun or ended after it are not in the draft", data,
                      last_year));
    for (const Rivalry& r : found) {
      if (r.start > year || r.end < year) continue;
      add_relation(
          r.a, r.b, RelationKind::rivalry, 1.0, r.start,
          fmt::format("{} ({} no. {}): a rivalry since {}, ongoing in {}; weight 1: the "
                      "data code presence, not strength",
                      data, name, r.id, r.start, year),
          fmt::format("yearly data: 'since' is 1 January of the first year ({})", r.start));
    }
  }

  void read_disputes() {
    const bool cow = o_.disputes == "cow";
    const std::string name = cow ? "cow_mid_ddydisps.csv" : "gml_mid_ddydisps.csv";
    const std::string file = need_file(o_.data_dir, name);
    struct Dispute {
      int year;
      int number;
      int hostility;
    };
    std::map<std::uint64_t, std::vector<Dispute>> by_pair;
    int last_year = 0;
    scan_peacesciencer_csv(
        file, {"ccode1", "ccode2", "year", "hostlev", "dispnum"},
        [&](const std::vector<double>& v) {
          const int year = static_cast<int>(v[2]);
          last_year = std::max(last_year, year);
          if (year > d_.data_year || std::isnan(v[3])) return;
          const std::string a = actor_of(v[0]), b = actor_of(v[1]);
          if (a.empty() || b.empty() || a == b) return;
          by_pair[pair_key(ccode_.at(a), ccode_.at(b))].push_back(
              {year, std::isnan(v[4]) ? 0 : static_cast<int>(v[4]), static_cast<int>(v[3])});
        });
    const int year = std::min(d_.data_year, last_year);
    const int first = year - o_.dispute_years + 1;
    const std::string data = cow ? "COW MID 5" : "Gibler-Miller-Little MID 2.2.1";
    d_.sources.push_back(
        fmt::format("{} (peacesciencer {}): dyadic disputes {}-{}", data, name, first, year));
    if (year < d_.data_year)
      d_.notes.push_back(
          fmt::format("{} ends in {}: disputes after it are not in the draft", data, last_year));
    for (const auto& [key, list] : by_pair) {
      int top = 0, earliest = year + 1;
      std::set<int> numbers;
      for (const Dispute& x : list) {
        if (x.year < first || x.year > year || x.hostility < 2) continue;
        top = std::max(top, x.hostility);
        earliest = std::min(earliest, x.year);
        numbers.insert(x.number);
      }
      if (top == 0) continue;
      const std::string a = actor_of(static_cast<double>(key >> 32)),
                        b = actor_of(static_cast<double>(key & 0xffffffffu));
      add_relation(a, b, RelationKind::hostility, top / 5.0, earliest,
                   fmt::format("{} ({}): {} dispute(s) {}-{} (no. {}), highest hostility level {} "
                               "({}); weight = level / 5",
                               data, name, numbers.size(), first, year, fmt::join(numbers, ", "),
                               top, hostility_name(top)),
                   fmt::format("militarised disputes of the last {} data years; 'since' is 1 "
                               "January of the first year with one ({})",
                               o_.dispute_years, earliest));
    }
  }

  void read_event_ties() {
    events::TieSeriesOptions to;
    to.actors = o_.actors;
    auto format = events::input_format_from_string(o_.events_format);
    if (!format)
      fail({"", 0, "--events-format"}, "unknown event-data format '{}'", o_.events_format);
    to.read.format = *format;
    to.read.threads = std::max(1, o_.threads);
    // The tie_months whole months before as_of's month: nothing on or after as_of enters.
    const int last = o_.as_of.month_index() - 1, first = last - o_.tie_months + 1;
    to.from = Date{first / 12, first % 12 + 1, 1};
    to.to = Date{last / 12, last % 12 + 1, 1};
    const std::string window =
        fmt::format("{}-{:02}..{}-{:02}", first / 12, first % 12 + 1, last / 12, last % 12 + 1);
    events::TieSeries series;
    try {
      series = events::read_tie_series(o_.event_files, to);
    } catch (const InputError& e) {
      fail({o_.event_files.front(), 0, "--events"},
           "no tie can be measured among {} in the {} months before as_of {} ({}): {}",
           fmt::join(o_.actors, ","), o_.tie_months, o_.as_of.iso(), window, e.what());
    }
    std::vector<std::string> names;
    for (const auto& f : o_.event_files) names.push_back(fs::path(f).filename().string());
    const std::string files = fmt::format("{}", fmt::join(names, " "));
    d_.sources.push_back(
        fmt::format("event data ({}): monthly tie scores (mean Goldstein / 10, both directions, "
                    "docs/events.md) {}",
                    files, window));
    int measured = 0;
    for (std::size_t i = 0; i < o_.actors.size(); ++i)
      for (std::size_t j = i + 1; j < o_.actors.size(); ++j) {
        const int dyad = series.dyad_index(o_.actors[i], o_.actors[j]);
        const events::WindowTie w =
            dyad < 0 ? events::WindowTie{} : events::window_tie(series, dyad, 0, series.months);
        if (w.months < o_.min_tie_months) {
          d_.notes.push_back(fmt::format(
              "{}-{}: events in {} of the {} months {} (fewer than {}): no measured tie",
              o_.actors[i], o_.actors[j], w.months, o_.tie_months, window, o_.min_tie_months));
          continue;
        }
        ++measured;
        Relation r;
        r.a = o_.actors[i];
        r.b = o_.actors[j];
        r.kind = RelationKind::event_tie;
        r.sign = +1;
        r.weight.value = std::clamp(w.mean, -1.0, 1.0);
        r.weight.source = fmt::format(
            "{}: mean of {} monthly tie scores {} ({} events); sd = standard error of the mean",
            files, w.months, window, w.events);
        if (std::isfinite(w.se) && w.se > 0)
          r.weight.uncertainty = Distribution::normal(r.weight.value, w.se, -1.0, 1.0);
        r.since = to.from;
        r.note =
            fmt::format("measured from event data in the {} months before as_of", o_.tie_months);
        d_.scenario.relations.push_back(std::move(r));
      }
    d_.measured_pairs = measured;
  }

  void finish() {
    Scenario& s = d_.scenario;
    s.id = fmt::format("draft-{}-{}", fmt::join(o_.actors, "-"), o_.as_of.iso());
    s.name = fmt::format("Draft from data: {} on {}", fmt::join(o_.actors, ", "), o_.as_of.iso());
    s.description = fmt::format(
        "Drafted by `detente draft` from data known on {} (yearly data of {} and earlier{}). "
        "Capabilities and relations are data; issues, positions and saliences are the "
        "analyst's to add.",
        o_.as_of.iso(), d_.data_year,
        o_.event_files.empty() ? ""
                               : ", event data of the months "
                                 "before as_of");
    s.as_of = o_.as_of;
    s.sources = d_.sources;
    std::stable_sort(
        s.relations.begin(), s.relations.end(),
        [&](const Relation& x, const Relation& y) { return ordered_pair(x) < ordered_pair(y); });
  }

  std::pair<long, long> ordered_pair(const Relation& r) const {
    auto pos = [&](const std::string& x) {
      return static_cast<long>(std::find(o_.actors.begin(), o_.actors.end(), x) -
                               o_.actors.begin());
    };
    return {pos(r.a), pos(r.b)};
  }

  const DraftOptions& o_;
  Draft d_;
  std::map<std::string, int> ccode_;  // actor → the COW code used
};

}  // namespace

std::vector<int> cow_codes(std::string_view iso3) {
  auto it = iso3_table().find(std::string(iso3));
  return it == iso3_table().end() ? std::vector<int>{} : it->second;
}

Draft draft_scenario(const DraftOptions& options) { return Drafter(options).run(); }

}  // namespace detente::align
