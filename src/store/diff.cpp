#include "store/diff.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

namespace detente::store {

namespace {

void flatten_toml(const toml::node& node, const std::string& path,
                  std::vector<std::pair<std::string, std::string>>& out) {
  if (const auto* t = node.as_table()) {
    for (const auto& [k, v] : *t)
      flatten_toml(v, path.empty() ? std::string(k.str()) : path + "." + std::string(k.str()), out);
  } else if (const auto* a = node.as_array()) {
    for (std::size_t i = 0; i < a->size(); ++i) {
      std::string key = std::to_string(i);
      if (const auto* t = (*a)[i].as_table())
        if (auto id = (*t)["id"].value<std::string>()) key = *id;
      flatten_toml((*a)[i], path + "[" + key + "]", out);
    }
  } else {
    std::ostringstream s;
    if (const auto* str = node.as_string())
      s << str->get();
    else
      node.visit([&](const auto& v) { s << v; });
    out.emplace_back(path, s.str());
  }
}

template <typename Map>
void compare_maps(const Map& a, const Map& b, const std::string& kind, const std::string& prefix,
                  std::vector<InputChange>& out) {
  std::set<std::string> names;
  for (const auto& [k, v] : a) names.insert(k);
  for (const auto& [k, v] : b) names.insert(k);
  for (const auto& k : names) {
    auto ia = a.find(k), ib = b.find(k);
    std::string va = ia == a.end() ? "" : ia->second, vb = ib == b.end() ? "" : ib->second;
    if (ia == a.end() || ib == b.end() || va != vb) out.push_back({kind, prefix + k, va, vb});
  }
}

}  // namespace

std::vector<std::pair<std::string, std::string>> toml_fields(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> out;
  try {
    toml::table t = toml::parse(text);
    flatten_toml(t, "", out);
  } catch (const toml::parse_error&) {
    out.clear();
  }
  return out;
}

RunDiff diff_runs(RunStore& store, const std::string& ida, const std::string& idb,
                  double tolerance) {
  RunRecord a = store.load(ida), b = store.load(idb);
  RunDiff d{a.id, b.id, {}, {}, 0};
  if (a.command != b.command) d.inputs.push_back({"command", "command", a.command, b.command});
  auto seed = [](const RunRecord& r) { return r.seed ? std::to_string(*r.seed) : std::string(); };
  if (seed(a) != seed(b)) d.inputs.push_back({"seed", "seed", seed(a), seed(b)});
  std::map<std::string, std::string> oa, ob;
  for (const auto& o : a.options) oa[o.name] = o.value;
  for (const auto& o : b.options) ob[o.name] = o.value;
  compare_maps(oa, ob, "option", "", d.inputs);

  // Inputs in order: the same position holding different bytes is a changed input.
  for (std::size_t i = 0; i < std::max(a.inputs.size(), b.inputs.size()); ++i) {
    const StoredInput* x = i < a.inputs.size() ? &a.inputs[i] : nullptr;
    const StoredInput* y = i < b.inputs.size() ? &b.inputs[i] : nullptr;
    if (x && y && x->sha256 == y->sha256) continue;
    std::string name = y ? y->path : x->path;
    if (x && y && x->path != y->path) name = x->path + " → " + y->path;
    d.inputs.push_back(
        {"input", name, x ? x->sha256.substr(0, 12) : "", y ? y->sha256.substr(0, 12) : ""});
    if (x && y && x->content && y->content) {
      auto fa = toml_fields(*x->content), fb = toml_fields(*y->content);
      if (!fa.empty() && !fb.empty())
        compare_maps(std::map<std::string, std::string>(fa.begin(), fa.end()),
                     std::map<std::string, std::string>(fb.begin(), fb.end()), "field",
                     y->path + ": ", d.inputs);
    }
  }

  std::map<std::pair<std::string, std::string>, double> ra, rb;
  for (const auto& v : store.results(a.id)) ra[{v.quantity, v.subject}] = v.value;
  for (const auto& v : store.results(b.id)) rb[{v.quantity, v.subject}] = v.value;
  for (const auto& [key, va] : ra) {
    auto it = rb.find(key);
    if (it == rb.end()) {
      d.results.push_back({key.first, key.second, va, std::nullopt, 0});
    } else if (std::abs(it->second - va) > tolerance) {
      d.results.push_back({key.first, key.second, va, it->second, it->second - va});
    } else {
      ++d.unchanged;
    }
  }
  for (const auto& [key, vb] : rb)
    if (!ra.count(key)) d.results.push_back({key.first, key.second, std::nullopt, vb, 0});
  // Grouped by quantity (probabilities, forecasts, settlements, frustration, other values),
  // largest move first within each; values present in one run only after every move.
  auto rank = [](const std::string& q) {
    static const std::vector<std::string> order = {"outcome probability", "forecast",
                                                   "settlement median", "frustration median"};
    auto it = std::find(order.begin(), order.end(), q);
    return static_cast<int>(it - order.begin());
  };
  std::stable_sort(d.results.begin(), d.results.end(), [&](const auto& x, const auto& y) {
    const bool bx = x.a && x.b, by = y.a && y.b;
    if (bx != by) return bx;
    if (rank(x.quantity) != rank(y.quantity)) return rank(x.quantity) < rank(y.quantity);
    return std::abs(x.delta) > std::abs(y.delta);
  });
  return d;
}

nlohmann::ordered_json to_json(const RunDiff& d) {
  nlohmann::ordered_json j;
  j["a"] = d.a;
  j["b"] = d.b;
  j["inputs"] = nlohmann::ordered_json::array();
  for (const auto& c : d.inputs)
    j["inputs"].push_back({{"kind", c.kind}, {"name", c.name}, {"a", c.a}, {"b", c.b}});
  j["results"] = nlohmann::ordered_json::array();
  for (const auto& c : d.results) {
    nlohmann::ordered_json r;
    r["quantity"] = c.quantity;
    r["subject"] = c.subject;
    r["a"] = c.a ? nlohmann::ordered_json(*c.a) : nlohmann::ordered_json(nullptr);
    r["b"] = c.b ? nlohmann::ordered_json(*c.b) : nlohmann::ordered_json(nullptr);
    r["delta"] = c.delta;
    j["results"].push_back(std::move(r));
  }
  j["unchanged"] = d.unchanged;
  return j;
}

}  // namespace detente::store
