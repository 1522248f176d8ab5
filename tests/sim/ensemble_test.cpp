// The streaming ensemble: histogram quantiles against exact ones, tallies that merge to
// the same bits however the runs are split, common random numbers across variants, the
// paired effects, and shard files.
#include "sim/ensemble.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "core/error.hpp"
#include "io/scenario_toml.hpp"
#include "sim/dynamics.hpp"
#include "sim/shard.hpp"
#include "test_support.hpp"

namespace detente::sim {
namespace {

const std::string kScenario = test::small_scenario(
    {.id = "pair",
     .name = "Paired",
     .capabilities = {"{ dist = \"uniform\", min = 0.5, max = 1.5 }", "1", "2"},
     .issue_extra = "",
     .positions = {"{ dist = \"triangular\", min = 10, mode = 30, max = 60 }", "50", "80"},
     .summit_date = "2024-03-10",
     .summit_probability = "0.7"},
    R"([simulation]
months = 6

[dynamics]
noise = 0.05

[[outcome]]
id = "held"
name = "Summit held"
kind = "event_occurs"
event = "summit"

[[outcome]]
id = "warm"
name = "A-B warm"
kind = "tie_above"
a = "AAA"
b = "BBB"
threshold = 0.05

[[variant]]
id = "same"
name = "Identical to the baseline"

[[variant]]
id = "unlikely"
name = "Summit less likely"
[[variant.event]]
id = "summit"
probability = 0.3
)");

std::vector<SimModel> models_of(const Scenario& s) {
  std::vector<SimModel> models{compile(s, nullptr)};
  for (const auto& v : s.variants) models.push_back(compile(s, &v));
  return models;
}

// Type 7 on the sorted values.
double exact_quantile(const std::vector<double>& sorted, double p) {
  const std::size_t n = sorted.size();
  const double h = static_cast<double>(n - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const double above = sorted[std::min(lo + 1, n - 1)];
  return sorted[lo] + (h - static_cast<double>(lo)) * (above - sorted[lo]);
}

TEST(Tally, HistogramQuantilesAreWithinOneBinOfTheExactOnes) {
  std::mt19937_64 rng(5);
  const TallyColumn column{0, -1.0, 1.0};
  const double width = 2.0 / static_cast<double>(kBins);
  for (std::size_t n : {1, 2, 7, 100, 5001, 40000}) {
    std::vector<std::uint64_t> bins(kBins + 2, 0);
    WideCount sum = 0;
    std::vector<double> v;
    std::normal_distribution<double> normal(0.6, 0.4);
    for (std::size_t i = 0; i < n; ++i) {
      const double x = std::clamp(normal(rng), -1.0, 1.0);  // clamped: an atom at +1
      v.push_back(x);
      ++bins[bin_of(column, x)];
      sum += fixed_point(column, x);
    }
    std::sort(v.begin(), v.end());
    const Quantiles q = histogram_quantiles(column, bins.data(), sum, n);
    const double levels[] = {0.05, 0.25, 0.5, 0.75, 0.95};
    const double got[] = {q.q05, q.q25, q.q50, q.q75, q.q95};
    for (int i = 0; i < 5; ++i) {
      const double exact = exact_quantile(v, levels[i]);
      EXPECT_LE(std::abs(got[i] - exact), width) << n << " p=" << levels[i];
      if (exact == 1.0) {
        EXPECT_EQ(got[i], 1.0) << "atoms are exact";
      }
    }
    double mean = 0;
    for (double x : v) mean += x;
    EXPECT_NEAR(q.mean, mean / static_cast<double>(n), 1e-11) << n;
  }
}

TEST(Tally, BinsAndAtoms) {
  const TallyColumn c{0, 0.0, 28.0};
  EXPECT_EQ(bin_of(c, 0.0), 0u);
  EXPECT_EQ(bin_of(c, -1e-9), 0u);
  EXPECT_EQ(bin_of(c, 28.0), kBins + 1);
  EXPECT_EQ(bin_of(c, 1e-12), 1u);
  EXPECT_EQ(bin_of(c, 27.999999), kBins);
  EXPECT_EQ(fixed_point(c, 28.0), std::uint64_t{1} << kFixedBits);
  EXPECT_EQ(fixed_point(c, 14.0), std::uint64_t{1} << (kFixedBits - 1));
}

// The tally of an ensemble is the same, bit for bit, for any thread count and any split of
// the runs into parts tallied apart and merged (as MPI ranks and shards are).
TEST(Tally, SameForAnyThreadCountAndSplit) {
  const Scenario s = io::read_scenario(kScenario, "pair.toml");
  const auto models = models_of(s);
  const EnsembleTally one = tally_ensemble(models, {4, 1, nullptr}, 301, 0, 301);
  const EnsembleTally three = tally_ensemble(models, {4, 3, nullptr}, 301, 0, 301);
  EnsembleTally parts = tally_ensemble(models, {4, 2, nullptr}, 301, 200, 301);
  parts.merge(tally_ensemble(models, {4, 1, nullptr}, 301, 0, 57));
  parts.merge(tally_ensemble(models, {4, 2, nullptr}, 301, 57, 200));
  EXPECT_EQ(shard_text(one), shard_text(three));
  EXPECT_EQ(shard_text(one), shard_text(parts));
  EXPECT_EQ(to_json(summarise(one)).dump(), to_json(summarise(parts)).dump());
  const EnsembleTally other = tally_ensemble(models, {5, 1, nullptr}, 301, 0, 301);
  EXPECT_NE(shard_text(one), shard_text(other));
}

// Common random numbers: a variant identical to the baseline repeats every run exactly, so
// its effects are exactly 0; a variant that only lowers an event's probability can make it
// fail in a run where the baseline had it, never the reverse.
TEST(Effects, IdenticalVariantHasEffectExactlyZeroInEveryRun) {
  const Scenario s = io::read_scenario(kScenario, "pair.toml");
  const auto models = models_of(s);
  const auto base = run_records(models[0], {8, 2, nullptr}, 0, 500);
  const auto same = run_records(models[1], {8, 1, nullptr}, 0, 500);
  ASSERT_TRUE(base == same);

  const EnsembleReport r = summarise(tally_ensemble(models, {8, 2, nullptr}, 500, 0, 500));
  ASSERT_EQ(r.effects.size(), 2u);
  const VariantEffects& e = r.effects[0];
  EXPECT_EQ(e.variant_id, "same");
  for (const auto& o : e.outcomes) {
    EXPECT_EQ(o.gained, 0u) << o.id;
    EXPECT_EQ(o.lost, 0u) << o.id;
    EXPECT_EQ(o.difference, 0.0) << o.id;
    EXPECT_LT(o.low, 0.0);
    EXPECT_GT(o.high, 0.0);
    EXPECT_EQ(o.low, -o.high);
  }
  for (const auto& k : e.settlements) {
    EXPECT_EQ(k.shift, 0.0);
    EXPECT_EQ(k.low, 0.0);
    EXPECT_EQ(k.high, 0.0);
  }

  const VariantEffects& u = r.effects[1];
  EXPECT_EQ(u.outcomes[0].gained, 0u);  // the summit never happens only in the variant
  EXPECT_NEAR(u.outcomes[0].difference, -0.4, 0.07);
  EXPECT_LT(u.outcomes[0].high, 0.0);
  EXPECT_GT(u.outcomes[0].low, -1.0);
  // The draws the two variants share are the same: the baseline's probability is the
  // variant's plus the runs it lost.
  EXPECT_EQ(r.variants[0].outcomes[0].count, r.variants[2].outcomes[0].count + u.outcomes[0].lost);
}

TEST(Effects, PairedIntervalForMatchedProportions) {
  // Agresti–Min: (g − l)/(n + 2) ± z √((p̃g + p̃l − d̃²)/(n + 2)), cells plus ½.
  auto [lo, hi] = paired_difference_interval(30, 10, 200);
  const double g = 30.5 / 202, l = 10.5 / 202, d = g - l;
  const double half = 1.959963984540054 * std::sqrt((g + l - d * d) / 202);
  EXPECT_NEAR(lo, d - half, 1e-15);
  EXPECT_NEAR(hi, d + half, 1e-15);
  auto [lo0, hi0] = paired_difference_interval(0, 0, 2000);
  EXPECT_NEAR(hi0, 1.96 / 2002, 1e-4);
  EXPECT_EQ(lo0, -hi0);
}

TEST(Effects, PinnedOutcomesAreFlagged) {
  const Scenario s = io::read_scenario(kScenario, "pair.toml");
  const auto models = models_of(s);
  const EnsembleReport r = summarise(tally_ensemble(models, {1, 2, nullptr}, 400, 0, 400));
  for (const auto& p : r.pinned) {
    EXPECT_TRUE(p.highest < 0.01 || p.lowest > 0.99) << p.id;
    EXPECT_FALSE(p.analysed);
  }
  for (std::size_t o = 0; o < r.variants[0].outcomes.size(); ++o) {
    bool in_range = false;
    for (const auto& v : r.variants)
      in_range |= v.outcomes[o].probability >= 0.01 && v.outcomes[o].probability <= 0.99;
    const bool flagged = std::any_of(r.pinned.begin(), r.pinned.end(), [&](const auto& p) {
      return p.id == r.variants[0].outcomes[o].id;
    });
    EXPECT_EQ(flagged, !in_range) << r.variants[0].outcomes[o].id;
  }
}

TEST(Shard, TextRoundTripsAndIsValidated) {
  const Scenario s = io::read_scenario(kScenario, "pair.toml");
  const auto models = models_of(s);
  EnsembleTally t = tally_ensemble(models, {2, 1, nullptr}, 90, 30, 60);
  t.header.shard = 2;
  t.header.shards = 3;
  const std::string text = shard_text(t);
  EXPECT_EQ(shard_text(parse_shard(text, "s2.json")), text);

  auto error_of = [](const std::string& bad) {
    try {
      parse_shard(bad, "bad.json");
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(error_of("{").find("bad.json"), std::string::npos);
  EXPECT_NE(error_of("{\"format\": \"other\"}").find("not a detente shard file"),
            std::string::npos);
  std::string v2 = text;
  v2.replace(v2.find("\"version\":1"), 11, "\"version\":9");
  EXPECT_NE(error_of(v2).find("version 9 is not supported"), std::string::npos) << error_of(v2);
  std::string short_run = text;
  short_run.replace(short_run.find("\"tallied\":30"), 12, "\"tallied\":29");
  EXPECT_NE(error_of(short_run).find("did not finish"), std::string::npos) << error_of(short_run);
}

TEST(Shard, MergeNeedsEveryShardOfOneEnsembleOnce) {
  const Scenario s = io::read_scenario(kScenario, "pair.toml");
  const auto models = models_of(s);
  auto shard = [&](std::uint64_t i, std::uint64_t seed = 2) {
    auto [b, e] = shard_range(90, i, 3);
    EnsembleTally t = tally_ensemble(models, {seed, 1, nullptr}, 90, b, e);
    t.header.shard = i;
    t.header.shards = 3;
    return t;
  };
  auto error_of = [](std::vector<EnsembleTally> t, std::vector<std::string> f) {
    try {
      merge_tallies(std::move(t), f);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(error_of({shard(1), shard(3)}, {"a", "c"}).find("shards 2 of 3 are missing"),
            std::string::npos);
  EXPECT_NE(error_of({shard(1), shard(2), shard(2)}, {"a", "b", "b2"}).find("b2"),
            std::string::npos);
  const std::string other = error_of({shard(1), shard(2, 7), shard(3)}, {"a", "b", "c"});
  EXPECT_NE(other.find("b:"), std::string::npos) << other;
  EXPECT_NE(other.find("seed"), std::string::npos) << other;
  const EnsembleTally all = merge_tallies({shard(3), shard(1), shard(2)}, {"c", "a", "b"});
  EXPECT_EQ(shard_text(all), shard_text(tally_ensemble(models, {2, 2, nullptr}, 90, 0, 90)));
}

}  // namespace
}  // namespace detente::sim
