// Input-format detection and dispatch for the bargaining readers (see read_input.hpp).
#include "io/bargain/read_input.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "core/builtin.hpp"
#include "io/atomic_file.hpp"
#include "io/csv.hpp"
#include "io/scenario_toml.hpp"

namespace detente::bargain {

namespace {

// The format named by the extension alone (nullopt: look at the first line).
std::optional<InputFormat> format_by_extension(const std::string& path) {
  const std::string ext = text::lower(std::filesystem::path(path).extension().string());
  if (ext == ".xml") return InputFormat::ktab_xml;
  if (ext == ".json")
    fail({path, 0, ""},
         "JSON is not a bargaining input format (use an EUM CSV/TSV table, a decide "
         "'#A/#P/#M/#D' file, a KTAB CSV or XML file, or a scenario)");
  if (ext == ".toml") return InputFormat::scenario;
  return std::nullopt;
}

InputFormat format_by_first_line(std::string first) {
  first = text::trim(first);
  std::string tag = first.substr(0, first.find_first_of("\t ;"));
  tag = text::unquote(tag);
  for (const char* t : {"#A", "#P", "#M", "#D", "#/", "#O"})
    if (tag == t) return InputFormat::decide;
  if (first.rfind("<?xml", 0) == 0 || first.rfind("<Scenario", 0) == 0)
    return InputFormat::ktab_xml;
  // KTAB CSV: the third and fourth comma-separated fields of line 1 are counts.
  std::vector<std::string> f;
  std::string cur;
  bool quoted = false;
  for (char c : first) {
    if (c == '"') quoted = !quoted;
    if (c == ',' && !quoted) {
      f.push_back(text::trim(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  f.push_back(text::trim(cur));
  if (f.size() >= 4 && io::parse_double(f[2]) && io::parse_double(f[3]) && !io::parse_double(f[0]))
    return InputFormat::ktab_csv;
  return InputFormat::eum_table;
}

}  // namespace

InputFormat detect_input_format(const std::string& path) {
  if (auto f = format_by_extension(path)) return *f;
  if (find_builtin_scenario(path)) return InputFormat::scenario;
  std::ifstream in(path, std::ios::binary);
  if (!in) fail({path, 0, ""}, "cannot open file (nor is it a built-in scenario name)");
  std::string first;
  // The first line, whatever the line ending.
  for (char c; in.get(c) && c != '\n' && c != '\r';) first += c;
  return format_by_first_line(first);
}

InputFormat detect_input_format_text(std::string_view text, const std::string& name) {
  if (auto f = format_by_extension(name)) return *f;
  const InputFormat by_first_line =
      format_by_first_line(std::string(text.substr(0, text.find_first_of("\r\n"))));
  if (by_first_line == InputFormat::decide) return by_first_line;
  // Without a name to go by (standard input): a scenario is TOML, whose first line that is
  // neither blank nor a comment opens a table ("[scenario]", "[[actor]]").
  for (std::size_t at = 0; at < text.size();) {
    std::size_t end = text.find_first_of("\r\n", at);
    if (end == std::string_view::npos) end = text.size();
    const std::string line = text::trim(std::string(text.substr(at, end - at)));
    at = end + 1;
    if (line.empty() || line.front() == '#') continue;
    if (line.front() == '[') return InputFormat::scenario;
    break;
  }
  return by_first_line;
}

BargainingProblem read_bargaining_text(std::string_view text, const std::string& name) {
  switch (detect_input_format_text(text, name)) {
    case InputFormat::ktab_xml:
      return read_ktab_xml_text(text, name);
    case InputFormat::scenario:
      return from_scenario(io::read_scenario(text, name));
    case InputFormat::decide:
      return read_decide_text(text, name);
    case InputFormat::ktab_csv:
      return read_ktab_csv_text(text, name);
    case InputFormat::eum_table:
      return read_eum_table_text(text, name);
  }
  return read_eum_table_text(text, name);
}

BargainingProblem read_bargaining_input(const std::string& path) {
  if (path == "-")  // standard input: the format is told by its first line
    return read_bargaining_text(io::read_file(path), io::input_name(path));
  switch (detect_input_format(path)) {
    case InputFormat::ktab_xml:
      return read_ktab_xml(path);
    case InputFormat::scenario:
      return from_scenario(io::load_scenario(path));
    case InputFormat::decide:
      return read_decide(path);
    case InputFormat::ktab_csv:
      return read_ktab_csv(path);
    case InputFormat::eum_table:
      return read_eum_table(path);
  }
  return read_eum_table(path);
}

}  // namespace detente::bargain
