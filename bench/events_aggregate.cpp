// Benchmarks of the event-data pipeline: read + aggregate to dyad x month on a large
// synthetic GDELT 2.0 file (the real 15-minute sample concatenated to
// DETENTE_BENCH_EVENTS_MB megabytes, default 1000, in the temp dir), with 1 and 2 threads;
// the same over a directory of DETENTE_BENCH_ZIP_FILES (default 1000) zip files, each the
// zipped sample (GDELT's own shape: one 15-minute file per zip); the decompression limit
// (libdeflate inflating the zipped sample in memory, on 1 and on 2 threads at once), which
// the zip directory's rate is to be compared with; and the row parser alone on in-memory
// rows. Reports bytes/s (of uncompressed input) and rows/s.
//
//   build/detente_bench --benchmark_filter=Events
//   DETENTE_BENCH_EVENTS_MB=200 build/detente_bench --benchmark_filter=EventsAggregate
#include <benchmark/benchmark.h>
#include <libdeflate.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "events/dyad_series.hpp"
#include "io/events/fields.hpp"
#include "support/archive_file.hpp"

namespace {

namespace fs = std::filesystem;

std::string sample_path() {
  const char* env = std::getenv("DETENTE_TESTDATA");
  fs::path base =
      env && *env ? fs::path(env) : fs::path(DETENTE_SOURCE_DIR) / ".." / "shared" / "data";
  return (base / "events" / "gdelt" / "gdelt2_20191024143000.export.CSV").string();
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The big file, made once per process and removed at exit.
struct BigFile {
  std::string path;
  std::int64_t bytes = 0;
  std::int64_t rows = 0;
  BigFile() {
    std::string sample = read_all(sample_path());
    if (sample.empty()) return;
    const char* mb_env = std::getenv("DETENTE_BENCH_EVENTS_MB");
    std::int64_t mb = mb_env ? std::atoll(mb_env) : 1000;
    std::int64_t copies = mb * 1000000 / static_cast<std::int64_t>(sample.size()) + 1;
    path = (fs::temp_directory_path() /
            ("detente-bench-events-" + std::to_string(::getpid()) + ".CSV"))
               .string();
    std::ofstream out(path, std::ios::binary);
    for (std::int64_t i = 0; i < copies; ++i) out << sample;
    bytes = copies * static_cast<std::int64_t>(sample.size());
    rows = copies * 2111;
  }
  ~BigFile() {
    if (!path.empty()) fs::remove(path);
  }
};

const BigFile& big_file() {
  static BigFile f;
  return f;
}

void BM_EventsAggregateMonth(benchmark::State& state) {
  const BigFile& f = big_file();
  if (f.path.empty()) {
    state.SkipWithError("GDELT sample not found (set DETENTE_TESTDATA)");
    return;
  }
  detente::events::AggregateOptions o;
  o.period = detente::events::Period::month;
  o.read.threads = static_cast<int>(state.range(0));
  std::size_t cells = 0;
  for (auto _ : state) {
    auto s = detente::events::aggregate_events({f.path}, o);
    cells = s.cells.size();
    benchmark::DoNotOptimize(cells);
  }
  state.SetBytesProcessed(state.iterations() * f.bytes);
  state.SetItemsProcessed(state.iterations() * f.rows);
  state.counters["cells"] = static_cast<double>(cells);
}
BENCHMARK(BM_EventsAggregateMonth)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// DETENTE_BENCH_ZIP_FILES zip files of the sample in a temp directory, made once.
struct ZipDir {
  std::string dir;
  std::int64_t bytes = 0, files = 0;
  ZipDir() {
    std::string sample = read_all(sample_path());
    if (sample.empty()) return;
    const char* env = std::getenv("DETENTE_BENCH_ZIP_FILES");
    files = env ? std::atoll(env) : 1000;
    dir =
        (fs::temp_directory_path() / ("detente-bench-zips-" + std::to_string(::getpid()))).string();
    fs::create_directories(dir);
    const std::string first = dir + "/20191024143000.export.CSV.zip";
    if (!detente::test::write_archive_file(first, {{"20191024143000.export.CSV", sample}},
                                           detente::test::ArchiveKind::zip)) {
      files = 0;
      return;
    }
    for (std::int64_t i = 1; i < files; ++i)
      fs::copy_file(first, dir + "/" + std::to_string(20191024143000 + i) + ".export.CSV.zip");
    bytes = files * static_cast<std::int64_t>(sample.size());
  }
  ~ZipDir() {
    if (!dir.empty()) fs::remove_all(dir);
  }
};

void BM_EventsAggregateZipFiles(benchmark::State& state) {
  static ZipDir z;
  if (z.dir.empty()) {
    state.SkipWithError("GDELT sample not found (set DETENTE_TESTDATA)");
    return;
  }
  detente::events::AggregateOptions o;
  o.period = detente::events::Period::month;
  o.read.threads = static_cast<int>(state.range(0));
  const auto inputs = detente::events::expand_inputs({z.dir});
  for (auto _ : state) {
    auto s = detente::events::aggregate_events(inputs, o);
    benchmark::DoNotOptimize(s.cells.size());
  }
  state.SetBytesProcessed(state.iterations() * z.bytes);
  state.counters["files"] = static_cast<double>(z.files);
}
BENCHMARK(BM_EventsAggregateZipFiles)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// The decompression limit: libdeflate inflating the sample deflated at zip's default level
// (6), in memory, on every benchmark thread at once (Threads(2): both cores).
void BM_EventsInflateLimit(benchmark::State& state) {
  static const std::string sample = read_all(sample_path());
  if (sample.empty()) {
    state.SkipWithError("GDELT sample not found (set DETENTE_TESTDATA)");
    return;
  }
  static const std::string deflated = [] {
    libdeflate_compressor* c = libdeflate_alloc_compressor(6);
    std::string out(libdeflate_deflate_compress_bound(c, sample.size()), '\0');
    out.resize(
        libdeflate_deflate_compress(c, sample.data(), sample.size(), out.data(), out.size()));
    libdeflate_free_compressor(c);
    return out;
  }();
  libdeflate_decompressor* d = libdeflate_alloc_decompressor();
  std::string out(sample.size(), '\0');
  for (auto _ : state) {
    std::size_t got = 0;
    libdeflate_deflate_decompress(d, deflated.data(), deflated.size(), out.data(), out.size(),
                                  &got);
    benchmark::DoNotOptimize(got);
  }
  libdeflate_free_decompressor(d);
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(sample.size()));
}
BENCHMARK(BM_EventsInflateLimit)->Threads(1)->Threads(2)->UseRealTime();

void BM_EventsParseRows(benchmark::State& state) {
  std::string sample = read_all(sample_path());
  if (sample.empty()) {
    state.SkipWithError("GDELT sample not found (set DETENTE_TESTDATA)");
    return;
  }
  std::vector<std::string_view> lines;
  for (std::size_t p = 0; p < sample.size();) {
    std::size_t nl = sample.find('\n', p);
    if (nl == std::string::npos) nl = sample.size();
    lines.emplace_back(sample.data() + p, nl - p);
    p = nl + 1;
  }
  detente::events::ReadOptions o;
  o.need_event_id = o.need_geo = o.need_url = false;
  detente::events::EventRow row;
  for (auto _ : state) {
    for (auto l : lines) {
      auto bad = detente::events::parse_event_line(l, detente::events::Layout::gdelt2, o, row);
      benchmark::DoNotOptimize(bad);
    }
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(sample.size()));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(lines.size()));
}
BENCHMARK(BM_EventsParseRows);

// The line splitter alone on the GDELT sample, each implementation the processor runs side
// by side (0 portable, 1 AVX2, 2 AVX-512BW+VBMI2), with GDELT's field limit of 32.
void BM_EventsSplitLine(benchmark::State& state) {
  using detente::events::detail::SplitPath;
  const auto path = static_cast<SplitPath>(state.range(0));
  if (!detente::events::detail::split_path_supported(path)) {
    state.SkipWithError("this processor lacks that instruction set");
    return;
  }
  std::string sample = read_all(sample_path());
  if (sample.empty()) {
    state.SkipWithError("GDELT sample not found (set DETENTE_TESTDATA)");
    return;
  }
  const std::size_t size = sample.size();
  sample.append(64, '\0');  // the block padding the readers provide
  detente::events::detail::Fields fields;
  for (auto _ : state) {
    const char* p = sample.data();
    const char* end = p + size;
    while (p < end) {
      p = detente::events::detail::split_line_with(path, p, end, fields, 32) + 1;
      benchmark::DoNotOptimize(fields);
    }
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(size));
}
BENCHMARK(BM_EventsSplitLine)->Arg(0)->Arg(1)->Arg(2);

}  // namespace
