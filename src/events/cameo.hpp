// detente/events/cameo.hpp
//
// The CAMEO event codebook as the project encodes it: every event code GDELT uses (311
// codes, CAMEO 1.1b3), its name, its root code, its QuadClass and its Goldstein value on
// three published scales. Codes are strings because leading zeros matter ("0251" has base
// "025" and root "02").
//
// Scales (they differ only at a few codes, see docs/events.md):
//   gdelt       GDELT's lookup CAMEO.goldsteinscale.txt; matches GDELT's GoldsteinScale field.
//   schrodt2007 Schrodt's CAMEO.SCALE v0.5B1 (2007, pre-1.1 meanings, e.g. 016 = +3.4); 40 of
//               the 311 codes are absent from it, plus 0357, 1213 and 1641-1643 that it has.
//   icews       ICEWS "Intensity" (andybega cameo-codes.csv): GDELT except 016, 022, 164, 165,
//               plus 1213.
// QuadClass mappings: GDELT's field puts roots 06-09 in class 2 and 10-14 in class 3; ICEWS
// and most tutorials use 06-08 and 09-13. Both are offered; GDELT's is the default.
//
// Example:
//   using namespace detente::events;
//   auto g = goldstein("0251", GoldsteinScale::gdelt);        // 3.0
//   int q = quad_class("0251", QuadMapping::gdelt);            // 1
//   std::string_view n = cameo_name("190");                     // "Use conventional ..."
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace detente::events {

struct CameoCode {
  std::string_view code;  // "0251"
  std::string_view name;  // "Appeal for easing of administrative sanctions"
  double goldstein;       // GDELT scale
};

enum class GoldsteinScale { gdelt, schrodt2007, icews };
enum class QuadMapping { gdelt, icews };

// The 311 codes of GDELT's lookup, in codebook order (root, then its children).
std::span<const CameoCode> cameo_codes();

// The entry for a code, or nullptr when the code is not in the codebook.
const CameoCode* find_cameo(std::string_view code);

// Name of a code, or "" when unknown.
std::string_view cameo_name(std::string_view code);

// The root code ("0251" -> "02"); "" for text that is not a CAMEO code (2-4 digits).
std::string_view cameo_root(std::string_view code);

// Root as a number 1..20, or 0 when not a valid code.
int cameo_root_number(std::string_view code);

// Goldstein value of the code on the scale, exactly as the scale lists it; nullopt when the
// scale has no entry for the code.
std::optional<double> goldstein(std::string_view code, GoldsteinScale scale);

// Like goldstein(), but a code the scale lacks takes its 3-digit base code's value, then its
// root's (e.g. "0251" on schrodt2007 -> value of "025"). nullopt only for non-CAMEO text.
std::optional<double> goldstein_or_base(std::string_view code, GoldsteinScale scale);

// QuadClass 1..4 (1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
// 4 material conflict) from the root; 0 when the code is not valid.
int quad_class(std::string_view code, QuadMapping mapping);

std::string_view to_string(GoldsteinScale scale);
std::optional<GoldsteinScale> goldstein_scale_from_string(std::string_view text);
std::string_view to_string(QuadMapping mapping);
std::optional<QuadMapping> quad_mapping_from_string(std::string_view text);

}  // namespace detente::events
