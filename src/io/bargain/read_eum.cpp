// EUM table reader: actor, capability, position, salience as CSV or TSV (see read_input.hpp).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "io/atomic_file.hpp"
#include "io/bargain/read_input.hpp"
#include "io/csv.hpp"
#include "io/limits.hpp"

namespace detente::bargain {

namespace text {
std::string trim(std::string_view s) {
  if (s.size() >= 3 && static_cast<unsigned char>(s[0]) == 0xEF &&
      static_cast<unsigned char>(s[1]) == 0xBB && static_cast<unsigned char>(s[2]) == 0xBF)
    s.remove_prefix(3);
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return std::string(s);
}
std::string unquote(std::string_view s) {
  if (s.size() >= 2 && (s.front() == '\'' || s.front() == '"') && s.back() == s.front())
    return std::string(s.substr(1, s.size() - 2));
  return std::string(s);
}
std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}
}  // namespace text

namespace {

// Column-name aliases found in published EUM inputs (jmckib, Masad, decisionmechanics).
// A header names a role exactly (an alias) or by prefix ("position_norm", "Salience (%)").
int role_of(const std::string& header) {
  const std::string h = text::lower(text::trim(header));
  auto starts = [&](const char* p) { return h.rfind(p, 0) == 0; };
  for (auto a : {"actor", "name", "stakeholder", "player", ""})
    if (h == a) return 0;
  for (auto a : {"c", "resources", "power", "influence", "clout"})
    if (h == a) return 1;
  if (starts("capabilit")) return 1;
  for (auto a : {"x", "pos"})
    if (h == a) return 2;
  if (starts("position")) return 2;
  for (auto a : {"s", "sal"})
    if (h == a) return 3;
  if (starts("salience")) return 3;
  return -1;
}

// The file with each '#' comment line and each blank line reduced to a lone "#": comments
// may hold quotes and separators that are not CSV, and a line that yields a record keeps
// the CSV reader's line numbers exact (it dates a record from the last one completed).
std::string without_comments(const std::string& all) {
  std::string out;
  out.reserve(all.size());
  std::size_t i = 0;
  if (all.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;
  while (i < all.size()) {
    std::size_t end = all.find_first_of("\r\n", i);
    if (end == std::string::npos) end = all.size();
    std::string_view line(all.data() + i, end - i);
    const bool skip = text::trim(line).empty() || text::trim(line)[0] == '#';
    if (skip)
      out += '#';
    else
      out.append(line);
    std::size_t next = end;
    if (next < all.size() && all[next] == '\r') ++next;
    if (next < all.size() && all[next] == '\n' && (next == end || all[end] == '\r')) ++next;
    if (next == end && end < all.size()) ++next;
    out.append(all, end, next - end);
    i = next;
  }
  return out;
}

}  // namespace

BargainingProblem read_eum_table(const std::string& path) {
  return read_eum_table_text(io::read_file(path), path);
}

BargainingProblem read_eum_table_text(std::string_view content, const std::string& path) {
  const std::string all = without_comments(std::string(content));
  const std::string head = all.substr(0, all.find_first_of("\r\n"));
  const bool tabs = head.find('\t') != std::string::npos ||
                    text::lower(std::filesystem::path(path).extension().string()) == ".tsv";
  // A spreadsheet export in a locale with decimal commas separates fields by ';'.
  const bool semicolons =
      !tabs && head.find(';') != std::string::npos && head.find(',') == std::string::npos;
  std::istringstream in(all);
  io::CsvReader reader(in, path, tabs ? '\t' : semicolons ? ';' : ',');
  io::CsvRecord rec;
  // The header is the first record that is not blank and not a '#' comment.
  bool have_header = false;
  std::vector<int> column(4, -1);
  while (!have_header && reader.next(rec)) {
    if (rec.fields.empty() || (rec.fields.size() == 1 && text::trim(rec.fields[0]).empty()))
      continue;
    if (text::trim(rec.fields[0]).rfind('#', 0) == 0) continue;
    for (std::size_t k = 0; k < rec.fields.size(); ++k) {
      int r = role_of(rec.fields[k]);
      if (r >= 0 && column[r] < 0) column[r] = static_cast<int>(k);
    }
    have_header = true;
  }
  if (!have_header)
    fail({path, 0, ""}, "empty file: expected a header actor,capability,position,salience");
  static const char* names[] = {"actor", "capability", "position", "salience"};
  for (int r = 0; r < 4; ++r)
    if (column[r] < 0)
      fail({path, rec.line, names[r]},
           "missing column '{}' (header must name actor, capability, position, salience)",
           names[r]);

  BargainingProblem p;
  p.name = std::filesystem::path(path).stem().string();
  std::vector<double> pos, sal;
  std::vector<int> sal_line;
  Diagnostics diags;
  while (reader.next(rec)) {
    if (rec.fields.empty() || (rec.fields.size() == 1 && text::trim(rec.fields[0]).empty()))
      continue;
    if (text::trim(rec.fields[0]).rfind('#', 0) == 0) continue;
    auto field = [&](int r) -> std::string {
      auto k = static_cast<std::size_t>(column[r]);
      return k < rec.fields.size() ? text::trim(rec.fields[k]) : std::string();
    };
    auto number = [&](int r) -> double {
      std::string t = field(r);
      double v = 0;
      if (auto problem = io::input_number_problem(t, v)) {
        diags.add({path, rec.line, names[r]}, *problem);
        return 0;
      }
      return v;
    };
    std::string name = field(0);
    if (name.empty()) diags.add({path, rec.line, "actor"}, "empty actor name");
    if (std::find(p.actors.begin(), p.actors.end(), name) != p.actors.end())
      diags.addf({path, rec.line, "actor"}, "duplicate actor '{}'", name);
    double c = number(1), x = number(2), s = number(3);
    if (c < 0) diags.addf({path, rec.line, "capability"}, "expected a number >= 0, got {}", c);
    if (s < 0 || s > 100)
      diags.addf({path, rec.line, "salience"}, "expected a number in [0, 1] or [0, 100], got {}",
                 s);
    p.actors.push_back(name);
    p.capability.push_back(c);
    pos.push_back(x);
    sal.push_back(s);
    sal_line.push_back(rec.line);
  }
  if (p.actors.size() < 2 && diags.empty())
    diags.addf({path, rec.line, "actor"}, "expected at least 2 actors, got {}", p.actors.size());
  diags.throw_if_any();
  // Salience on 0–100 when any value exceeds 1.
  if (*std::max_element(sal.begin(), sal.end()) > 1)
    for (double& s : sal) s /= 100;
  Dimension d;
  d.name = p.name;
  d.scale_min = *std::min_element(pos.begin(), pos.end());
  d.scale_max = *std::max_element(pos.begin(), pos.end());
  p.issues.push_back(d);
  p.position.push_back(std::move(pos));
  p.salience.push_back(std::move(sal));
  return p;
}

}  // namespace detente::bargain
