// Reader for decide's '#A/#P/#M/#D' files (Stokman exchange model inputs; see read_input.hpp).
// Fields are tab-separated, or ';'-separated in decide's older files (the delimiter is
// told by the first record, as decide's CSV sniffer does); saliences and powers are on
// [0, 1], or on [0, 100] for the whole file (each detected on its own, as decide accepts).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "io/atomic_file.hpp"
#include "io/bargain/read_input.hpp"
#include "io/csv.hpp"
#include "io/limits.hpp"

namespace detente::bargain {

namespace {

// Splits text into lines on LF, CRLF or CR, keeping 1-based line numbers implicit.
std::vector<std::string> split_lines(std::string_view all) {
  std::vector<std::string> lines;
  std::string cur;
  for (std::size_t i = 0; i < all.size(); ++i) {
    char c = all[i];
    if (c == '\n' || c == '\r') {
      lines.push_back(cur);
      cur.clear();
      if (c == '\r' && i + 1 < all.size() && all[i + 1] == '\n') ++i;
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) lines.push_back(cur);
  return lines;
}

// How decide lays out its records, for errors about a malformed file.
constexpr const char* kLayout =
    "decide layout: '#A' actor, '#P' issue, '#M' issue scale-point, '#D' actor issue position "
    "salience power; tab- or ';'-separated";

// The file's delimiter: a tab if its first record has one, else ';' if it has one.
char sniff_delimiter(const std::vector<std::string>& lines) {
  for (const auto& l : lines) {
    if (text::trim(l).empty()) continue;
    if (l.find('\t') != std::string::npos) return '\t';
    if (l.find(';') != std::string::npos) return ';';
    return '\t';
  }
  return '\t';
}

std::vector<std::string> split_fields(const std::string& line, char delimiter) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : line) {
    if (c == delimiter) {
      out.push_back(text::unquote(text::trim(cur)));
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(text::unquote(text::trim(cur)));
  return out;
}

}  // namespace

BargainingProblem read_decide(const std::string& path) {
  return read_decide_text(io::read_file(path), path);
}

BargainingProblem read_decide_text(std::string_view all, const std::string& path) {
  const auto lines = split_lines(all);
  const char delimiter = sniff_delimiter(lines);
  Diagnostics diags;

  struct IssueInfo {
    std::string id;
    std::vector<double> points;
    int line = 0;
  };
  struct Row {
    std::string actor, issue;
    double x = 0, s = 0, power = 0;
    int line = 0;
  };
  std::vector<std::string> actors;
  std::vector<IssueInfo> issues;
  std::vector<std::pair<std::string, int>> scale_points;  // issue id, line
  std::vector<double> scale_values;
  std::vector<Row> rows;

  auto num = [&](const std::vector<std::string>& f, std::size_t k, int line, const char* field,
                 double& out) {
    if (k >= f.size() || f[k].empty()) {
      diags.addf({path, line, field}, "missing {}", field);
      return false;
    }
    double v = 0;
    if (auto problem = io::input_number_problem(f[k], v)) {
      diags.addf({path, line, field}, "{} ({})", *problem, kLayout);
      return false;
    }
    out = v;
    return true;
  };

  for (std::size_t i = 0; i < lines.size(); ++i) {
    const int line = static_cast<int>(i) + 1;
    const std::string trimmed = text::trim(lines[i]);
    if (trimmed.empty()) continue;
    auto f = split_fields(text::trim(lines[i]), delimiter);
    const std::string& tag = f[0];
    if (tag == "#/" || tag == "#O" || tag == "#o") continue;
    if (tag == "#A") {
      if (f.size() < 2 || f[1].empty()) {
        diags.add({path, line, "actor"}, "'#A' record without an actor id");
        continue;
      }
      if (std::find(actors.begin(), actors.end(), f[1]) != actors.end())
        diags.addf({path, line, "actor"}, "duplicate actor '{}'", f[1]);
      else
        actors.push_back(f[1]);
    } else if (tag == "#P") {
      if (f.size() < 2 || f[1].empty()) {
        diags.add({path, line, "issue"}, "'#P' record without an issue id");
        continue;
      }
      issues.push_back({f[1], {}, line});
    } else if (tag == "#M") {
      double v = 0;
      if (f.size() < 2) {
        diags.add({path, line, "issue"}, "'#M' record without an issue id");
        continue;
      }
      if (num(f, 2, line, "scale point", v)) {
        scale_points.emplace_back(f[1], line);
        scale_values.push_back(v);
      }
    } else if (tag == "#D") {
      Row r;
      r.line = line;
      if (f.size() < 6) {
        diags.addf({path, line, "record"},
                   "'#D' record needs actor, issue, position, salience, power; got {} field(s) "
                   "({})",
                   f.size() - 1, kLayout);
        continue;
      }
      r.actor = f[1];
      r.issue = f[2];
      bool ok = num(f, 3, line, "position", r.x);
      ok = num(f, 4, line, "salience", r.s) && ok;
      ok = num(f, 5, line, "power", r.power) && ok;
      if (ok) rows.push_back(r);
    } else {
      diags.addf({path, line, "record"},
                 "unknown record type '{}' (expected #A, #P, #M, #D, or a #/ comment; {})", tag,
                 kLayout);
    }
  }

  auto issue_index = [&](const std::string& id) -> std::optional<std::size_t> {
    for (std::size_t k = 0; k < issues.size(); ++k)
      if (issues[k].id == id) return k;
    return std::nullopt;
  };
  for (std::size_t m = 0; m < scale_points.size(); ++m) {
    auto k = issue_index(scale_points[m].first);
    if (!k)
      diags.addf({path, scale_points[m].second, "issue"}, "'#M' names unknown issue '{}'",
                 scale_points[m].first);
    else
      issues[*k].points.push_back(scale_values[m]);
  }
  if (actors.empty()) diags.add({path, 0, "actor"}, "no '#A' actor records");
  if (issues.empty()) diags.add({path, 0, "issue"}, "no '#P' issue records");

  BargainingProblem p;
  p.name = std::filesystem::path(path).stem().string();
  p.actors = actors;
  const std::size_t n = actors.size();
  for (const auto& is : issues) {
    Dimension d;
    d.name = is.id;
    if (!is.points.empty()) {
      d.scale_min = *std::min_element(is.points.begin(), is.points.end());
      d.scale_max = *std::max_element(is.points.begin(), is.points.end());
    }
    if (d.scale_max <= d.scale_min)
      diags.addf({path, is.line, "scale"}, "issue '{}' has an empty scale [{}, {}]", is.id,
                 d.scale_min, d.scale_max);
    p.issues.push_back(d);
  }
  // Absent actor × issue pairs take part with salience 0 at the scale midpoint.
  p.position.assign(issues.size(), std::vector<double>(n, 0.0));
  p.salience.assign(issues.size(), std::vector<double>(n, 0.0));
  p.issue_capability.assign(issues.size(), std::vector<double>(n, 0.0));
  for (std::size_t k = 0; k < issues.size(); ++k)
    std::fill(p.position[k].begin(), p.position[k].end(),
              (p.issues[k].scale_min + p.issues[k].scale_max) / 2);
  // Saliences, and powers, on [0, 100] when any of them exceeds 1 (decide reads both).
  double salience_unit = 1, power_unit = 1;
  for (const auto& r : rows) {
    if (r.s > 1) salience_unit = 100;
    if (r.power > 1) power_unit = 100;
  }
  std::vector<std::vector<bool>> seen(issues.size(), std::vector<bool>(n, false));
  std::vector<std::optional<double>> power(n);
  for (auto r : rows) {
    auto a_it = std::find(actors.begin(), actors.end(), r.actor);
    auto k = issue_index(r.issue);
    if (a_it == actors.end()) diags.addf({path, r.line, "actor"}, "unknown actor '{}'", r.actor);
    if (!k) diags.addf({path, r.line, "issue"}, "unknown issue '{}'", r.issue);
    if (a_it == actors.end() || !k) continue;
    const auto a = static_cast<std::size_t>(a_it - actors.begin());
    const Dimension& d = p.issues[*k];
    bool ok = true;
    if (r.x < d.scale_min || r.x > d.scale_max) {
      diags.addf({path, r.line, "position"},
                 "position {} of '{}' on '{}' lies outside the issue's scale [{}, {}]", r.x,
                 r.actor, r.issue, d.scale_min, d.scale_max);
      ok = false;
    }
    if (!(r.s >= 0 && r.s <= salience_unit)) {
      diags.addf({path, r.line, "salience"},
                 "expected a salience in [0, 1], or in [0, 100] throughout the file, got {}", r.s);
      ok = false;
    }
    if (!(r.power >= 0 && r.power <= power_unit)) {
      diags.addf({path, r.line, "power"},
                 "expected a power in [0, 1], or in [0, 100] throughout the file, got {}", r.power);
      ok = false;
    }
    r.s /= salience_unit;
    r.power /= power_unit;
    if (seen[*k][a]) {
      diags.addf({path, r.line, "record"}, "second '#D' record for '{}' on '{}'", r.actor, r.issue);
      ok = false;
    }
    if (!ok) continue;
    seen[*k][a] = true;
    p.position[*k][a] = r.x;
    p.salience[*k][a] = r.s;
    p.issue_capability[*k][a] = r.power;
    if (!power[a]) power[a] = r.power;
  }
  diags.throw_if_any();
  for (std::size_t a = 0; a < n; ++a) p.capability.push_back(power[a].value_or(0.0));
  // Actors missing on an issue keep their usual power there (with salience 0 it weighs nothing).
  bool uniform = true;
  for (std::size_t k = 0; k < issues.size(); ++k)
    for (std::size_t a = 0; a < n; ++a) {
      if (!seen[k][a]) p.issue_capability[k][a] = p.capability[a];
      if (p.issue_capability[k][a] != p.capability[a]) uniform = false;
    }
  if (uniform) p.issue_capability.clear();
  return p;
}

}  // namespace detente::bargain
