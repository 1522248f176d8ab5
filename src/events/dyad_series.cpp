// Dyad x period aggregation and signed networks; see dyad_series.hpp.
#include "events/dyad_series.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "events/countries.hpp"

namespace detente::events {

std::string_view to_string(Period p) {
  switch (p) {
    case Period::day:
      return "day";
    case Period::week:
      return "week";
    case Period::month:
      return "month";
    case Period::quarter:
      return "quarter";
    case Period::year:
      return "year";
    case Period::all:
      return "all";
  }
  return "month";
}

std::optional<Period> period_from_string(std::string_view text) {
  for (auto p :
       {Period::day, Period::week, Period::month, Period::quarter, Period::year, Period::all})
    if (to_string(p) == text) return p;
  return std::nullopt;
}

std::string_view to_string(Dedup d) {
  switch (d) {
    case Dedup::none:
      return "none";
    case Dedup::daily:
      return "daily";
    case Dedup::url:
      return "url";
  }
  return "none";
}

std::optional<Dedup> dedup_from_string(std::string_view text) {
  for (auto d : {Dedup::none, Dedup::daily, Dedup::url})
    if (to_string(d) == text) return d;
  return std::nullopt;
}

namespace {
std::int32_t floor_mod(std::int32_t a, std::int32_t m) { return ((a % m) + m) % m; }
// 1970-01-01 was a Thursday; Monday of the week holding `days`.
std::int32_t monday_of(std::int32_t days) { return days - floor_mod(days + 3, 7); }
}  // namespace

std::int32_t period_of(std::int32_t days, Period p) {
  switch (p) {
    case Period::day:
      return days;
    case Period::week:
      return monday_of(days);
    case Period::all:
      return 0;
    default:
      break;
  }
  Date d = Date::from_days(days);
  switch (p) {
    case Period::month:
      return d.year * 12 + d.month - 1;
    case Period::quarter:
      return d.year * 4 + (d.month - 1) / 3;
    default:
      return d.year;
  }
}

std::string period_label(std::int32_t period, Period p) {
  switch (p) {
    case Period::day:
      return Date::from_days(period).iso();
    case Period::week: {
      // ISO week: the week's Thursday decides the year; week 1 holds the first Thursday.
      Date thu = Date::from_days(period + 3);
      std::int32_t jan1 = static_cast<std::int32_t>(Date{thu.year, 1, 1}.days_since_epoch());
      int week = (period + 3 - jan1) / 7 + 1;
      return fmt::format("{:04d}-W{:02d}", thu.year, week);
    }
    case Period::month:
      return fmt::format("{:04d}-{:02d}", period / 12, period % 12 + 1);
    case Period::quarter:
      return fmt::format("{:04d}-Q{}", period / 4, period % 4 + 1);
    case Period::year:
      return fmt::format("{:04d}", period);
    case Period::all:
      return "all";
  }
  return "";
}

std::int32_t period_start(std::int32_t period, Period p) {
  switch (p) {
    case Period::day:
    case Period::week:
      return period;
    case Period::month:
      return static_cast<std::int32_t>(Date{period / 12, period % 12 + 1, 1}.days_since_epoch());
    case Period::quarter:
      return static_cast<std::int32_t>(
          Date{period / 4, (period % 4) * 3 + 1, 1}.days_since_epoch());
    case Period::year:
      return static_cast<std::int32_t>(Date{period, 1, 1}.days_since_epoch());
    case Period::all:
      return 0;
  }
  return 0;
}

namespace {

// A 3-character country code packed big-endian (sorting packed codes sorts the text).
using Packed = std::uint32_t;
constexpr Packed kNoActor = 0;

inline Packed pack3(std::string_view s) {
  if (s.size() != 3) return kNoActor;
  return (Packed(static_cast<unsigned char>(s[0])) << 16) |
         (Packed(static_cast<unsigned char>(s[1])) << 8) | Packed(static_cast<unsigned char>(s[2]));
}

std::string unpack3(Packed p) {
  return std::string{static_cast<char>(p >> 16), static_cast<char>((p >> 8) & 0xff),
                     static_cast<char>(p & 0xff)};
}

struct Key {
  std::int32_t period;
  Packed a1, a2;
  bool operator==(const Key&) const = default;
};

struct KeyHash {
  std::size_t operator()(const Key& k) const {
    std::uint64_t h =
        (std::uint64_t(std::uint32_t(k.period)) << 32) ^ (std::uint64_t(k.a1) << 24) ^ k.a2;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return static_cast<std::size_t>(h);
  }
};

struct Acc {
  std::int64_t events = 0, goldstein = 0, mentions = 0, goldstein_mentions = 0;
  std::int64_t quad[4] = {};
  std::int64_t m_coop = 0, m_conf = 0;
  void add(const Acc& o) {
    events += o.events;
    goldstein += o.goldstein;
    mentions += o.mentions;
    goldstein_mentions += o.goldstein_mentions;
    for (int i = 0; i < 4; ++i) quad[i] += o.quad[i];
    m_coop += o.m_coop;
    m_conf += o.m_conf;
  }
};

// FNV-1a over several fields with a separator, then a final mix.
struct KeyHasher {
  std::uint64_t h = 1469598103934665603ULL;
  void add(std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ULL;
    }
    h ^= 0x1f;
    h *= 1099511628211ULL;
  }
  void add(std::int64_t v) {
    for (int i = 0; i < 8; ++i) {
      h ^= static_cast<unsigned char>(v >> (8 * i));
      h *= 1099511628211ULL;
    }
  }
  std::uint64_t value() const {
    std::uint64_t x = h;
    x ^= x >> 31;
    x *= 0x7fb5d329728ea185ULL;
    x ^= x >> 27;
    return x;
  }
};

// ICEWS writes sectors as words; the CAMEO roles a filter may name map to these.
std::string_view icews_sector_word(std::string_view role) {
  static const std::pair<std::string_view, std::string_view> table[] = {
      {"GOV", "Government"},  {"MIL", "Military"},   {"COP", "Police"},    {"JUD", "Judicial"},
      {"LEG", "Legislative"}, {"OPP", "Opposition"}, {"REB", "Rebel"},     {"BUS", "Business"},
      {"MED", "Media"},       {"EDU", "Education"},  {"CVL", "Civilian"},  {"LAB", "Labor"},
      {"REF", "Refugee"},     {"ELI", "Elite"},      {"INS", "Insurgent"}, {"HLH", "Health"},
  };
  for (auto [r, w] : table)
    if (r == role) return w;
  return role;
}

struct Worker {
  std::unordered_map<Key, Acc, KeyHash> cells;
  std::unordered_map<std::int32_t, std::int64_t> period_events;
  std::int64_t filtered = 0, no_dyad = 0, duplicates = 0, counted = 0;
  // Caches for consecutive rows with the same date.
  std::int32_t last_day = INT32_MIN, last_period = 0;
  std::int64_t* last_total = nullptr;
  std::int32_t last_total_period = INT32_MIN;
};

class Aggregator {
 public:
  Aggregator(const AggregateOptions& o, int workers,
             const std::unordered_map<std::int64_t, std::int64_t>* mention_counts)
      : opt_(o), mention_counts_(mention_counts) {
    workers_.resize(static_cast<std::size_t>(workers));
    for (const auto& a : o.filter.actors) actors_.push_back(pack3(a));
    if (o.filter.from) from_ = static_cast<std::int32_t>(o.filter.from->days_since_epoch());
    if (o.filter.to) to_ = static_cast<std::int32_t>(o.filter.to->days_since_epoch());
    for (int q : o.filter.quads)
      if (q >= 1 && q <= 4) quad_mask_ |= 1u << q;
    if (quad_mask_ == 0) quad_mask_ = 0x1e;
  }

