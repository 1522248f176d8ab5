// detente/sim/sobol.hpp
//
// Variance-based global sensitivity: Sobol first-order (S1) and total-order (ST) indices
// of several outputs with respect to k independent uncertain inputs, from the Saltelli
// design — base matrices A and B (N rows each) and, for each input i, A_B^i = A with
// column i taken from B — with the Saltelli et al. (2010) estimator of S1, the Jansen
// (1999) estimator of ST, and seeded bootstrap percentile intervals.
//
// Reproducible: the design is a function of (k, N, seed) alone (scrambled Halton or plain
// Monte Carlo from std::mt19937_64 with hand-written transforms, so it does not depend on
// the standard library), the N·(k+2) evaluations are written into preallocated slots by
// index, and bootstrap resample r draws from its own counter-seeded stream, so the result
// is bit-identical for any thread count. The model is called concurrently from several
// threads when threads > 1 and must be thread-safe (a pure function is).
//
// Example (Ishigami):
//   using namespace detente::sim;
//   std::vector<SobolInput> in = {{"x1", quantile_of(Distribution::uniform(-pi, pi))}, {"x2", ...},
//   {"x3", ...}}; auto r = sobol_indices(in, 1, [](std::span<const double> x, std::span<double> y)
//   {
//     y[0] = std::sin(x[0]) + 7 * std::pow(std::sin(x[1]), 2) + 0.1 * std::pow(x[2], 4) *
//     std::sin(x[0]);
//   }, {.base_samples = 1 << 14, .seed = 1, .threads = 2});
//   r.outputs[0].inputs[0].first_order;   // ≈ 0.3139
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <span>
#include <string>
#include <vector>

#include "core/distribution.hpp"

namespace detente::sim {

// ---- Input distributions as inverse CDFs on (0, 1) -----------------------------------

using Quantile = std::function<double(double)>;

struct SobolInput {
  std::string name;
  Quantile quantile;  // maps u ∈ (0, 1) to the input's value
};

// The quantile function of a scenario distribution (core/distribution.hpp), the one
// implementation of uniform, normal, triangular, beta and choice inputs.
Quantile quantile_of(const Distribution& distribution);

// ---- Options and results ------------------------------------------------------------

enum class SobolSampling {
  // Halton points in 2k dimensions with a random permutation of the digits at each
  // position of each dimension (Matoušek-style random digit scrambling), seeded.
  scrambled_halton,
  // Independent uniforms from std::mt19937_64(seed).
  monte_carlo,
};

struct SobolOptions {
  std::size_t base_samples = 4096;  // N: rows of A and B; the model runs N·(k+2) times
  std::uint64_t seed = 1;           // seeds the design and the bootstrap
  SobolSampling sampling = SobolSampling::scrambled_halton;
  std::size_t bootstrap = 500;  // bootstrap resamples for the intervals (0: none)
  double confidence = 0.95;     // level of the percentile intervals
  int threads = 1;              // evaluation and bootstrap threads (0: all cores)
};

// The indices of one output with respect to one input. Intervals are bootstrap
// percentile intervals; they equal the point estimate when bootstrap = 0. An output with
// zero variance has undefined indices (NaN).
struct SobolIndex {
  double first_order = 0, first_order_low = 0, first_order_high = 0;
  double total_order = 0, total_order_low = 0, total_order_high = 0;
};

struct SobolOutput {
  double mean = 0;                 // over the 2N rows of A and B
  double variance = 0;             // over the 2N rows of A and B (divisor 2N)
  std::vector<SobolIndex> inputs;  // one per input, in input order
};

struct SobolResult {
  std::size_t base_samples = 0;
  std::size_t evaluations = 0;  // N·(k+2)
  std::vector<std::string> input_names;
  std::vector<SobolOutput> outputs;  // one per model output
};

// ---- The three steps, usable separately (e.g. to evaluate the design with MPI) -------

// The Saltelli design in the unit cube, row-major with k columns and N·(k+2) rows, by
// blocks of N rows: A (rows 0…N−1), B (rows N…2N−1), then A_B^i (rows (2+i)N…(3+i)N−1)
// for i = 0…k−1. Every coordinate is in (0, 1).
std::vector<double> saltelli_unit_design(std::size_t inputs, const SobolOptions& options);

// Indices from the model's values on that design: `values` is row-major with `outputs`
// columns and N·(k+2) rows, in the design's row order.
SobolResult sobol_analyze(std::size_t inputs, std::size_t outputs, std::span<const double> values,
                          const SobolOptions& options);

// The model: writes its `outputs` values for the input vector x (length k) into y.
using SobolModel = std::function<void(std::span<const double> x, std::span<double> y)>;

// Design, evaluation (in parallel, into slots by row index) and analysis in one call.
SobolResult sobol_indices(const std::vector<SobolInput>& inputs, std::size_t outputs,
                          const SobolModel& model, const SobolOptions& options = {});

// ---- Presenting a result -------------------------------------------------------------

// The inputs of output `output` ranked by total-order index, largest first (NaN last;
// ties keep the input order): the order of the table and of the tornado chart.
std::vector<std::size_t> ranked_inputs(const SobolResult& result, std::size_t output);

// For summary.json: {"base_samples", "evaluations", "seed", "sampling", "bootstrap",
// "confidence", "outputs": [{"name", "mean", "variance", "inputs": [{"name",
// "first_order", "first_order_low", "first_order_high", "total_order", "total_order_low",
// "total_order_high"}, …ranked]}]}; undefined indices are null. `output_names` has one
// name per output.
nlohmann::json sobol_to_json(const SobolResult& result, std::span<const std::string> output_names,
                             const SobolOptions& options);

// A ranked text table per output for the terminal, with the intervals.
std::string sobol_table_text(const SobolResult& result, std::span<const std::string> output_names,
                             double confidence = 0.95);

}  // namespace detente::sim
