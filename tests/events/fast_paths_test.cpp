// The throughput paths of the event readers give exactly what the streamed reader gives:
// plain files mapped and parsed in place by several threads (any block size, a file whose
// end falls on a page boundary, header, byte-order mark, CRLF, a last line without newline),
// zip and gzip members inflated whole (libdeflate), and many files of mixed kinds read in
// parallel. Corrupt members are named.
#include <gtest/gtest.h>
#include <libdeflate.h>

#include <algorithm>
#include <filesystem>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include "archive_writer.hpp"
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
      EXPECT_TRUE(to_csv(s, {true, true}) == want) << block << " " << threads;
      EXPECT_EQ(s.stats.rows, 2111);
    }
  }
}

namespace {

std::string gzip(const std::string& text, int level = 6) {
  libdeflate_compressor* c = libdeflate_alloc_compressor(level);
  std::string out(libdeflate_gzip_compress_bound(c, text.size()), '\0');
  out.resize(libdeflate_gzip_compress(c, text.data(), text.size(), out.data(), out.size()));
  libdeflate_free_compressor(c);
  return out;
}

// Rows of the real GDELT 2.0 sample, [from, to) of its lines.
std::string sample_lines(const std::string& all, std::size_t from, std::size_t to) {
  std::string out;
  std::size_t line = 0;
  for (std::size_t p = 0; p < all.size(); ++line) {
    std::size_t nl = all.find('\n', p);
    nl = nl == std::string::npos ? all.size() : nl + 1;
    if (line >= from && line < to) out.append(all, p, nl - p);
    p = nl;
  }
  return out;
}

}  // namespace

TEST(EventsFastPaths, MixedZipGzipPlainFilesMatchThePlainFileForAnyThreads) {
  auto path = detente::test::data_file("events/gdelt/gdelt2_20191024143000.export.CSV");
  if (!path) GTEST_SKIP() << detente::test::missing_data_message();
  const std::string all = detente::test::read_text(*path);
  auto dir = detente::test::temp_dir("events-mixed");
  // The sample cut into seven parts, each stored another way: plain, gzip (inflated
  // whole), two concatenated gzip members (streamed), a zip of three entries (deflated),
  // a stored zip, and the rest plain again.
  const std::string p[7] = {sample_lines(all, 0, 200),    sample_lines(all, 200, 500),
                            sample_lines(all, 500, 700),  sample_lines(all, 700, 900),
                            sample_lines(all, 900, 1000), sample_lines(all, 1000, 1500),
                            sample_lines(all, 1500, 2111)};
  detente::test::write_text(dir / "a.CSV", p[0]);
  detente::test::write_text(dir / "b.CSV.gz", gzip(p[1]));
  detente::test::write_text(dir / "c.CSV.gz", gzip(p[2].substr(0, 1000)) + gzip(p[2].substr(1000)));
  detente::test::write_zip(dir / "d.zip", {{"d1.CSV", p[3]}, {"d2.CSV", p[4]}, {"d3.CSV", ""}});
  detente::test::write_zip(dir / "e.zip", {{"e.CSV", p[5]}}, /*stored=*/true);
  detente::test::write_text(dir / "f.CSV", p[6]);
  AggregateOptions o;
  o.period = Period::day;
  const std::string want = to_csv(aggregate_events({*path}, o), {true, true});
  // whole_member_bytes 4096: every archive here is too large to inflate whole, so the zips'
  // members are streamed from the file by igzip and the gzip files by igzip too.
  for (std::size_t whole : {std::size_t{0}, std::size_t{4096}})
    for (int threads : {1, 2, 3}) {
      o.read.threads = threads;
      o.read.whole_member_bytes = whole;
      DyadSeries s = aggregate_events(expand_inputs({dir.string()}), o);
      EXPECT_TRUE(to_csv(s, {true, true}) == want) << threads << " " << whole;
      EXPECT_EQ(s.stats.rows, 2111);
      EXPECT_EQ(s.stats.files, 6);
      EXPECT_EQ(s.stats.bytes, static_cast<std::int64_t>(all.size()));
      ASSERT_EQ(s.stats.empty_inputs.size(), 1u);  // the empty zip entry, named
      EXPECT_EQ(s.stats.empty_inputs[0], (dir / "d.zip").string() + ":d3.CSV");
    }
  // Each archive, read whole or streamed from its file, gives what libarchive's stream of
  // the same bytes gives.
  for (const char* name : {"b.CSV.gz", "c.CSV.gz", "d.zip", "e.zip"}) {
    const auto file = (dir / name).string();
    const Seen want_rows = collect([&](const RowVisitor& v) {
      return read_event_bytes(detente::test::read_text(file), file, {}, v);
    });
    for (std::size_t whole : {std::size_t{0}, std::size_t{4096}}) {
      ReadOptions ro;
      ro.whole_member_bytes = whole;
      const Seen got = collect([&](const RowVisitor& v) { return read_events({file}, ro, v); });
      expect_same(got, want_rows, name + std::to_string(whole));
      EXPECT_EQ(got.stats.empty_inputs, want_rows.stats.empty_inputs) << name;
    }
  }
  fs::remove_all(dir);
}