  void visit(const EventRow& r, int w) {
    Worker& wk = workers_[static_cast<std::size_t>(w)];
    if (r.date < from_ || r.date > to_ || (opt_.filter.root_only && !r.is_root) ||
        !(quad_mask_ & (1u << r.quad)) || !code_ok(r.event_code)) {
      ++wk.filtered;
      return;
    }
    if (r.date != wk.last_day) {
      wk.last_day = r.date;
      wk.last_period = period_of(r.date, opt_.period);
    }
    const std::int32_t period = wk.last_period;
    if (period != wk.last_total_period || !wk.last_total) {
      wk.last_total = &wk.period_events[period];  // references stay valid on rehash
      wk.last_total_period = period;
    }
    ++*wk.last_total;

    std::string_view c1 = r.actor1_country, c2 = r.actor2_country;
    if (opt_.filter.actor_geo) {
      c1 = iso3_from_fips(r.actor1_geo);
      c2 = iso3_from_fips(r.actor2_geo);
    }
    Packed a1 = pack3(c1), a2 = pack3(c2);
    if (a1 == kNoActor || a2 == kNoActor) {
      ++wk.no_dyad;
      return;
    }
    if ((a1 == a2 && !opt_.filter.allow_domestic) || !actor_ok(a1) || !actor_ok(a2) ||
        !role_ok(r, r.actor1_types) || !role_ok(r, r.actor2_types)) {
      ++wk.filtered;
      return;
    }
    if (opt_.dedup != Dedup::none) {
      KeyHasher h;
      if (opt_.dedup == Dedup::daily) {
        h.add(r.date);
        h.add(r.actor1_code);
        h.add(r.actor2_code);
      } else {
        h.add(r.url);
        h.add(c1);
        h.add(c2);
      }
      h.add(r.event_code);
      if (!seen_.insert(h.value()).second) {
        ++wk.duplicates;
        return;
      }
    }
    if (!opt_.directed && a2 < a1) std::swap(a1, a2);
    std::int64_t mentions = r.mentions;
    if (mention_counts_) {
      auto it = mention_counts_->find(r.event_id);
      mentions = it == mention_counts_->end() ? 0 : it->second;
    }
    Acc& acc = wk.cells[Key{period, a1, a2}];
    acc.events += 1;
    acc.goldstein += r.goldstein_centi;
    acc.mentions += mentions;
    acc.goldstein_mentions += r.goldstein_centi * mentions;
    acc.quad[r.quad - 1] += 1;
    (r.quad <= 2 ? acc.m_coop : acc.m_conf) += mentions;
    ++wk.counted;
  }

