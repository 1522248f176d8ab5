#include "sim/shard.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <iterator>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "io/atomic_file.hpp"

namespace detente::sim {

namespace {

using nlohmann::json;

std::string wide_text(WideCount v) {
  if (v == 0) return "0";
  char digits[40];
  std::size_t n = 0;
  for (; v > 0; v /= 10) digits[n++] = static_cast<char>('0' + static_cast<int>(v % 10));
  return std::string(std::make_reverse_iterator(digits + n), std::make_reverse_iterator(digits));
}
std::string wide_text(WideSigned v) {
  if (v >= 0) return wide_text(static_cast<WideCount>(v));
  return fmt::format("-{}", wide_text(static_cast<WideCount>(-v)));
}

// The counts of a histogram as [first non-zero bin, [counts up to the last non-zero]].
json bins_json(const std::uint64_t* bins) {
  std::size_t first = 0, last = kBins + 2;
  while (first < last && bins[first] == 0) ++first;
  while (last > first && bins[last - 1] == 0) --last;
  return json::array({first, std::vector<std::uint64_t>(bins + first, bins + last)});
}

template <typename T>
json wide_json(const std::vector<T>& v) {
  json out = json::array();
  for (const T& x : v) out.push_back(wide_text(x));
  return out;
}

// Reading, with every problem reported as bad input naming the file and the field.
class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void bad(const std::string& field, const std::string& message) const {
    fail({file_, 0, field}, "{}", message);
  }
  const json& get(const json& j, const char* key, const std::string& field) const {
    if (!j.is_object() || !j.contains(key)) bad(field, "missing");
    return j.at(key);
  }
  std::uint64_t count(const json& j, const std::string& field) const {
    if (!j.is_number_unsigned() && !(j.is_number_integer() && j.get<std::int64_t>() >= 0))
      bad(field, "expected a non-negative integer");
    return j.get<std::uint64_t>();
  }
  std::string text(const json& j, const std::string& field) const {
    if (!j.is_string()) bad(field, "expected a string");
    return j.get<std::string>();
  }
  double number(const json& j, const std::string& field) const {
    if (!j.is_number()) bad(field, "expected a number");
    return j.get<double>();
  }
  std::vector<std::string> texts(const json& j, const std::string& field) const {
    if (!j.is_array()) bad(field, "expected an array of strings");
    std::vector<std::string> out;
    for (std::size_t i = 0; i < j.size(); ++i)
      out.push_back(text(j[i], fmt::format("{}[{}]", field, i)));
    return out;
  }
  std::vector<std::uint64_t> counts(const json& j, std::size_t size,
                                    const std::string& field) const {
    if (!j.is_array() || j.size() != size) bad(field, fmt::format("expected {} integers", size));
    std::vector<std::uint64_t> out;
    for (std::size_t i = 0; i < size; ++i)
      out.push_back(count(j[i], fmt::format("{}[{}]", field, i)));
    return out;
  }
  template <typename T>
  std::vector<T> wides(const json& j, std::size_t size, const std::string& field) const {
    if (!j.is_array() || j.size() != size)
      bad(field, fmt::format("expected {} integers written as strings", size));
    std::vector<T> out;
    for (std::size_t i = 0; i < size; ++i) {
      const std::string s = text(j[i], fmt::format("{}[{}]", field, i));
      const bool negative = !s.empty() && s[0] == '-';
      // T(-1) < 0 rather than is_signed_v, which is false for __int128 in strict C++.
      const bool is_signed = static_cast<T>(-1) < static_cast<T>(0);
      if ((negative && !is_signed) || s.size() == (negative ? 1u : 0u) || s.size() > 40)
        bad(fmt::format("{}[{}]", field, i), fmt::format("expected an integer, got '{}'", s));
      WideCount v = 0;
      for (std::size_t c = negative ? 1 : 0; c < s.size(); ++c) {
        if (s[c] < '0' || s[c] > '9')
          bad(fmt::format("{}[{}]", field, i), fmt::format("expected an integer, got '{}'", s));
        v = v * 10 + static_cast<WideCount>(s[c] - '0');
      }
      out.push_back(negative ? static_cast<T>(-static_cast<WideSigned>(v)) : static_cast<T>(v));
    }
    return out;
  }

 private:
  std::string file_;
};

}  // namespace

