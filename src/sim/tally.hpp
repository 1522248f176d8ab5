// detente/sim/tally.hpp
//
// The streaming summary of an ensemble: everything `detente simulate` reports, held as
// integers whose size does not depend on the number of runs. Tallies of disjoint sets of
// runs (threads, MPI ranks, shards of a job array) merge by integer addition, which is
// exact and order-free, so the summary is bit-identical however the runs were divided.
//
// What is kept, per variant:
// - each outcome's count of runs in which it holds (probabilities are counts / runs);
// - for every summarised quantity (an issue's settlement, a key dyad's tie in a month, the
//   frustration in a month) a histogram over the quantity's known range [lo, hi] — ties
//   [−1, 1], a settlement its issue's scale, the frustration [0, n(n−1)/2] — with
//   kBins equal inner bins and two atoms for values exactly at lo and at hi (clamped ties
//   pile up at ±1, a balanced network has frustration exactly 0), and the exact sum of the
//   values in fixed point, Σ round((x − lo)/(hi − lo) · 2^40), in 128 bits;
// - paired with the baseline (variant 0), on the same run indices: per outcome the runs in
//   which it holds in the variant but not in the baseline ("gained") and the reverse
//   ("lost"); per issue the fixed-point sum and sum of squares of the settlement shift.
//
// Error: a quantile read from a histogram (ensemble_summary.hpp) lies in the same bin as
// the exact order statistic, so it is within one bin width, (hi − lo)/kBins, of the exact
// type-7 quantile (ties: 0.00049; a 0–100 scale: 0.024), and exact at the atoms. Means are
// exact to (hi − lo)·2^−41. Memory: (kBins + 2) counters per quantity and variant —
// 3.4 MB per variant for the built-in case — whatever the number of runs.
//
// Example:
//   EnsembleTally t = make_tally(models, seed, runs);     // empty; names and ranges
//   t.variants[v].add_run(t.columns, record);             // one run of variant v
//   total.merge(part);                                     // parts of the same ensemble
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sim/model.hpp"

namespace detente::sim {

inline constexpr std::size_t kBins = 4096;  // inner bins of every histogram
inline constexpr int kFixedBits = 40;       // fixed-point fraction bits of the sums
__extension__ typedef unsigned __int128 WideCount;  // sums of fixed-point values, squares
__extension__ typedef __int128 WideSigned;

// A summarised quantity's place in a run's record and the range of its values.
struct TallyColumn {
  std::size_t record_index = 0;
  double lo = 0, hi = 1;
};

// The histogram bin of x: 0 for x ≤ lo, kBins + 1 for x ≥ hi, else 1 + ⌊(x − lo)/w⌋.
std::size_t bin_of(const TallyColumn& column, double x);
// x in fixed point: round((x − lo)/(hi − lo) · 2^kFixedBits), x clamped to [lo, hi].
std::uint64_t fixed_point(const TallyColumn& column, double x);

struct VariantTally {
  std::vector<std::uint64_t> outcome_counts;  // [outcome]
  std::vector<std::uint64_t> bins;            // [column * (kBins + 2) + bin]
  std::vector<WideCount> sums;                // [column]
  // Paired with the baseline; all zero for the baseline itself.
  std::vector<std::uint64_t> gained, lost;  // [outcome]
  std::vector<WideSigned> shift_sums;       // [issue], fixed point of (x − x_base)/(hi − lo)
  std::vector<WideCount> shift_squares;     // [issue]

  // Adds one run's record (RunLayout order) of this variant.
  void add_run(std::span<const TallyColumn> columns, std::size_t outcomes,
               std::span<const double> record);
  // Adds the comparison of that run with the same run of the baseline.
  void add_pair(std::span<const TallyColumn> columns, std::size_t outcomes, std::size_t issues,
                std::span<const double> record, std::span<const double> baseline);
};

// What a tally is of: enough to check that two tallies belong to the same ensemble and to
// print its summary without the scenario.
struct TallyHeader {
  std::string scenario_id;
  std::uint64_t fingerprint = 0;  // of the compiled models (model_fingerprint)
  std::uint64_t seed = 0;
  std::uint64_t runs = 0;               // runs per variant in the whole ensemble
  std::uint64_t shard = 1, shards = 1;  // which part of the runs this tally holds (1-based)
  std::string start;                    // first month, ISO date
  std::vector<std::string> variant_ids, variant_names;
  std::vector<std::string> outcome_ids, outcome_names;
  std::vector<std::string> issue_ids;
  std::vector<std::string> dyad_names;    // "CHN-JPN"
  std::vector<std::string> month_labels;  // "2024-05"
};

struct EnsembleTally {
  TallyHeader header;
  std::vector<TallyColumn> columns;  // issues, then dyads by month, then frustration by month
  std::vector<VariantTally> variants;
  std::uint64_t tallied = 0;  // runs added (per variant)

  // Adds another tally of the same ensemble (same models and layout). Throws
  // std::invalid_argument when the layouts differ.
  void merge(const EnsembleTally& other);
};

// An empty tally for `models` (the baseline first): header, columns and zero counters.
// Throws InputError when the variants do not share outcomes, issues and months.
EnsembleTally make_tally(const std::vector<SimModel>& models, std::uint64_t seed,
                         std::uint64_t runs);

// FNV-1a over everything a run reads from the models (parameters, inputs and their
// distributions, events, relations, outcomes): shards of different scenarios, or of a
// scenario edited between shards, do not merge.
std::uint64_t model_fingerprint(const std::vector<SimModel>& models);

// The run indices [begin, end) of shard `shard` (1-based) of `shards` over `runs` runs.
std::pair<std::uint64_t, std::uint64_t> shard_range(std::uint64_t runs, std::uint64_t shard,
                                                    std::uint64_t shards);

}  // namespace detente::sim