  DyadSeries finish(ReadStats stats) {
    DyadSeries out;
    out.period = opt_.period;
    out.directed = opt_.directed;
    out.stats = std::move(stats);
    std::unordered_map<Key, Acc, KeyHash> all;
    for (auto& w : workers_) {
      for (auto& [k, a] : w.cells) all[k].add(a);
      for (auto& [p, n] : w.period_events) out.period_events[p] += n;
      out.filtered += w.filtered;
      out.no_dyad += w.no_dyad;
      out.duplicates += w.duplicates;
      out.counted += w.counted;
    }
    std::vector<std::pair<Key, Acc>> sorted(all.begin(), all.end());
    std::sort(sorted.begin(), sorted.end(), [](const auto& x, const auto& y) {
      return std::tie(x.first.period, x.first.a1, x.first.a2) <
             std::tie(y.first.period, y.first.a1, y.first.a2);
    });
    out.cells.reserve(sorted.size());
    for (const auto& [k, a] : sorted) {
      DyadCell c;
      c.period = k.period;
      c.actor1 = unpack3(k.a1);
      c.actor2 = unpack3(k.a2);
      c.events = a.events;
      c.goldstein_centi = a.goldstein;
      c.mentions = a.mentions;
      c.goldstein_mentions_centi = a.goldstein_mentions;
      for (int i = 0; i < 4; ++i) c.quad[i] = a.quad[i];
      c.mentions_coop = a.m_coop;
      c.mentions_conflict = a.m_conf;
      out.cells.push_back(std::move(c));
    }
    return out;
  }

 private:
  bool code_ok(std::string_view code) const {
    if (opt_.filter.codes.empty()) return true;
    for (const auto& c : opt_.filter.codes)
      if (code.substr(0, c.size()) == c) return true;
    return false;
  }
  bool actor_ok(Packed a) const {
    return actors_.empty() || std::find(actors_.begin(), actors_.end(), a) != actors_.end();
  }
  bool role_ok(const EventRow& r, const std::string_view* types) const {
    if (opt_.filter.roles.empty()) return true;
    for (const auto& role : opt_.filter.roles) {
      if (r.layout == Layout::icews) {
        if (types[0].find(icews_sector_word(role)) != std::string_view::npos) return true;
      } else {
        for (int k = 0; k < 3; ++k)
          if (types[k] == role) return true;
      }
    }
    return false;
  }

