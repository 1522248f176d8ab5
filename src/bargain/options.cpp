#include "bargain/options.hpp"

#include <algorithm>
#include <charconv>

#include "core/error.hpp"
#include "io/csv.hpp"

namespace detente::bargain {

const std::string* OptionReader::find(const std::string& name) {
  seen_.insert(name);
  auto it = values_.find(name);
  return it == values_.end() ? nullptr : &it->second;
}

double OptionReader::number(const std::string& name, double fallback, double lo, double hi) {
  double v = fallback;
  if (const std::string* t = find(name)) {
    auto parsed = io::parse_double(*t);
    if (!parsed || *parsed < lo || *parsed > hi)
      fail({"", 0, "option " + name}, "{}: expected a number in [{}, {}], got '{}'", model_, lo, hi,
           *t);
    v = *parsed;
  }
  used_[name] = v;
  return v;
}

int OptionReader::integer(const std::string& name, int fallback, int lo, int hi) {
  int v = fallback;
  if (const std::string* t = find(name)) {
    auto parsed = io::parse_double(*t);
    if (!parsed || *parsed != static_cast<double>(static_cast<long long>(*parsed)) ||
        *parsed < lo || *parsed > hi)
      fail({"", 0, "option " + name}, "{}: expected a whole number in [{}, {}], got '{}'", model_,
           lo, hi, *t);
    v = static_cast<int>(*parsed);
  }
  used_[name] = v;
  return v;
}

std::uint64_t OptionReader::seed(const std::string& name, std::uint64_t fallback) {
  std::uint64_t v = fallback;
  if (const std::string* t = find(name)) {
    auto r = std::from_chars(t->data(), t->data() + t->size(), v);
    if (r.ec != std::errc() || r.ptr != t->data() + t->size())
      fail({"", 0, "option " + name}, "{}: expected an unsigned 64-bit integer, got '{}'", model_,
           *t);
  }
  used_[name] = v;
  return v;
}

bool OptionReader::flag(const std::string& name, bool fallback) {
  bool v = fallback;
  if (const std::string* t = find(name)) {
    if (*t == "true" || *t == "1" || *t == "yes")
      v = true;
    else if (*t == "false" || *t == "0" || *t == "no")
      v = false;
    else
      fail({"", 0, "option " + name}, "{}: expected true or false, got '{}'", model_, *t);
  }
  used_[name] = v;
  return v;
}

std::string OptionReader::choice(const std::string& name, const std::string& fallback,
                                 const std::vector<std::string>& choices) {
  std::string v = fallback;
  if (const std::string* t = find(name)) {
    if (std::find(choices.begin(), choices.end(), *t) == choices.end()) {
      std::string all;
      for (const auto& c : choices) all += (all.empty() ? "" : "|") + c;
      fail({"", 0, "option " + name}, "{}: expected one of {}, got '{}'", model_, all, *t);
    }
    v = *t;
  }
  used_[name] = v;
  return v;
}

void OptionReader::finish() const {
  Diagnostics d;
  for (const auto& [name, value] : values_)
    if (!seen_.count(name)) {
      std::string known;
      for (const auto& s : seen_) known += (known.empty() ? "" : ", ") + s;
      d.addf({"", 0, "option " + name}, "{} has no option '{}' (its options: {})", model_, name,
             known);
    }
  d.throw_if_any();
}

}  // namespace detente::bargain