TEST(EventsFastPaths, CorruptMembersAreNamedAndTheRowsBeforeThemKept) {
  auto dir = detente::test::temp_dir("events-corrupt-member");
  std::string text;
  for (int i = 0; i < 4000; ++i)
    text += "2019-10-" + std::to_string(10 + i % 20) + "\tCHNGOV\tJPNGOV\t" +
            std::to_string(100 * (1 + i % 20) + i % 7) + "\n";
  std::string ok_text = "2019-10-01\tUSAGOV\tCANGOV\t042\n";
  // A deflated member with a damaged byte in its middle, after a good member; the
  // directory is intact, so libdeflate sees the damage (or the CRC does).
  detente::test::write_zip(dir / "z.zip", {{"good.tsv", ok_text}, {"bad.tsv", text}});
  std::string z = detente::test::read_text(dir / "z.zip");
  const std::size_t at = z.find("bad.tsv") + 7 + z.size() / 4;
  z[at] = static_cast<char>(z[at] ^ 0x55);
  detente::test::write_text(dir / "z.zip", z);
  // A stored member whose CRC no longer matches.
  detente::test::write_zip(dir / "s.zip", {{"s.tsv", text}}, /*stored=*/true);
  std::string s = detente::test::read_text(dir / "s.zip");
  s[s.find("2019-10-15")] = '3';
  detente::test::write_text(dir / "s.zip", s);
  // A gzip file with a damaged byte.
  std::string g = gzip(text);
  g[g.size() / 2] = static_cast<char>(g[g.size() / 2] ^ 0x55);
  detente::test::write_text(dir / "g.tsv.gz", g);
  struct Case {
    const char* file;
    std::string named;
  };
  for (const Case& c : {Case{"z.zip", "z.zip:bad.tsv"}, Case{"s.zip", "s.zip:s.tsv"},
                        Case{"g.tsv.gz", "g.tsv.gz"}}) {
    const auto file = (dir / c.file).string();
    ReadOptions all;
    all.max_reported = 10000;  // the damage may also give bad rows before the error
    const Seen got = collect([&](const RowVisitor& v) { return read_events({file}, all, v); });
    const Seen stream = collect([&](const RowVisitor& v) {
      return read_event_bytes(detente::test::read_text(file), file, all, v);
    });
    // The rows before the damage, as libarchive's stream gives them (which, for gzip, does
    // not check the CRC-32: the reader still reports the member).
    EXPECT_EQ(got.rows, stream.rows) << c.file;
    EXPECT_GE(got.stats.bad_by_kind[static_cast<int>(BadKind::truncated)], 1) << c.file;
    bool named = false;
    for (const auto& r : got.stats.reported)
      named |= r.kind == BadKind::truncated && r.where.file == (dir / c.named).string();
    EXPECT_TRUE(named) << c.file;
    ReadOptions strict;
    strict.strict = true;
    EXPECT_THROW(read_events({file}, strict, [](const EventRow&, int) {}), detente::InputError)
        << c.file;
  }
  fs::remove_all(dir);
}

