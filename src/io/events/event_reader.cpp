// Streaming event-data readers: names, statistics, input expansion and the entry points.
// The parts live beside this file: source.cpp (plain files, archives, stdin), fields.cpp
// (tab splitter, field parsers), detect.cpp (format of a file), row_parser.cpp and one file
// per format (gdelt_events.cpp, gdelt_mentions.cpp, icews.cpp, cameo_tsv.cpp), and
// pipeline.cpp (blocks, parser threads, ordered reports).
#include "io/events/event_reader.hpp"

#include <fmt/format.h>
#include <glob.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <thread>

#include "core/parallel.hpp"
#include "io/events/pipeline.hpp"
#include "io/events/row_parser.hpp"
#include "io/events/source.hpp"

namespace detente::events {

// ---------------------------------------------------------------------------------------
// Names

std::string_view to_string(InputFormat f) {
  switch (f) {
    case InputFormat::auto_detect:
      return "auto";
    case InputFormat::gdelt1:
      return "gdelt1";
    case InputFormat::gdelt2:
      return "gdelt2";
    case InputFormat::gdelt_mentions:
      return "gdelt-mentions";
    case InputFormat::icews:
      return "icews";
    case InputFormat::cameo_tsv:
      return "cameo-tsv";
  }
  return "auto";
}

std::optional<InputFormat> input_format_from_string(std::string_view text) {
  for (auto f : {InputFormat::auto_detect, InputFormat::gdelt1, InputFormat::gdelt2,
                 InputFormat::gdelt_mentions, InputFormat::icews, InputFormat::cameo_tsv})
    if (to_string(f) == text) return f;
  return std::nullopt;
}

std::string_view to_string(Layout l) {
  switch (l) {
    case Layout::gdelt1_backfile:
      return "gdelt1-57";
    case Layout::gdelt1_daily:
      return "gdelt1-58";
    case Layout::gdelt2:
      return "gdelt2-61";
    case Layout::gdelt_mentions:
      return "gdelt2-mentions-16";
    case Layout::icews:
      return "icews-20";
    case Layout::cameo_tsv:
      return "cameo-tsv-4";
    case Layout::count:
      break;
  }
  return "?";
}

std::string_view to_string(ValueSource v) {
  switch (v) {
    case ValueSource::field:
      return "field";
    case ValueSource::gdelt:
      return "gdelt";
    case ValueSource::schrodt2007:
      return "schrodt2007";
    case ValueSource::icews:
      return "icews";
  }
  return "field";
}

std::optional<ValueSource> value_source_from_string(std::string_view text) {
  for (auto v :
       {ValueSource::field, ValueSource::gdelt, ValueSource::schrodt2007, ValueSource::icews})
    if (to_string(v) == text) return v;
  return std::nullopt;
}

std::string_view to_string(BadKind k) {
  switch (k) {
    case BadKind::short_row:
      return "short row";
    case BadKind::long_row:
      return "long row";
    case BadKind::bad_date:
      return "bad date";
    case BadKind::non_numeric:
      return "non-numeric field";
    case BadKind::invalid_utf8:
      return "invalid UTF-8";
    case BadKind::truncated:
      return "truncated or corrupt archive";
    case BadKind::unreadable:
      return "unreadable input";
    case BadKind::bad_code:
      return "not a CAMEO event code";
    case BadKind::other_layout:
      return "another layout";
    case BadKind::count:
      break;
  }
  return "?";
}

void ReadStats::merge(const ReadStats& o) {
  files += o.files;
  bytes += o.bytes;
  lines += o.lines;
  rows += o.rows;
  headers += o.headers;
  bad += o.bad;
  for (int i = 0; i < kLayoutCount; ++i) by_layout[i] += o.by_layout[i];
  for (int i = 0; i < kBadKindCount; ++i) bad_by_kind[i] += o.bad_by_kind[i];
  unknown_countries += o.unknown_countries;
  for (const auto& [code, n] : o.unknown_codes) unknown_codes[code] += n;
  for (const auto& [code, n] : o.weis_codes) weis_codes[code] += n;
  empty_inputs.insert(empty_inputs.end(), o.empty_inputs.begin(), o.empty_inputs.end());
  min_date = std::min(min_date, o.min_date);
  max_date = std::max(max_date, o.max_date);
  reported.insert(reported.end(), o.reported.begin(), o.reported.end());
}

std::string ReadStats::summary() const {
  std::string out = fmt::format("{} file(s), {} rows, {} bad", files, rows, bad);
  std::string kinds;
  for (int i = 0; i < kBadKindCount; ++i)
    if (bad_by_kind[i] > 0)
      kinds += fmt::format("{}{} {}", kinds.empty() ? "" : ", ", bad_by_kind[i],
                           to_string(static_cast<BadKind>(i)));
  if (!kinds.empty()) out += " (" + kinds + ")";
  return out;
}

std::vector<std::string> ReadStats::code_notes() const {
  auto list = [](const std::map<std::string, std::int64_t>& codes) {
    std::string out;
    for (const auto& [code, n] : codes)
      out += fmt::format("{}{} ×{}", out.empty() ? "" : ", ", code, n);
    return out;
  };
  std::vector<std::string> notes;
  if (!unknown_codes.empty())
    notes.push_back("codes with a CAMEO root that the codebook does not list (rows kept): " +
                    list(unknown_codes));
  if (!weis_codes.empty()) notes.push_back("legacy WEIS codes: " + list(weis_codes));
  return notes;
}

void require_rows(const ReadStats& stats, bool allow_empty, std::string_view option) {
  if (allow_empty || stats.empty_inputs.empty()) return;
  Diagnostics diags;
  for (const auto& name : stats.empty_inputs)
    diags.addf({name}, "no good rows (empty, header only, or every row bad); {} accepts it",
               option);
  diags.throw_if_any();
}

// Legacy WEIS codes by their meaning in the WEIS codebook (McClelland 1976): 21 seize
// (211 seize position or possessions, 212 detain or arrest persons) and 22 force (221
// noninjury destructive act, 222 nonmilitary injury-destruction, 223 military engagement).
std::string_view weis_to_cameo(std::string_view code) {
  static constexpr std::pair<std::string_view, std::string_view> kWeis[] = {
      {"21", "17"},   {"210", "170"},  {"211", "171"}, {"212", "173"}, {"22", "19"},
      {"220", "190"}, {"221", "1712"}, {"222", "180"}, {"223", "190"}};
  for (const auto& [weis, cameo] : kWeis)
    if (weis == code) return cameo;
  return {};
}

// ---------------------------------------------------------------------------------------
// Inputs

namespace {
bool has_glob_chars(const std::string& s) { return s.find_first_of("*?[") != std::string::npos; }
}  // namespace

std::vector<std::string> expand_inputs(const std::vector<std::string>& args) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  for (const auto& a : args) {
    if (a == "-") {
      out.push_back(a);
      continue;
    }
    std::error_code ec;
    if (fs::is_directory(a, ec)) {
      std::vector<std::string> files;
      for (const auto& e : fs::directory_iterator(a, ec))
        if (e.is_regular_file()) files.push_back(e.path().string());
      std::sort(files.begin(), files.end());
      if (files.empty()) fail({a, 0, ""}, "directory holds no files");
      out.insert(out.end(), files.begin(), files.end());
    } else if (fs::exists(a, ec)) {
      out.push_back(a);
    } else if (has_glob_chars(a)) {
      glob_t g{};
      int rc = ::glob(a.c_str(), 0, nullptr, &g);
      std::vector<std::string> files;
      if (rc == 0)
        for (size_t i = 0; i < g.gl_pathc; ++i)
          if (!fs::is_directory(g.gl_pathv[i], ec)) files.push_back(g.gl_pathv[i]);
      ::globfree(&g);
      if (files.empty()) fail({a, 0, ""}, "pattern matches no file");
      std::sort(files.begin(), files.end());
      out.insert(out.end(), files.begin(), files.end());
    } else {
      fail({a, 0, ""}, "no such file or directory");
    }
  }
  return out;
}

