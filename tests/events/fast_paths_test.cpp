// The throughput paths of the event readers give exactly what the streamed reader gives:
// plain files mapped and parsed in place by several threads (any block size, a file whose
// end falls on a page boundary, header, byte-order mark, CRLF, a last line without newline),
// zip and gzip members inflated whole (libdeflate), and many files of mixed kinds read in
// parallel. Corrupt members are named.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include "events/dyad_series.hpp"
#include "io/events/event_reader.hpp"
#include "test_support.hpp"

using namespace detente::events;
namespace fs = std::filesystem;

namespace {

// What a reader saw: every good row (sorted, since threads visit blocks in any order) and
// the statistics with the reported bad rows.
struct Seen {
  std::vector<std::tuple<std::int32_t, std::string, std::string, std::string>> rows;
  ReadStats stats;
};

Seen collect(const std::function<ReadStats(const RowVisitor&)>& read) {
  Seen s;
  std::mutex mu;
  s.stats = read([&](const EventRow& r, int) {
    std::lock_guard lk(mu);
    s.rows.emplace_back(r.date, std::string(r.actor1_code), std::string(r.actor2_code),
                        std::string(r.event_code));
  });
  std::sort(s.rows.begin(), s.rows.end());
  return s;
}

void expect_same(const Seen& a, const Seen& b, const std::string& what) {
  EXPECT_EQ(a.rows, b.rows) << what;
  EXPECT_EQ(a.stats.rows, b.stats.rows) << what;
  EXPECT_EQ(a.stats.bad, b.stats.bad) << what;
  EXPECT_EQ(a.stats.lines, b.stats.lines) << what;
  EXPECT_EQ(a.stats.headers, b.stats.headers) << what;
  EXPECT_EQ(a.stats.bytes, b.stats.bytes) << what;
  ASSERT_EQ(a.stats.reported.size(), b.stats.reported.size()) << what;
  for (std::size_t k = 0; k < a.stats.reported.size(); ++k) {
    EXPECT_EQ(a.stats.reported[k].where.line, b.stats.reported[k].where.line) << what << k;
    EXPECT_EQ(a.stats.reported[k].where.field, b.stats.reported[k].where.field) << what << k;
    EXPECT_EQ(a.stats.reported[k].message, b.stats.reported[k].message) << what << k;
  }
}

// CAMEO TSV with a byte-order mark, a header, CRLF line ends, bad rows (every 7th) and a
// last line without newline, padded with a final bad line to exactly `size` bytes.
std::string cameo_text(std::size_t size) {
  std::string out =
      "\xEF\xBB\xBF"
      "date\tsource\ttarget\tcode\r\n";
  for (int i = 0; out.size() + 80 < size; ++i) {
    out +=
        "2019-10-" + std::to_string(10 + i % 20) + "\tCHNGOV\tJPN" + std::to_string(i % 10) + "\t";
    out += i % 7 == 3 ? "9x9" : (i % 2 ? "042" : "190");
    out += i % 3 ? "\r\n" : "\n";
    if (i % 11 == 5) out += "\n";  // blank lines count as lines
  }
  out += std::string(size - out.size(), 'z');  // a one-field row: bad, and no newline
  return out;
}

}  // namespace

TEST(EventsFastPaths, MappedFileMatchesTheStreamedReaderForAnyBlockAndThreads) {
  auto dir = detente::test::temp_dir("events-mapped");
  // 4096: the file ends exactly on a page boundary (the vector loads run past its end).
  for (std::size_t size : {4095u, 4096u, 4097u, 20000u}) {
    const std::string text = cameo_text(size);
    ASSERT_EQ(text.size(), size);
    const auto path = dir / ("c" + std::to_string(size) + ".tsv");
    detente::test::write_text(path, text);
    ReadOptions streamed;
    streamed.max_reported = 1000;
    const Seen want = collect(
        [&](const RowVisitor& v) { return read_event_bytes(text, path.string(), streamed, v); });
    ASSERT_GT(want.stats.rows, 10);
    ASSERT_GT(want.stats.bad, 3);
    EXPECT_EQ(want.stats.headers, 1);
    for (std::size_t block : {0u, 61u, 1000u, 4096u}) {
      for (int threads : {1, 2, 3}) {
        ReadOptions o = streamed;
        o.block_bytes = block;
        o.threads = threads;
        const Seen got =
            collect([&](const RowVisitor& v) { return read_events({path.string()}, o, v); });
        expect_same(got, want,
                    "size " + std::to_string(size) + " block " + std::to_string(block) +
                        " threads " + std::to_string(threads));
      }
    }
  }
  fs::remove_all(dir);
}

TEST(EventsFastPaths, MappedGdeltAggregateIndependentOfBlockAndThreads) {
  auto path = detente::test::data_file("events/gdelt/gdelt2_20191024143000.export.CSV");
  if (!path) GTEST_SKIP() << detente::test::missing_data_message();
  AggregateOptions o;
  o.period = Period::day;
  const std::string want = to_csv(aggregate_events({*path}, o), {true, true});
  for (std::size_t block : {4096u, 100000u}) {
    for (int threads : {1, 2}) {
      o.read.block_bytes = block;
      o.read.threads = threads;
      DyadSeries s = aggregate_events({*path}, o);
      EXPECT_EQ(to_csv(s, {true, true}), want) << block << " " << threads;
      EXPECT_EQ(s.stats.rows, 2111);
    }
  }
}