TEST(EventsFastPaths, EmptyStoredMembersAndEmptyZipsAreEmptyInputs) {
  // The events_files fuzz target's finding: an empty stored member inflated first copied 0
  // bytes to a buffer not yet allocated (memcpy to null: undefined behaviour, which the
  // sanitizer pass reports). Read whole and streamed.
  auto dir = detente::test::temp_dir("events-empty-stored");
  detente::test::write_zip(dir / "e.zip",
                           {{"empty.tsv", ""}, {"a.tsv", "2019-10-01\tUSAGOV\tCANGOV\t042\n"}},
                           /*stored=*/true);
  // And a zip without members (its central directory empty: read into a 0-byte buffer).
  detente::test::write_zip(dir / "none.zip", {});
  for (std::size_t whole : {std::size_t{0}, std::size_t{16}}) {
    ReadOptions ro;
    ro.whole_member_bytes = whole;
    const Seen none = collect(
        [&](const RowVisitor& v) { return read_events({(dir / "none.zip").string()}, ro, v); });
    EXPECT_TRUE(none.rows.empty());
    ASSERT_EQ(none.stats.empty_inputs.size(), 1u) << whole;
    EXPECT_EQ(none.stats.empty_inputs[0], (dir / "none.zip").string());
  }
  for (std::size_t whole : {std::size_t{0}, std::size_t{64}}) {
    ReadOptions ro;
    ro.whole_member_bytes = whole;
    const Seen got = collect(
        [&](const RowVisitor& v) { return read_events({(dir / "e.zip").string()}, ro, v); });
    ASSERT_EQ(got.rows.size(), 1u) << whole;
    EXPECT_EQ(std::get<1>(got.rows[0]), "USAGOV");
    ASSERT_EQ(got.stats.empty_inputs.size(), 1u) << whole;
    EXPECT_EQ(got.stats.empty_inputs[0], (dir / "e.zip").string() + ":empty.tsv");
  }
  fs::remove_all(dir);
}

TEST(EventsFastPaths, StreamedZipMembersHaveTheirSizeAndCrcChecked) {
  auto dir = detente::test::temp_dir("events-zip-stream");
  const std::string text = cameo_text(400000);
  ReadOptions plain_options;
  plain_options.max_reported = 100000;
  detente::test::write_text(dir / "plain.tsv", text);
  const Seen want = collect(
      [&](const RowVisitor& v) { return read_events({(dir / "plain.tsv").string()}, {}, v); });
  // A member larger than whole_member_bytes in a zip that is not: the GDELT 1.0 shape (a
  // ~10 MB file holding ~90 MB). Deflated and stored, streamed, on 1 and 2 threads.
  for (bool stored : {false, true}) {
    detente::test::write_zip(dir / "z.zip", {{"z.tsv", text}}, stored);
    for (int threads : {1, 2}) {
      ReadOptions ro;
      ro.threads = threads;
      ro.block_bytes = 65536;
      ro.whole_member_bytes = 100000;
      const Seen got = collect(
          [&](const RowVisitor& v) { return read_events({(dir / "z.zip").string()}, ro, v); });
      EXPECT_EQ(got.rows, want.rows) << stored << threads;
      EXPECT_EQ(got.stats.bad, want.stats.bad);
      EXPECT_EQ(got.stats.bytes, want.stats.bytes);
    }
  }
  // Damage in the middle of a streamed deflated member, a stored member whose CRC-32 no
  // longer matches and a deflated one whose directory size is wrong: the rows before are
  // kept, the member is named, --strict stops.
  detente::test::write_zip(dir / "d.zip",
                           {{"good.tsv", "2019-10-01\tUSAGOV\tCANGOV\t042\n"}, {"bad.tsv", text}});
  std::string d = detente::test::read_text(dir / "d.zip");
  const std::size_t at = d.find("bad.tsv") + 7 + d.size() / 3;
  for (std::size_t k = 0; k < 16; ++k) d[at + k] = static_cast<char>(d[at + k] ^ 0x55);
  detente::test::write_text(dir / "d.zip", d);
  detente::test::write_zip(dir / "s.zip", {{"bad.tsv", text}}, /*stored=*/true);
  std::string st = detente::test::read_text(dir / "s.zip");
  st[st.find("2019-10-15")] = '3';
  detente::test::write_text(dir / "s.zip", st);
  detente::test::write_zip(dir / "n.zip", {{"bad.tsv", text}});
  std::string nz = detente::test::read_text(dir / "n.zip");
  // The central directory's uncompressed size of the member (offset 24 of its entry).
  const std::size_t entry = nz.rfind(std::string("PK\x01\x02", 4));
  ASSERT_NE(entry, std::string::npos);
  nz[entry + 24] = static_cast<char>(nz[entry + 24] ^ 0x01);
  detente::test::write_text(dir / "n.zip", nz);
  // And one that declares less than it inflates to (400,000 → 395,904 bytes): stopped one
  // byte past the declared size, whatever follows.
  nz[entry + 24] = static_cast<char>(nz[entry + 24] ^ 0x01);
  nz[entry + 25] = static_cast<char>(nz[entry + 25] ^ 0x10);
  detente::test::write_text(dir / "m.zip", nz);
  for (const char* name : {"d.zip", "s.zip", "n.zip", "m.zip"}) {
    const auto file = (dir / name).string();
    ReadOptions ro;
    ro.max_reported = 100000;
    ro.whole_member_bytes = 100000;
    const Seen got = collect([&](const RowVisitor& v) { return read_events({file}, ro, v); });
    EXPECT_GT(got.stats.rows, 0) << name;
    EXPECT_LE(got.stats.rows, want.stats.rows) << name;
    EXPECT_EQ(got.stats.bad_by_kind[static_cast<int>(BadKind::truncated)], 1) << name;
    bool named = false;
    for (const auto& r : got.stats.reported)
      named |=
          r.kind == BadKind::truncated && r.where.file == file + ":bad.tsv" &&
          r.message.find(std::string(name) == "m.zip" ? "inflates to more than the 395904 bytes"
                                                      : "corrupt member") != std::string::npos;
    EXPECT_TRUE(named) << name;
    ro.strict = true;
    EXPECT_THROW(read_events({file}, ro, [](const EventRow&, int) {}), detente::InputError) << name;
  }
  fs::remove_all(dir);
}