  const AggregateOptions& opt_;
  const std::unordered_map<std::int64_t, std::int64_t>* mention_counts_;
  std::vector<Worker> workers_;
  std::vector<Packed> actors_;
  std::int32_t from_ = INT32_MIN, to_ = INT32_MAX;
  unsigned quad_mask_ = 0;
  std::unordered_set<std::uint64_t> seen_;  // dedup keys (one thread when de-duplicating)
};

std::string fmt_centi(std::int64_t centi) {
  // Exact decimal text of a value in hundredths: "-12.30" -> "-12.3", "4.00" -> "4".
  bool neg = centi < 0;
  std::uint64_t v = neg ? 0 - static_cast<std::uint64_t>(centi) : static_cast<std::uint64_t>(centi);
  std::string s = fmt::format("{}{}", neg ? "-" : "", v / 100);
  std::uint64_t frac = v % 100;
  if (frac) s += frac % 10 ? fmt::format(".{:02d}", frac) : fmt::format(".{}", frac / 10);
  return s;
}

std::string fmt_real(double x) {
  if (x == 0) return "0";
  return fmt::format("{:.6g}", x);
}

}  // namespace

DyadSeries aggregate_events(const std::vector<std::string>& inputs, const AggregateOptions& options,
                            const std::vector<std::string>& mention_inputs) {
  AggregateOptions opt = options;
  if (opt.dedup != Dedup::none) opt.read.threads = 1;  // keep the first in input order
  opt.read.need_event_id = !mention_inputs.empty();
  opt.read.need_geo = opt.filter.actor_geo;
  opt.read.need_url = opt.dedup == Dedup::url;
  const int threads = std::max(1, opt.read.strict ? 1 : opt.read.threads);

  std::unordered_map<std::int64_t, std::int64_t> mention_counts;
  ReadStats mention_stats;
  if (!mention_inputs.empty()) {
    ReadOptions mo = opt.read;
    mo.format = InputFormat::gdelt_mentions;
    std::vector<std::unordered_map<std::int64_t, std::int64_t>> per(
        static_cast<std::size_t>(threads));
    mention_stats = read_events(mention_inputs, mo, [&](const EventRow& r, int w) {
      if (r.confidence >= opt.min_confidence) ++per[static_cast<std::size_t>(w)][r.event_id];
    });
    for (auto& m : per)
      for (auto& [id, n] : m) mention_counts[id] += n;
  }

  Aggregator agg(opt, threads, mention_inputs.empty() ? nullptr : &mention_counts);
  ReadStats stats = read_events(inputs, opt.read, [&](const EventRow& r, int w) {
    if (r.layout == Layout::gdelt_mentions) return;
    agg.visit(r, w);
  });
  DyadSeries out = agg.finish(std::move(stats));
  out.mention_stats = std::move(mention_stats);
  return out;
}

std::string to_csv(const DyadSeries& s, CsvColumns columns) {
  std::string out =
      "period,actor1,actor2,events,goldstein_sum,goldstein_mean,mentions,quad1,quad2,quad3,quad4";
  if (columns.extended) out += ",net_coop,goldstein_mw_sum,goldstein_mw_mean,net_coop_mw";
  if (columns.normalize) out += ",period_events,events_share,goldstein_share,net_coop_share";
  out += '\n';
  out.reserve(out.size() + s.cells.size() * 64);
  std::int32_t label_period = INT32_MIN;
  std::string label;
  for (const auto& c : s.cells) {
    if (c.period != label_period) {
      label_period = c.period;
      label = period_label(c.period, s.period);
    }
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{}", label, c.actor1, c.actor2, c.events,
                       fmt_centi(c.goldstein_centi), fmt_real(c.goldstein_mean()), c.mentions,
                       c.quad[0], c.quad[1], c.quad[2], c.quad[3]);
    if (columns.extended)
      out += fmt::format(",{},{},{},{}", c.net_coop(), fmt_centi(c.goldstein_mentions_centi),
                         fmt_real(c.goldstein_mentions_mean()), c.net_coop_mentions());
    if (columns.normalize) {
      auto it = s.period_events.find(c.period);
      double total = it == s.period_events.end() ? 0.0 : static_cast<double>(it->second);
      auto share = [&](double x) { return total > 0 ? fmt_real(x / total) : std::string("0"); };
      out += fmt::format(",{},{},{},{}", static_cast<std::int64_t>(total),
                         share(static_cast<double>(c.events)), share(c.goldstein_sum()),
                         share(static_cast<double>(c.net_coop())));
    }
    out += '\n';
  }
  return out;
}