std::string shard_text(const EnsembleTally& t) {
  const TallyHeader& h = t.header;
  const auto [begin, end] = shard_range(h.runs, h.shard, h.shards);
  json j;
  j["format"] = "detente-shard";
  j["version"] = kShardVersion;
  j["scenario"] = h.scenario_id;
  j["fingerprint"] = fmt::format("{:016x}", h.fingerprint);
  j["seed"] = h.seed;
  j["runs"] = h.runs;
  j["shard"] = h.shard;
  j["shards"] = h.shards;
  j["first_run"] = begin;
  j["end_run"] = end;
  j["tallied"] = t.tallied;
  j["bins"] = kBins;
  j["fixed_bits"] = kFixedBits;
  j["start"] = h.start;
  j["variants"] = json::array();
  for (std::size_t v = 0; v < h.variant_ids.size(); ++v)
    j["variants"].push_back({{"id", h.variant_ids[v]}, {"name", h.variant_names[v]}});
  j["outcomes"] = json::array();
  for (std::size_t o = 0; o < h.outcome_ids.size(); ++o)
    j["outcomes"].push_back({{"id", h.outcome_ids[o]}, {"name", h.outcome_names[o]}});
  j["issues"] = h.issue_ids;
  j["dyads"] = h.dyad_names;
  j["months"] = h.month_labels;
  j["columns"] = json::array();
  for (const TallyColumn& c : t.columns) j["columns"].push_back({c.record_index, c.lo, c.hi});
  j["counts"] = json::array();
  for (const VariantTally& v : t.variants) {
    json b = json::array();
    for (std::size_t c = 0; c < t.columns.size(); ++c)
      b.push_back(bins_json(v.bins.data() + c * (kBins + 2)));
    j["counts"].push_back({{"outcomes", v.outcome_counts},
                           {"gained", v.gained},
                           {"lost", v.lost},
                           {"sums", wide_json(v.sums)},
                           {"shift_sums", wide_json(v.shift_sums)},
                           {"shift_squares", wide_json(v.shift_squares)},
                           {"bins", b}});
  }
  return j.dump() + "\n";
}