TEST(EventsFastPaths, LargeGzipIsStreamedWithItsCrcChecked) {
  auto path = detente::test::data_file("events/gdelt/gdelt2_20191024143000.export.CSV");
  if (!path) GTEST_SKIP() << detente::test::missing_data_message();
  const std::string sample = detente::test::read_text(*path);
  auto dir = detente::test::temp_dir("events-big-gzip");
  // More than 16 MB uncompressed, so zlib streams it; two members. Stored (level 0), the
  // file itself is over 16 MB and is streamed from the file, not from memory.
  std::string big;
  for (int i = 0; i < 21; ++i) big += sample;
  ASSERT_GT(big.size(), std::size_t{16} << 20);
  detente::test::write_text(dir / "plain.CSV", big);
  const std::string gz =
      gzip(big.substr(0, 5 * sample.size())) + gzip(big.substr(5 * sample.size()));
  detente::test::write_text(dir / "big.CSV.gz", gz);
  const std::string stored =
      gzip(big.substr(0, 5 * sample.size()), 0) + gzip(big.substr(5 * sample.size()), 0);
  ASSERT_GT(stored.size(), std::size_t{16} << 20);
  detente::test::write_text(dir / "stored.CSV.gz", stored);
  AggregateOptions o;
  o.period = Period::day;
  const std::string want = to_csv(aggregate_events({(dir / "plain.CSV").string()}, o));
  for (const char* name : {"big.CSV.gz", "stored.CSV.gz"}) {
    for (int threads : {1, 2}) {
      o.read.threads = threads;
      DyadSeries s = aggregate_events({(dir / name).string()}, o);
      EXPECT_TRUE(to_csv(s) == want) << name << threads;
      EXPECT_EQ(s.stats.rows, 21 * 2111);
      EXPECT_EQ(s.stats.bad, 0);
    }
  }
  // Cut short, and damaged: the rows before are kept and the file is named.
  auto damaged = [](std::string d) {
    for (std::size_t k = 0; k < 64; ++k) d[d.size() * 3 / 4 + k] = 'x';
    return d;
  };
  for (const std::string& bad : {gz.substr(0, gz.size() - 100000), damaged(gz),
                                 stored.substr(0, stored.size() - 100000), damaged(stored)}) {
    detente::test::write_text(dir / "bad.CSV.gz", bad);
    ReadOptions ro;
    ro.max_reported = 100000;
    const Seen got = collect(
        [&](const RowVisitor& v) { return read_events({(dir / "bad.CSV.gz").string()}, ro, v); });
    EXPECT_GT(got.stats.rows, 10 * 2111);
    EXPECT_LE(got.stats.rows, 21 * 2111);  // damage in an unused field only fails the CRC
    EXPECT_EQ(got.stats.bad_by_kind[static_cast<int>(BadKind::truncated)], 1);
    bool named = false;
    for (const auto& r : got.stats.reported)
      named |= r.kind == BadKind::truncated && r.where.file == (dir / "bad.CSV.gz").string();
    EXPECT_TRUE(named);
  }
  fs::remove_all(dir);
}