namespace {
nlohmann::json stats_json(const ReadStats& st) {
  nlohmann::json layouts = nlohmann::json::object();
  for (int i = 0; i < kLayoutCount; ++i)
    if (st.by_layout[i] > 0)
      layouts[std::string(to_string(static_cast<Layout>(i)))] = st.by_layout[i];
  nlohmann::json bad = nlohmann::json::object();
  for (int i = 0; i < kBadKindCount; ++i)
    if (st.bad_by_kind[i] > 0)
      bad[std::string(to_string(static_cast<BadKind>(i)))] = st.bad_by_kind[i];
  nlohmann::json reported = nlohmann::json::array();
  for (const auto& r : st.reported)
    reported.push_back({{"file", r.where.file},
                        {"line", r.where.line},
                        {"field", r.where.field},
                        {"kind", std::string(to_string(r.kind))},
                        {"message", r.message}});
  nlohmann::json j = {{"files", st.files},
                      {"bytes", st.bytes},
                      {"rows", st.rows},
                      {"headers", st.headers},
                      {"bad", st.bad},
                      {"layouts", layouts},
                      {"bad_by_kind", bad},
                      {"first_bad", reported},
                      {"unknown_country_names", st.unknown_countries}};
  if (st.rows > 0) {
    j["first_date"] = Date::from_days(st.min_date).iso();
    j["last_date"] = Date::from_days(st.max_date).iso();
  }
  return j;
}
}  // namespace

nlohmann::json to_json(const DyadSeries& s) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& c : s.cells) {
    auto it = s.period_events.find(c.period);
    std::int64_t total = it == s.period_events.end() ? 0 : it->second;
    rows.push_back({{"period", period_label(c.period, s.period)},
                    {"actor1", c.actor1},
                    {"actor2", c.actor2},
                    {"events", c.events},
                    {"goldstein_sum", c.goldstein_sum()},
                    {"goldstein_mean", c.goldstein_mean()},
                    {"mentions", c.mentions},
                    {"quad", {c.quad[0], c.quad[1], c.quad[2], c.quad[3]}},
                    {"net_coop", c.net_coop()},
                    {"goldstein_mw_sum", c.goldstein_mentions_sum()},
                    {"goldstein_mw_mean", c.goldstein_mentions_mean()},
                    {"net_coop_mw", c.net_coop_mentions()},
                    {"period_events", total}});
  }
  nlohmann::json j = {{"period", std::string(to_string(s.period))},
                      {"directed", s.directed},
                      {"rows_counted", s.counted},
                      {"rows_filtered", s.filtered},
                      {"rows_without_dyad", s.no_dyad},
                      {"rows_duplicate", s.duplicates},
                      {"input", stats_json(s.stats)},
                      {"series", rows}};
  if (s.mention_stats.files > 0) j["mentions_input"] = stats_json(s.mention_stats);
  return j;
}

std::vector<SignedEdge> signed_network(const DyadSeries& s, const NetworkOptions& o) {
  std::vector<SignedEdge> out;
  for (const auto& c : s.cells) {
    if (c.events < o.min_events || c.events == 0) continue;
    double score = o.basis == SignBasis::net_coop
                       ? static_cast<double>(c.net_coop()) / static_cast<double>(c.events)
                       : c.goldstein_mean() / 10.0;
    if (!(std::abs(score) > o.threshold)) continue;
    out.push_back({c.period, c.actor1, c.actor2, score > 0 ? 1 : -1, std::abs(score), c.events});
  }
  return out;
}

std::string network_csv(const std::vector<SignedEdge>& edges, Period p, bool with_period) {
  std::string out = with_period ? "period,from,to,sign,weight\n" : "from,to,sign,weight\n";
  for (const auto& e : edges) {
    if (with_period) out += period_label(e.period, p) + ",";
    out += fmt::format("{},{},{},{}\n", e.from, e.to, e.sign, fmt_real(e.weight));
  }
  return out;
}

}  // namespace detente::events