EnsembleTally parse_shard(std::string_view text, const std::string& file, bool complete) {
  Reader in(file);
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    fail({file}, "not a detente shard file (JSON: {})", e.what());
  }
  if (!j.is_object() || !j.contains("format") || j["format"] != "detente-shard")
    fail({file, 0, "format"}, "not a detente shard file (expected \"format\": \"detente-shard\")");
  const std::uint64_t version = in.count(in.get(j, "version", "version"), "version");
  if (version != kShardVersion)
    fail({file, 0, "version"}, "shard format version {} is not supported (this detente reads {})",
         version, kShardVersion);
  if (in.count(in.get(j, "bins", "bins"), "bins") != kBins ||
      in.count(in.get(j, "fixed_bits", "fixed_bits"), "fixed_bits") !=
          static_cast<std::uint64_t>(kFixedBits))
    fail({file, 0, "bins"}, "written with a different histogram layout (expected {} bins, {} bits)",
         kBins, kFixedBits);

  EnsembleTally t;
  TallyHeader& h = t.header;
  h.scenario_id = in.text(in.get(j, "scenario", "scenario"), "scenario");
  const std::string fp = in.text(in.get(j, "fingerprint", "fingerprint"), "fingerprint");
  try {
    std::size_t used = 0;
    h.fingerprint = std::stoull(fp, &used, 16);
    if (used != fp.size() || fp.size() != 16) throw std::invalid_argument(fp);
  } catch (const std::exception&) {
    fail({file, 0, "fingerprint"}, "expected 16 hexadecimal digits, got '{}'", fp);
  }
  h.seed = in.count(in.get(j, "seed", "seed"), "seed");
  h.runs = in.count(in.get(j, "runs", "runs"), "runs");
  h.shard = in.count(in.get(j, "shard", "shard"), "shard");
  h.shards = in.count(in.get(j, "shards", "shards"), "shards");
  if (h.shards == 0 || h.shard == 0 || h.shard > h.shards ||
      h.shards > std::max<std::uint64_t>(h.runs, 1))
    fail({file, 0, "shard"}, "shard {} of {} is not a shard", h.shard, h.shards);
  const auto [begin, end] = shard_range(h.runs, h.shard, h.shards);
  if (in.count(in.get(j, "first_run", "first_run"), "first_run") != begin ||
      in.count(in.get(j, "end_run", "end_run"), "end_run") != end)
    fail({file, 0, "first_run"}, "the run range does not match shard {} of {} of {} runs", h.shard,
         h.shards, h.runs);
  t.tallied = in.count(in.get(j, "tallied", "tallied"), "tallied");
  if (complete ? t.tallied != end - begin : t.tallied > end - begin)
    fail({file, 0, "tallied"}, "holds {} runs, but shard {} of {} has {}: the shard did not finish",
         t.tallied, h.shard, h.shards, end - begin);
  h.start = in.text(in.get(j, "start", "start"), "start");
  const json& variants = in.get(j, "variants", "variants");
  if (!variants.is_array() || variants.empty()) in.bad("variants", "expected a non-empty array");
  for (std::size_t v = 0; v < variants.size(); ++v) {
    const std::string f = fmt::format("variants[{}]", v);
    h.variant_ids.push_back(in.text(in.get(variants[v], "id", f + ".id"), f + ".id"));
    h.variant_names.push_back(in.text(in.get(variants[v], "name", f + ".name"), f + ".name"));
  }
  const json& outcomes = in.get(j, "outcomes", "outcomes");
  if (!outcomes.is_array()) in.bad("outcomes", "expected an array");
  for (std::size_t o = 0; o < outcomes.size(); ++o) {
    const std::string f = fmt::format("outcomes[{}]", o);
    h.outcome_ids.push_back(in.text(in.get(outcomes[o], "id", f + ".id"), f + ".id"));
    h.outcome_names.push_back(in.text(in.get(outcomes[o], "name", f + ".name"), f + ".name"));
  }
  h.issue_ids = in.texts(in.get(j, "issues", "issues"), "issues");
  h.dyad_names = in.texts(in.get(j, "dyads", "dyads"), "dyads");
  h.month_labels = in.texts(in.get(j, "months", "months"), "months");

  const json& columns = in.get(j, "columns", "columns");
  const std::size_t expected_columns =
      h.issue_ids.size() + (h.dyad_names.size() + 1) * h.month_labels.size() + 1;
  if (!columns.is_array() || columns.size() != expected_columns)
    in.bad("columns", fmt::format("expected {} columns", expected_columns));
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const std::string f = fmt::format("columns[{}]", c);
    if (!columns[c].is_array() || columns[c].size() != 3) in.bad(f, "expected [index, lo, hi]");
    TallyColumn col{in.count(columns[c][0], f), in.number(columns[c][1], f),
                    in.number(columns[c][2], f)};
    if (!(col.hi >= col.lo)) in.bad(f, "expected lo <= hi");
    t.columns.push_back(col);
  }

  const json& counts = in.get(j, "counts", "counts");
  if (!counts.is_array() || counts.size() != h.variant_ids.size())
    in.bad("counts", fmt::format("expected one entry per variant ({})", h.variant_ids.size()));
  const std::size_t no = h.outcome_ids.size(), ni = h.issue_ids.size(), nc = t.columns.size();
  for (std::size_t v = 0; v < counts.size(); ++v) {
    const std::string f = fmt::format("counts[{}]", v);
    const json& c = counts[v];
    VariantTally vt;
    vt.outcome_counts = in.counts(in.get(c, "outcomes", f + ".outcomes"), no, f + ".outcomes");
    vt.gained = in.counts(in.get(c, "gained", f + ".gained"), no, f + ".gained");
    vt.lost = in.counts(in.get(c, "lost", f + ".lost"), no, f + ".lost");
    for (std::size_t o = 0; o < no; ++o)
      if (vt.outcome_counts[o] > t.tallied || vt.gained[o] > t.tallied || vt.lost[o] > t.tallied)
        in.bad(fmt::format("{}.outcomes[{}]", f, o), "a count exceeds the runs tallied");
    vt.sums = in.wides<WideCount>(in.get(c, "sums", f + ".sums"), nc, f + ".sums");
    vt.shift_sums =
        in.wides<WideSigned>(in.get(c, "shift_sums", f + ".shift_sums"), ni, f + ".shift_sums");
    vt.shift_squares = in.wides<WideCount>(in.get(c, "shift_squares", f + ".shift_squares"), ni,
                                           f + ".shift_squares");
    const json& bins = in.get(c, "bins", f + ".bins");
    if (!bins.is_array() || bins.size() != nc)
      in.bad(f + ".bins", fmt::format("expected {} histograms", nc));
    vt.bins.assign(nc * (kBins + 2), 0);
    for (std::size_t col = 0; col < nc; ++col) {
      const std::string g = fmt::format("{}.bins[{}]", f, col);
      const json& b = bins[col];
      if (!b.is_array() || b.size() != 2 || !b[1].is_array())
        in.bad(g, "expected [first bin, [counts]]");
      const std::uint64_t first = in.count(b[0], g);
      if (first + b[1].size() > kBins + 2) in.bad(g, "bins beyond the histogram");
      std::uint64_t total = 0;
      for (std::size_t i = 0; i < b[1].size(); ++i) {
        const std::uint64_t n = in.count(b[1][i], g);
        vt.bins[col * (kBins + 2) + first + i] = n;
        total += n;
      }
      if (total != t.tallied)
        in.bad(g, fmt::format("the histogram holds {} values, expected {}", total, t.tallied));
    }
    t.variants.push_back(std::move(vt));
  }
  return t;
}