TEST(EventsFastPaths, TarGzEntriesAreStillReadOneByOne) {
  auto dir = detente::test::temp_dir("events-targz");
  const std::string text = std::string("2019-10-01\tUSAGOV\tCANGOV\t042\n") + "bad\n";
  detente::test::write_archive(dir / "t.tar.gz", {{"one.tsv", text}, {"two.tsv", text}},
                               detente::test::ArchiveKind::tar_gz);
  ReadOptions o;
  o.format = InputFormat::cameo_tsv;
  const Seen got = collect(
      [&](const RowVisitor& v) { return read_events({(dir / "t.tar.gz").string()}, o, v); });
  EXPECT_EQ(got.stats.rows, 2);
  ASSERT_EQ(got.stats.reported.size(), 2u);
  EXPECT_EQ(got.stats.reported[0].where.file, (dir / "t.tar.gz").string() + ":one.tsv");
  EXPECT_EQ(got.stats.reported[1].where.file, (dir / "t.tar.gz").string() + ":two.tsv");
  EXPECT_EQ(got.stats.reported[1].where.line, 2);
  fs::remove_all(dir);
}

TEST(EventsFastPaths, RandomlyDamagedArchivesNeverCrashOrHang) {
  // Seeded damage anywhere in a two-member zip (headers, central directory, data) and in a
  // gzip file: the readers report or skip, and never crash, hang or read out of bounds
  // (the sanitizer suite runs this too).
  auto dir = detente::test::temp_dir("events-damage");
  std::string text;
  for (int i = 0; i < 300; ++i)
    text += "2019-10-" + std::to_string(10 + i % 20) + "\tCHNGOV\tJPNGOV\t042\n";
  detente::test::write_zip(dir / "ok.zip", {{"a.tsv", text}, {"b.tsv", text}});
  detente::test::write_zip(dir / "stored.zip", {{"a.tsv", text}}, /*stored=*/true);
  const std::string originals[] = {detente::test::read_text(dir / "ok.zip"),
                                   detente::test::read_text(dir / "stored.zip"), gzip(text)};
  std::uint64_t state = 12345;
  auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 33;
  };
  int reported = 0;
  for (int round = 0; round < 300; ++round) {
    std::string bytes = originals[round % 3];
    const int flips = 1 + static_cast<int>(next() % 6);
    for (int k = 0; k < flips; ++k) {
      // Half of the damage in the last 100 bytes: the central directory and trailer.
      const std::size_t at =
          next() % 2 ? next() % bytes.size()
                     : bytes.size() - 1 - next() % std::min<std::size_t>(100, bytes.size());
      bytes[at] = static_cast<char>(next() & 0xff);
    }
    if (round % 7 == 0) bytes.resize(next() % bytes.size());
    const auto path = dir / "damaged.bin";
    detente::test::write_text(path, bytes);
    ReadOptions o;
    o.format = InputFormat::cameo_tsv;
    ReadStats st;
    ASSERT_NO_THROW(st = read_events({path.string()}, o, [](const EventRow&, int) {})) << round;
    EXPECT_LE(st.rows, 2 * 300 + 10) << round;
    reported += st.bad > 0;
  }
  EXPECT_GT(reported, 100);  // most damage is seen
  fs::remove_all(dir);
}
