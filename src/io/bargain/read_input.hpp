// detente/bargain/read_input.hpp
//
// Readers for the bargaining-model input formats in use, each producing a
// BargainingProblem and failing with InputError naming file, line and field:
//   - EUM tables (Bueno de Mesquita style): CSV or TSV with columns actor, capability,
//     position, salience (aliases: Name/Stakeholder, c/Resources/Power/Influence, x, s);
//     salience on 0–1 or 0–100; LF, CRLF or CR line endings; optional UTF-8 BOM.
//   - decide (Stokman exchange model) files: tab-separated records '#A' actor, '#P' issue,
//     '#M' issue scale point, '#D' actor issue position salience power (';'-separated in
//     decide's older files); fields may be single-quoted; '#/' and '#O' lines are comments;
//     saliences and powers on [0, 1], or on [0, 100] throughout the file (each detected).
//   - KTAB SMP CSV (line 1: scenario, description, nActors, nDims; line 2: header; then
//     name, description, capability, position_1, salience_1, …) with or without the
//     trailing comma, and KTAB SMP XML (smpSchema.xsd, incl. ModelParameters, prngSeed,
//     IdealAdjustment).
//   - A scenario (built-in name or .toml) through io::load_scenario + from_scenario.
//
// Example:
//   auto p = detente::bargain::read_bargaining_input("eum/eu_emissions_bdm1994.csv");
//   auto q = detente::bargain::read_bargaining_input("northeast-asia-2024");
#pragma once

#include <istream>
#include <string>
#include <string_view>

#include "bargain/problem.hpp"

namespace detente::bargain {

BargainingProblem read_eum_table(const std::string& path);
BargainingProblem read_decide(const std::string& path);
BargainingProblem read_ktab_csv(const std::string& path);
BargainingProblem read_ktab_xml(const std::string& path);

// The same readers on a file's contents; `name` stands for the path in diagnostics (and
// its extension counts where the path's would, e.g. .tsv).
BargainingProblem read_eum_table_text(std::string_view text, const std::string& name);
BargainingProblem read_decide_text(std::string_view text, const std::string& name);
BargainingProblem read_ktab_csv(std::istream& in, const std::string& name);
BargainingProblem read_ktab_csv_text(std::string_view text, const std::string& name);
BargainingProblem read_ktab_xml_text(std::string_view text, const std::string& name);

enum class InputFormat { eum_table, decide, ktab_csv, ktab_xml, scenario };

// Detects the format from the extension and the first line: .xml -> KTAB XML; .toml or
// a built-in name -> scenario; a first field '#A'/'#P'/'#M'/'#D'/'#/'/'#O' -> decide;
// a first line whose 3rd and 4th fields are counts -> KTAB CSV; else an EUM table.
InputFormat detect_input_format(const std::string& path);
BargainingProblem read_bargaining_input(const std::string& path_or_scenario);
// Detection and reading on a file's contents (`name` for the extension and diagnostics).
InputFormat detect_input_format_text(std::string_view text, const std::string& name);
BargainingProblem read_bargaining_text(std::string_view text, const std::string& name);

// Small text helpers shared by the readers.
namespace text {
std::string trim(std::string_view s);     // blanks, tabs, CR/LF, and a UTF-8 BOM
std::string unquote(std::string_view s);  // strips one pair of '…' or "…"
std::string lower(std::string_view s);
}  // namespace text

}  // namespace detente::bargain