ReadStats read_events(const std::vector<std::string>& inputs, const ReadOptions& options,
                      const RowVisitor& visit) {
  const int threads = options.strict ? 1 : std::max(1, options.threads);
  const int n = static_cast<int>(inputs.size());
  if (threads == 1 || n < 2) {
    return detail::run_pipeline(inputs, options, visit);
  }
  // Several inputs: one whole file per thread, so that decompression runs in parallel too.
  // Statistics are merged in input order, so reports do not depend on the scheduling.
  std::vector<ReadStats> per_file(inputs.size());
  std::atomic<int> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex error_mu;
  ProgressTask task(options.progress, "reading events", inputs.size(), "files");
  auto work = [&](int t) {
    ReadOptions one = options;
    one.threads = 1;
    one.progress = nullptr;  // the files are counted here
    RowVisitor as_worker = [&visit, t](const EventRow& r, int) { visit(r, t); };
    for (int i; !failed.load() && (i = next.fetch_add(1)) < n;) {
      try {
        per_file[static_cast<std::size_t>(i)] =
            detail::run_pipeline({inputs[static_cast<std::size_t>(i)]}, one, as_worker);
      } catch (...) {
        std::lock_guard lk(error_mu);
        if (!error) error = std::current_exception();
        failed.store(true);
      }
      task.advance();
    }
  };
  parallel_workers(std::min(threads, n), work);  // `work` keeps its own first error
  task.finish();
  if (error) std::rethrow_exception(error);
  ReadStats total;
  std::vector<BadRow> reported;
  for (auto& st : per_file) {
    for (auto& r : st.reported)
      if (reported.size() < static_cast<std::size_t>(options.max_reported)) reported.push_back(r);
    st.reported.clear();
    total.merge(st);
  }
  total.reported = std::move(reported);
  return total;
}

ReadStats read_event_bytes(std::string_view bytes, const std::string& name,
                           const ReadOptions& options, const RowVisitor& visit) {
  return detail::run_pipeline_memory(bytes, name, options, visit);
}

std::optional<BadKind> parse_event_line(std::string_view line, Layout layout,
                                        const ReadOptions& options, EventRow& row,
                                        std::string* message) {
  InputFormat format = InputFormat::auto_detect;
  switch (layout) {
    case Layout::gdelt_mentions:
      format = InputFormat::gdelt_mentions;
      break;
    case Layout::icews:
      format = InputFormat::icews;
      break;
    case Layout::cameo_tsv:
      format = InputFormat::cameo_tsv;
      break;
    default:
      break;
  }
  // Copy into a padded buffer: the splitter reads in 16-byte steps.
  thread_local std::string buf;
  buf.assign(line);
  buf.append(detail::kPad, '\0');
  detail::RowParser parser(options);
  ReadStats counters;
  auto err = parser.parse(std::string_view(buf.data(), line.size()), format, row, counters);
  if (!err) return std::nullopt;
  if (message) *message = detail::describe(*err, format, parser.fields());
  return err->kind;
}

}  // namespace detente::events
