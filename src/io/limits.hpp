// detente/io/limits.hpp
//
// The limits every input reader enforces, in one place, each with its reason. A reader checks
// them while reading — before it allocates anything a file declares — and fails with an
// InputError (exit status 1) naming the file, line, field and the limit, so that no input
// can make detente exhaust memory, run for hours or overflow a result to inf/NaN.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace detente::io::limits {

// Largest magnitude of any number read from an input (capabilities, positions, tie values,
// strengths, propensities, samples). Models multiply up to three inputs and sum over pairs of
// up to kMaxVertices actors: (1e15)^3 · (1e6)^2 = 1e57, far below the double range (1e308),
// so no result overflows. Real inputs (GDP in dollars, populations, CINC) stay below 1e15.
constexpr double kMaxMagnitude = 1e15;

// Largest number of vertices a network file may declare (Pajek *Vertices, UCINET DL N=).
// Memory is O(declared vertices) for the labels; every alignment analysis of international
// systems has far fewer nodes.
constexpr long kMaxVertices = 1'000'000;

// Largest number of matrices a UCINET DL file may declare (NM=).
constexpr long kMaxMatrices = 1'000;

// Largest number of values a UCINET DL file may declare (N · N · NM); the values are held in
// memory (8 bytes each: 800 MB at the limit).
constexpr std::size_t kMaxMatrixValues = 100'000'000;

// Largest number of actors and of dimensions a KTAB CSV may declare (nActors, nDims): the
// counts size the rows read, and SMP is O(actors² · dimensions) per turn.
constexpr long kMaxActors = 100'000;
constexpr long kMaxDimensions = 1'000;

}  // namespace detente::io::limits

namespace detente::io {

// Parses a number of an input file: finite and of magnitude at most limits::kMaxMagnitude (defined
// in io/csv.cpp). Fails with InputError at `where`, saying whether the text is not a number, not
// finite (nan, inf) or too large.
double parse_input_number(std::string_view text, const SourceLocation& where,
                          std::string_view expected = "a number");
// Checks a number already parsed (e.g. by the TOML library) the same way.
void check_input_number(double value, const SourceLocation& where);
// The same checks for readers that collect every problem: the message, or nullopt (and
// `value` set) for a good number.
std::optional<std::string> input_number_problem(std::string_view text, double& value,
                                                std::string_view expected = "a number");
std::optional<std::string> input_number_problem(double value);

}  // namespace detente::io
