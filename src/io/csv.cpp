#include "io/csv.hpp"

#include <csv.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "io/atomic_file.hpp"
#include "io/limits.hpp"

namespace detente::io {

struct CsvReader::State {
  csv_parser parser{};
  std::deque<CsvRecord> ready;
  CsvRecord current;
  int line = 1;          // line being fed
  int record_start = 1;  // line the current record began on
  bool eof = false;
  bool first_chunk = true;
  bool pending_cr = false;  // a CR ended the previous chunk; a following LF is the same break
};

namespace {
void on_field(void* data, size_t size, void* user) {
  auto* st = static_cast<CsvReader::State*>(user);
  st->current.fields.emplace_back(static_cast<const char*>(data), size);
}
void on_record(int /*terminator*/, void* user) {
  auto* st = static_cast<CsvReader::State*>(user);
  st->current.line = st->record_start;
  st->ready.push_back(std::move(st->current));
  st->current = {};
}
}  // namespace

CsvReader::CsvReader(std::istream& in, std::string file_name, char separator)
    : in_(in), file_name_(std::move(file_name)), state_(std::make_unique<State>()) {
  csv_init(&state_->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
  csv_set_delim(&state_->parser, static_cast<unsigned char>(separator));
}

CsvReader::~CsvReader() { csv_free(&state_->parser); }

void CsvReader::feed(const char* data, std::size_t size) {
  auto& st = *state_;
  // Feed line by line so each record knows the line it started on.
  std::size_t start = 0;
  for (std::size_t i = 0; i < size; ++i) {
    char c = data[i];
    if (c != '\n' && c != '\r') continue;
    if (c == '\n' && st.pending_cr && i == start) {  // LF of a CRLF split across feeds
      st.pending_cr = false;
      start = i + 1;
      continue;
    }
    std::size_t end = i + 1;
    if (c == '\r' && i + 1 < size && data[i + 1] == '\n') end = i + 2;
    st.pending_cr = (c == '\r' && end == i + 1 && i + 1 == size);
    const std::size_t before = st.ready.size();
    if (csv_parse(&st.parser, data + start, end - start, on_field, on_record, &st) != end - start)
      fail({file_name_, st.line}, "malformed CSV: {}", csv_strerror(csv_error(&st.parser)));
    ++st.line;
    // The next record starts on the next line unless one is still open (a quoted field
    // running across lines). Blank lines produce no record: they only move the start on.
    // libcsv's parser state 0 is ROW_NOT_BEGUN (csv.h exposes the struct, not the names).
    if (st.ready.size() != before || (st.parser.pstate == 0 && st.current.fields.empty()))
      st.record_start = st.line;
    start = end;
    i = end - 1;
  }
  if (start < size &&
      csv_parse(&st.parser, data + start, size - start, on_field, on_record, &st) != size - start)
    fail({file_name_, st.line}, "malformed CSV: {}", csv_strerror(csv_error(&st.parser)));
}

void CsvReader::finish() {
  auto& st = *state_;
  if (csv_fini(&st.parser, on_field, on_record, &st) != 0)
    fail({file_name_, st.record_start}, "malformed CSV: {} (unterminated quoted field?)",
         csv_strerror(csv_error(&st.parser)));
}

bool CsvReader::next(CsvRecord& record) {
  auto& st = *state_;
  char buffer[1 << 16];
  while (st.ready.empty() && !st.eof) {
    in_.read(buffer, sizeof buffer);
    std::size_t got = static_cast<std::size_t>(in_.gcount());
    const char* data = buffer;
    if (st.first_chunk && got >= 3 && static_cast<unsigned char>(buffer[0]) == 0xEF &&
        static_cast<unsigned char>(buffer[1]) == 0xBB &&
        static_cast<unsigned char>(buffer[2]) == 0xBF) {
      data += 3;
      got -= 3;
    }
    st.first_chunk = false;
    if (got > 0) feed(data, got);
    if (!in_) {
      st.eof = true;
      finish();
    }
  }
  if (st.ready.empty()) return false;
  record = std::move(st.ready.front());
  st.ready.pop_front();
  return true;
}

std::optional<double> parse_double(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  std::string buf(text);
  char* end = nullptr;
  double v = std::strtod(buf.c_str(), &end);
  if (end != buf.c_str() + buf.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

CsvTable CsvTable::read_file(const std::string& path, char separator) {
  std::istringstream in(io::read_file(path));
  return read(in, input_name(path), separator);
}

CsvTable CsvTable::read(std::istream& in, const std::string& file_name, char separator) {
  CsvTable t;
  t.file_name_ = file_name;
  t.separator_ = separator;
  CsvReader reader(in, file_name, separator);
  CsvRecord rec;
  while (reader.next(rec)) {
    bool blank = rec.fields.empty() || (rec.fields.size() == 1 && rec.fields[0].empty());
    if (blank) continue;
    if (t.header_.empty()) {
      t.header_ = rec.fields;
      t.header_line_ = rec.line;
      for (auto& h : t.header_) {
        while (!h.empty() && h.back() == ' ') h.pop_back();
        while (!h.empty() && h.front() == ' ') h.erase(h.begin());
      }
      continue;
    }
    t.rows_.push_back(std::move(rec));
  }
  if (t.header_.empty()) fail({file_name, 1}, "empty file: expected a header row");
  return t;
}

std::optional<std::size_t> CsvTable::column(const std::string& name) const {
  for (std::size_t i = 0; i < header_.size(); ++i)
    if (header_[i] == name) return i;
  return std::nullopt;
}

std::size_t CsvTable::require_column(const std::string& name) const {
  if (auto c = column(name)) return *c;
  fail({file_name_, header_line_, name}, "missing column '{}' in the header{}", name,
       other_separator_hint(header_, separator_));
}

std::string other_separator_hint(const std::vector<std::string>& header, char separator) {
  if (header.size() != 1) return "";
  static constexpr std::pair<char, const char*> kLayouts[] = {
      {';', "semicolon-separated"}, {'\t', "tab-separated"}, {',', "comma-separated"}};
  for (const auto& [c, layout] : kLayouts)
    if (c != separator && header[0].find(c) != std::string::npos)
      return fmt::format("; the header is {}: this file must be {}", layout,
                         separator == '\t' ? "tab-separated" : "comma-separated");
  return "";
}

const std::string& CsvTable::text(const CsvRecord& row, const std::string& column) const {
  static const std::string empty;
  std::size_t c = require_column(column);
  return c < row.fields.size() ? row.fields[c] : empty;
}

std::optional<std::string> input_number_problem(double v) {
  if (std::isnan(v) || std::isinf(v)) return fmt::format("expected a finite number, got {}", v);
  if (std::abs(v) > limits::kMaxMagnitude)
    return fmt::format("{:g} is too large: input numbers are limited to magnitude {:g}", v,
                       limits::kMaxMagnitude);
  return std::nullopt;
}

std::optional<std::string> input_number_problem(std::string_view t, double& value,
                                                std::string_view expected) {
  if (auto v = parse_double(t)) {
    value = *v;
    return input_number_problem(*v);
  }
  std::string_view s = t;
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  if (s.empty()) return fmt::format("missing value: expected {}", expected);
  // strtod reads "nan", "inf", "infinity" and numbers beyond the double range (as inf).
  std::string buf(s);
  char* end = nullptr;
  const double v = std::strtod(buf.c_str(), &end);
  if (end == buf.c_str() + buf.size())
    return fmt::format("expected {}, got '{}' ({})", expected, s,
                       std::isnan(v) ? "not a number" : "not finite or beyond the double range");
  return fmt::format("expected {}, got '{}'", expected, s);
}

void check_input_number(double value, const SourceLocation& where) {
  if (auto problem = input_number_problem(value)) fail(where, "{}", *problem);
}

double parse_input_number(std::string_view text, const SourceLocation& where,
                          std::string_view expected) {
  double v = 0;
  if (auto problem = input_number_problem(text, v, expected)) fail(where, "{}", *problem);
  return v;
}

double CsvTable::number(const CsvRecord& row, const std::string& column) const {
  return parse_input_number(text(row, column), where(row, column));
}

std::optional<double> CsvTable::optional_number(const CsvRecord& row,
                                                const std::string& column) const {
  if (!this->column(column)) return std::nullopt;
  const std::string& t = text(row, column);
  if (t.empty()) return std::nullopt;
  return number(row, column);
}

std::string csv_quote(std::string_view field) {
  if (field.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char c : field) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace detente::io
