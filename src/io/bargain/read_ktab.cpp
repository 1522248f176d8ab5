// Readers for KTAB SMP inputs: the CSV layout and the XML of smpSchema.xsd (see read_input.hpp).
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <pugixml.hpp>
#include <sstream>

#include "io/atomic_file.hpp"
#include "io/bargain/read_input.hpp"
#include "io/csv.hpp"
#include "io/limits.hpp"

namespace detente::bargain {

namespace {

bool blank_record(const io::CsvRecord& r) {
  return std::all_of(r.fields.begin(), r.fields.end(),
                     [](const std::string& f) { return text::trim(f).empty(); });
}

// KTAB positions are entered on [0, 100]; saliences per dimension sum to at most 100.
void check_actor(Diagnostics& diags, const std::string& file, int line, const std::string& actor,
                 const std::vector<double>& sal) {
  double total = 0;
  for (double s : sal) total += s;
  if (total > 100 + 1e-9)
    diags.addf({file, line, "salience"},
               "saliences of '{}' sum to {} (KTAB requires a total of at most 100)", actor, total);
}

std::string dimension_name(std::string header, std::size_t k) {
  header = text::trim(header);
  for (const char* suffix : {" Position", " position", " Pstn"}) {
    std::string s(suffix);
    if (header.size() > s.size() && header.compare(header.size() - s.size(), s.size(), s) == 0)
      return text::trim(header.substr(0, header.size() - s.size()));
  }
  return header.empty() ? "Dim" + std::to_string(k) : header;
}

}  // namespace

BargainingProblem read_ktab_csv(const std::string& path) {
  std::istringstream in(io::read_file(path));
  return read_ktab_csv(in, io::input_name(path));
}

BargainingProblem read_ktab_csv_text(std::string_view text, const std::string& name) {
  std::istringstream in{std::string(text)};
  return read_ktab_csv(in, name);
}

BargainingProblem read_ktab_csv(std::istream& in, const std::string& path) {
  io::CsvReader reader(in, path, ',');
  io::CsvRecord first, header, rec;
  do {
    if (!reader.next(first)) fail({path, 0, ""}, "empty file: expected a KTAB scenario line");
  } while (blank_record(first));
  // Declared counts are checked against the limits before they size anything.
  auto count = [&](std::size_t k, const char* field, long limit) -> std::size_t {
    std::string t = k < first.fields.size() ? text::trim(first.fields[k]) : "";
    auto v = io::parse_double(t);
    if (!v || *v < 1 || *v != std::floor(*v))
      fail({path, first.line, field}, "expected a positive whole number, got '{}'", t);
    if (*v > static_cast<double>(limit))
      fail({path, first.line, field}, "{} declared: the limit is {} (io/limits.hpp)", t, limit);
    return static_cast<std::size_t>(*v);
  };
  const std::size_t n_actors = count(2, "nActors", io::limits::kMaxActors);
  const std::size_t n_dims = count(3, "nDims", io::limits::kMaxDimensions);
  if (!reader.next(header)) fail({path, first.line + 1, "header"}, "missing header line");

  BargainingProblem p;
  p.name = text::trim(first.fields[0]);
  if (p.name.empty()) p.name = std::filesystem::path(path).stem().string();
  for (std::size_t k = 0; k < n_dims; ++k) {
    std::size_t col = 3 + 2 * k;
    Dimension d;
    d.name = dimension_name(col < header.fields.size() ? header.fields[col] : "", k);
    d.scale_min = 0;
    d.scale_max = 100;
    p.issues.push_back(d);
  }
  p.position.assign(n_dims, {});
  p.salience.assign(n_dims, {});
  Diagnostics diags;
  std::map<std::string, int> actor_lines;  // name -> first line, for duplicates
  const std::size_t needed = 3 + 2 * n_dims;
  while (reader.next(rec)) {
    if (blank_record(rec)) continue;
    if (rec.fields.size() < needed) {
      diags.addf({path, rec.line, "record"},
                 "expected {} fields (name, description, capability, "
                 "then position and salience for {} dimension(s)), got {}",
                 needed, n_dims, rec.fields.size());
      continue;
    }
    for (std::size_t k = needed; k < rec.fields.size(); ++k)
      if (!text::trim(rec.fields[k]).empty())
        diags.addf({path, rec.line, "record"}, "unexpected extra field {} '{}'", k + 1,
                   text::trim(rec.fields[k]));
    const std::string name = text::trim(rec.fields[0]);
    if (name.empty()) diags.add({path, rec.line, "name"}, "empty actor name");
    if (auto [it, added] = actor_lines.try_emplace(name, rec.line); !added)
      diags.addf({path, rec.line, "name"}, "duplicate actor '{}' (first on line {})", name,
                 it->second);
    auto num = [&](std::size_t k, const std::string& field) {
      std::string t = text::trim(rec.fields[k]);
      double v = 0;
      if (auto problem = io::input_number_problem(t, v)) {
        diags.add({path, rec.line, field}, *problem);
        return 0.0;
      }
      return v;
    };
    double c = num(2, "capability");
    if (c <= 0) diags.addf({path, rec.line, "capability"}, "expected a number > 0, got {}", c);
    std::vector<double> sal;
    for (std::size_t k = 0; k < n_dims; ++k) {
      const std::string dn = p.issues[k].name;
      double x = num(3 + 2 * k, dn + " position");
      double s = num(4 + 2 * k, dn + " salience");
      if (x < 0 || x > 100)
        diags.addf({path, rec.line, dn + " position"}, "expected a position in [0, 100], got {}",
                   x);
      if (s < 0)
        diags.addf({path, rec.line, dn + " salience"}, "expected a salience >= 0, got {}", s);
      p.position[k].push_back(x);
      p.salience[k].push_back(s / 100);
      sal.push_back(s);
    }
    check_actor(diags, path, rec.line, name, sal);
    p.actors.push_back(name);
    p.capability.push_back(c);
  }
  if (diags.empty() && p.actors.size() != n_actors)
    diags.addf({path, first.line, "nActors"}, "line 1 announces {} actors, the file has {}",
               n_actors, p.actors.size());
  diags.throw_if_any();
  return p;
}

namespace {

int line_of(std::string_view content, std::ptrdiff_t offset) {
  if (offset < 0) return 0;
  return 1 + static_cast<int>(std::count(
                 content.begin(),
                 content.begin() + std::min<std::ptrdiff_t>(offset, content.size()), '\n'));
}

}  // namespace

BargainingProblem read_ktab_xml(const std::string& path) {
  return read_ktab_xml_text(io::read_file(path), io::input_name(path));
}

BargainingProblem read_ktab_xml_text(std::string_view content, const std::string& path) {
  pugi::xml_document doc;
  pugi::xml_parse_result ok = doc.load_buffer(content.data(), content.size());
  if (!ok) fail({path, line_of(content, ok.offset), "xml"}, "malformed XML: {}", ok.description());
  auto at = [&](const pugi::xml_node& n) { return line_of(content, n.offset_debug()); };
  pugi::xml_node root = doc.child("Scenario");
  if (!root) fail({path, 1, "Scenario"}, "expected a <Scenario> root element (KTAB smpSchema)");

  Diagnostics diags;
  BargainingProblem p;
  p.name = text::trim(root.child_value("name"));
  if (p.name.empty()) p.name = std::filesystem::path(path).stem().string();
  if (auto seed = root.child("prngSeed")) {
    const std::string t = text::trim(seed.child_value());
    const bool digits = !t.empty() && t.size() <= 20 && std::all_of(t.begin(), t.end(), [](char c) {
      return c >= '0' && c <= '9';
    });
    if (!digits || (t.size() == 20 && t > "18446744073709551615"))
      diags.addf({path, at(seed), "prngSeed"}, "expected an unsigned 64-bit integer, got '{}'", t);
    else
      p.options["prngSeed"] = t;
  }
  // The nine <ModelParameters> and their values, as smpSchema.xsd enumerates them.
  static const std::map<std::string, std::vector<std::string>> enums = {
      {"VictoryProbModel", {"Linear", "Square", "Quartic", "Octic", "Binary"}},
      {"PCEModel", {"Conditional", "MarkovIncentive", "MarkovUniform"}},
      {"StateTransitions", {"Deterministic", "Stochastic"}},
      {"VotingRule", {"Binary", "PropBin", "Proportional", "PropCbc", "Cubic", "ASymProsp"}},
      {"BigRAdjust", {"Full", "TwoThirds", "Half", "OneThird", "No"}},
      {"BigRRange", {"Min", "Mid", "Max"}},
      {"ThirdPartyCommit", {"NoCommit", "SemiCommit", "FullCommit"}},
      {"InterVecBrgn", {"S1P1", "S2P2", "S2PMax"}},
      {"BargnModel", {"InitOnlyInterp", "InitRcvrInterp", "PWCompInterp"}}};
  if (auto mp = root.child("ModelParameters"))
    for (pugi::xml_node c : mp.children()) {
      if (c.type() != pugi::node_element) continue;
      const std::string name = c.name(), value = text::trim(c.child_value());
      auto e = enums.find(name);
      if (e == enums.end()) {
        diags.addf({path, at(c), "ModelParameters/" + name}, "unknown model parameter '{}'", name);
        continue;
      }
      if (std::find(e->second.begin(), e->second.end(), value) == e->second.end()) {
        std::string all;
        for (const auto& v : e->second) all += (all.empty() ? "" : "|") + v;
        diags.addf({path, at(c), "ModelParameters/" + name}, "expected one of {}, got '{}'", all,
                   value);
        continue;
      }
      p.options[name] = value;
    }

  pugi::xml_node dims = root.child("Dimensions");
  if (!dims) fail({path, at(root), "Dimensions"}, "missing <Dimensions>");
  for (pugi::xml_node d : dims.children("dName")) {
    Dimension dim;
    dim.name = text::trim(d.child_value());
    p.issues.push_back(dim);
  }
  const std::size_t n_dims = p.issues.size();
  if (n_dims == 0) fail({path, at(dims), "Dimensions"}, "no <dName> in <Dimensions>");
  p.position.assign(n_dims, {});
  p.salience.assign(n_dims, {});

  pugi::xml_node actors = root.child("Actors");
  if (!actors) fail({path, at(root), "Actors"}, "missing <Actors>");
  int index = 0;
  std::map<std::string, int> actor_lines;  // name -> first line, for duplicates
  for (pugi::xml_node a : actors.children("Actor")) {
    ++index;
    const std::string name = text::trim(a.child_value("name"));
    const std::string where = fmt::format("Actor[{}]", index);
    if (name.empty()) diags.add({path, at(a), where + "/name"}, "empty actor name");
    if (!name.empty())
      if (auto [it, added] = actor_lines.try_emplace(name, at(a)); !added)
        diags.addf({path, at(a), where + "/name"}, "duplicate actor '{}' (first on line {})", name,
                   it->second);
    auto number = [&](pugi::xml_node n, const std::string& field) {
      std::string t = text::trim(n.child_value());
      double v = 0;
      if (auto problem = io::input_number_problem(t, v)) {
        diags.add({path, at(n ? n : a), field}, *problem);
        return 0.0;
      }
      return v;
    };
    double c = number(a.child("capability"), where + "/capability");
    if (c <= 0)
      diags.addf({path, at(a), where + "/capability"}, "expected a number > 0, got {}", c);
    std::vector<pugi::xml_node> coords, sals;
    for (auto n : a.child("Position").children("dCoord")) coords.push_back(n);
    for (auto n : a.child("Salience").children("dSal")) sals.push_back(n);
    if (coords.size() != n_dims || sals.size() != n_dims) {
      diags.addf({path, at(a), where}, "actor '{}' has {} dCoord and {} dSal, expected {} each",
                 name, coords.size(), sals.size(), n_dims);
      continue;
    }
    std::vector<double> sal;
    for (std::size_t k = 0; k < n_dims; ++k) {
      double x = number(coords[k], fmt::format("{}({})/Position/dCoord[{}]", where, name, k + 1));
      double s = number(sals[k], fmt::format("{}({})/Salience/dSal[{}]", where, name, k + 1));
      if (x < 0 || x > 100)
        diags.addf({path, at(coords[k]), fmt::format("{}/Position/dCoord[{}]", where, k + 1)},
                   "expected a position in [0, 100], got {}", x);
      p.position[k].push_back(x);
      p.salience[k].push_back(s / 100);
      sal.push_back(s);
    }
    check_actor(diags, path, at(a), name, sal);
    p.actors.push_back(name);
    p.capability.push_back(c);
  }
  if (p.actors.size() < 2 && diags.empty())
    diags.addf({path, at(actors), "Actors"}, "expected at least 2 actors, got {}", p.actors.size());
  if (auto ia = root.child("IdealAdjustment"))
    for (pugi::xml_node pair : ia.children("iaPair")) {
      IdealAdjustment adj{text::trim(pair.child_value("adjustingIdeal")),
                          text::trim(pair.child_value("referencePos")), 0};
      double adjust = 0;
      auto problem = io::input_number_problem(pair.child_value("adjust"), adjust);
      if (problem) diags.add({path, at(pair), "iaPair/adjust"}, *problem);
      for (const auto* who : {&adj.adjusting, &adj.reference})
        if (std::find(p.actors.begin(), p.actors.end(), *who) == p.actors.end())
          diags.addf({path, at(pair), "iaPair"}, "unknown actor '{}'", *who);
      adj.rate = adjust;
      p.ideal_adjustments.push_back(adj);
    }
  diags.throw_if_any();
  for (auto& d : p.issues) {
    d.scale_min = 0;
    d.scale_max = 100;
  }
  return p;
}

}  // namespace detente::bargain