void write_shard(const std::string& path, const EnsembleTally& tally) {
  io::write_file_atomic(path, shard_text(tally));
}

EnsembleTally read_shard(const std::string& path) { return parse_shard(io::read_file(path), path); }

EnsembleTally merge_tallies(std::vector<EnsembleTally> tallies,
                            const std::vector<std::string>& files) {
  if (tallies.empty()) fail({"", 0, "FILES"}, "no shard files to merge");
  const TallyHeader& h = tallies.front().header;
  std::vector<std::string> seen(h.shards);
  for (std::size_t i = 0; i < tallies.size(); ++i) {
    const TallyHeader& x = tallies[i].header;
    const std::string& file = files[i];
    auto differs = [&](const char* what, const std::string& a, const std::string& b) {
      fail({file, 0, what}, "is a shard of another ensemble: {} {} (the first shard, {}, has {})",
           what, a, files.front(), b);
    };
    if (x.scenario_id != h.scenario_id) differs("scenario", x.scenario_id, h.scenario_id);
    if (x.fingerprint != h.fingerprint)
      differs("fingerprint",
              fmt::format("{:016x} (the scenario or its variants differ)", x.fingerprint),
              fmt::format("{:016x}", h.fingerprint));
    if (x.seed != h.seed) differs("seed", std::to_string(x.seed), std::to_string(h.seed));
    if (x.runs != h.runs) differs("runs", std::to_string(x.runs), std::to_string(h.runs));
    if (x.shards != h.shards) differs("shards", std::to_string(x.shards), std::to_string(h.shards));
    if (x.variant_ids != h.variant_ids)
      differs("variants", fmt::format("{}", x.variant_ids.size()),
              fmt::format("{}", h.variant_ids.size()));
    std::string& first = seen[x.shard - 1];
    if (!first.empty())
      fail({file, 0, "shard"}, "shard {} of {} is given twice (also in {})", x.shard, x.shards,
           first);
    first = file;
  }
  std::vector<std::string> missing;
  for (std::size_t s = 0; s < seen.size(); ++s)
    if (seen[s].empty()) missing.push_back(std::to_string(s + 1));
  if (!missing.empty())
    fail({files.front(), 0, "shard"}, "shards {} of {} are missing",
         fmt::format("{}", fmt::join(missing, ", ")), h.shards);
  EnsembleTally total = std::move(tallies.front());
  for (std::size_t i = 1; i < tallies.size(); ++i) {
    if (tallies[i].columns.size() != total.columns.size())
      fail({files[i], 0, "columns"}, "has another layout than {}", files.front());
    total.merge(tallies[i]);
  }
  total.header.shard = 1;
  total.header.shards = 1;
  return total;
}

EnsembleTally merge_shards(const std::vector<std::string>& files) {
  std::vector<EnsembleTally> tallies;
  for (const auto& f : files) tallies.push_back(read_shard(f));
  return merge_tallies(std::move(tallies), files);
}

}  // namespace detente::sim
