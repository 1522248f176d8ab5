// Event readers on fixtures made here: GDELT 1.0 with 57- and 58-column rows in one file,
// every kind of malformed row, empty and header-only files, a truncated zip, --strict,
// line numbers across blocks, and the Mentions join.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "archive_writer.hpp"
#include "events/dyad_series.hpp"
#include "io/events/event_reader.hpp"
#include "test_support.hpp"

using namespace detente::events;
namespace fs = std::filesystem;

namespace {

struct GdeltRow {
  int columns = 61;
  std::string id = "1", date = "20191024";
  std::string a1 = "CHN", a2 = "JPN", a1_code = "CHNGOV", a2_code = "JPNGOV";
  std::string a1_type = "GOV", a2_type = "GOV";
  std::string root_flag = "1", code = "042", quad = "1", goldstein = "1.9", mentions = "4";
  std::string a1_geo = "CH", a2_geo = "JA", action_geo = "JA";
  std::string date_added = "20191024143000", url = "http://example.org/a";
  std::string actor1_name = "CHINA";

  std::string line() const {
    std::vector<std::string> f(static_cast<std::size_t>(columns));
    f[0] = id;
    f[1] = date;
    f[2] = date.substr(0, 6);
    f[3] = date.substr(0, 4);
    f[5] = a1_code;
    f[6] = actor1_name;
    f[7] = a1;
    f[12] = a1_type;
    f[15] = a2_code;
    f[17] = a2;
    f[22] = a2_type;
    f[25] = root_flag;
    f[26] = code;
    f[27] = code.substr(0, 3);
    f[28] = code.substr(0, 2);
    f[29] = quad;
    f[30] = goldstein;
    f[31] = mentions;
    if (columns == 61) {
      f[37] = a1_geo;
      f[45] = a2_geo;
      f[53] = action_geo;
      f[59] = date_added;
      f[60] = url;
    } else if (columns == 57 || columns == 58) {
      f[37] = a1_geo;
      f[44] = a2_geo;
      f[51] = action_geo;
      f[56] = date_added.substr(0, 8);
      if (columns == 58) f[57] = url;
    }
    std::string out;
    for (std::size_t i = 0; i < f.size(); ++i) out += (i ? "\t" : "") + f[i];
    return out;
  }
};

// A row with its text fields copied (EventRow views die with the reader's buffer).
struct OwnedRow {
  Layout layout;
  std::int32_t event_date;
  std::string actor1_country, actor2_country, actor1_type, actor2_type, actor1_geo, action_geo,
      event_code;
  int quad;
  std::int64_t goldstein_centi, mentions;
};

std::vector<OwnedRow> read_all(const std::string& path, ReadOptions o, ReadStats* stats = nullptr) {
  std::vector<OwnedRow> rows;
  auto st = read_events({path}, o, [&](const EventRow& r, int) {
    rows.push_back({r.layout, r.event_date, std::string(r.actor1_country),
                    std::string(r.actor2_country), std::string(r.actor1_types[0]),
                    std::string(r.actor2_types[0]), std::string(r.actor1_geo),
                    std::string(r.action_geo), std::string(r.event_code), r.quad, r.goldstein_centi,
                    r.mentions});
  });
  if (stats) *stats = st;
  return rows;
}

}  // namespace

TEST(EventsReader, Gdelt1MixesBackfileAndDailyRows) {
  auto dir = detente::test::temp_dir("events-gdelt1");
  GdeltRow back;  // 1982 backfile row: 57 columns, no SOURCEURL
  back.columns = 57;
  back.date = "19820315";
  back.a1 = "USA";
  back.a2 = "JPN";
  back.code = "036";
  back.quad = "1";
  back.goldstein = "4.0";
  back.mentions = "3";
  back.a1_geo = "US";
  back.date_added = "20130203";
  GdeltRow daily;  // 2016 daily row: 58 columns
  daily.columns = 58;
  daily.date = "20160728";
  daily.a1 = "CHN";
  daily.a2 = "JPN";
  daily.code = "112";
  daily.quad = "3";
  daily.goldstein = "-2.0";
  daily.mentions = "5";
  daily.date_added = "20160728";
  daily.url = "http://example.org/daily";
  std::string text =
      daily.line() + "\n" + back.line() + "\n" + daily.line() + "\n" + back.line() + "\n";
  detente::test::write_text(dir / "mixed.tsv", text);

  ReadStats st;
  ReadOptions o;
  auto rows = read_all((dir / "mixed.tsv").string(), o, &st);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(st.bad, 0);
  EXPECT_EQ(st.by_layout[static_cast<int>(Layout::gdelt1_daily)], 2);
  EXPECT_EQ(st.by_layout[static_cast<int>(Layout::gdelt1_backfile)], 2);
  EXPECT_EQ(rows[1].layout, Layout::gdelt1_backfile);
  EXPECT_EQ(rows[1].event_code, "036");
  EXPECT_EQ(rows[1].goldstein_centi, 400);
  EXPECT_EQ(rows[1].mentions, 3);
  EXPECT_EQ(rows[1].action_geo, "JA");
  EXPECT_EQ(rows[1].actor1_geo, "US");
  EXPECT_EQ(rows[1].event_date, (detente::Date{1982, 3, 15}.days_since_epoch()));
  EXPECT_EQ(rows[0].layout, Layout::gdelt1_daily);
  EXPECT_EQ(rows[0].quad, 3);
  EXPECT_EQ(rows[0].goldstein_centi, -200);

  // Explicit gdelt1 accepts both; gdelt2 rejects both as short rows.
  o.format = InputFormat::gdelt1;
  read_all((dir / "mixed.tsv").string(), o, &st);
  EXPECT_EQ(st.rows, 4);
  o.format = InputFormat::gdelt2;
  read_all((dir / "mixed.tsv").string(), o, &st);
  EXPECT_EQ(st.rows, 0);
  EXPECT_EQ(st.bad_by_kind[static_cast<int>(BadKind::short_row)], 4);

  // Aggregated by year with DATEADDED: the backfile rows fall in 2013.
  AggregateOptions ao;
  ao.period = Period::year;
  ao.read.date_basis = DateBasis::added;
  auto s = aggregate_events({(dir / "mixed.tsv").string()}, ao);
  ASSERT_EQ(s.cells.size(), 2u);
  EXPECT_EQ(period_label(s.cells[0].period, Period::year), "2013");
  EXPECT_EQ(s.cells[0].actor1, "USA");
  EXPECT_EQ(s.cells[0].events, 2);
  EXPECT_EQ(s.cells[0].goldstein_centi, 800);
  EXPECT_EQ(s.cells[1].actor1, "CHN");
  EXPECT_EQ(s.cells[1].quad[2], 2);
  // Actor countries from geography (FIPS -> ISO3): US->USA, JA->JPN, CH->CHN.
  ao.filter.actor_geo = true;
  s = aggregate_events({(dir / "mixed.tsv").string()}, ao);
  ASSERT_EQ(s.cells.size(), 2u);
  fs::remove_all(dir);
}

TEST(EventsReader, EveryMalformedKindIsCountedAndLocated) {
  auto dir = detente::test::temp_dir("events-bad");
  GdeltRow good;
  GdeltRow bad_date = good;
  bad_date.date = "20190230";
  GdeltRow bad_number = good;
  bad_number.goldstein = "abc";
  GdeltRow bad_quad = good;
  bad_quad.quad = "7";
  GdeltRow bad_utf8 = good;
  bad_utf8.actor1_name = "CHI\xff\xfeNA";
  GdeltRow good_utf8 = good;
  good_utf8.actor1_name = "\xe4\xb8\xad\xe5\x9b\xbd";  // 中国
  std::string shortrow = "1\t20191024\tCHN";
  std::string longrow = good.line() + "\textra\tmore";
  std::string text = good.line() + "\n" + shortrow + "\n" + longrow + "\n" + bad_date.line() +
                     "\n" + bad_number.line() + "\n" + bad_utf8.line() + "\n" + bad_quad.line() +
                     "\n" + good_utf8.line() + "\r\n\n";
  auto path = (dir / "bad.CSV").string();
  detente::test::write_text(path, text);

  ReadStats st;
  ReadOptions o;
  o.max_reported = 10;
  auto rows = read_all(path, o, &st);
  EXPECT_EQ(rows.size(), 2u);
  EXPECT_EQ(st.bad, 6);
  EXPECT_EQ(st.bad_by_kind[static_cast<int>(BadKind::short_row)], 1);
  EXPECT_EQ(st.bad_by_kind[static_cast<int>(BadKind::long_row)], 1);
  EXPECT_EQ(st.bad_by_kind[static_cast<int>(BadKind::bad_date)], 1);
  EXPECT_EQ(st.bad_by_kind[static_cast<int>(BadKind::non_numeric)], 2);
  EXPECT_EQ(st.bad_by_kind[static_cast<int>(BadKind::invalid_utf8)], 1);
  ASSERT_EQ(st.reported.size(), 6u);
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(st.reported[i].where.file, path);
    EXPECT_EQ(st.reported[i].where.line, static_cast<int>(i) + 2);
  }
  EXPECT_EQ(st.reported[2].where.field, "column 2");
  EXPECT_NE(st.reported[2].message.find("20190230"), std::string::npos);
  EXPECT_EQ(st.reported[3].where.field, "column 31");
  EXPECT_NE(st.reported[3].message.find("abc"), std::string::npos);

  // Only the first few are reported; all are counted.
  o.max_reported = 2;
  read_all(path, o, &st);
  EXPECT_EQ(st.reported.size(), 2u);
  EXPECT_EQ(st.bad, 6);

  // --strict stops at the first, naming file, line and what was wrong.
  o.strict = true;
  try {
    read_all(path, o);
    FAIL() << "expected InputError";
  } catch (const detente::InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].where.file, path);
    EXPECT_EQ(e.diagnostics()[0].where.line, 2);
    EXPECT_NE(e.diagnostics()[0].message.find("short row"), std::string::npos);
  }
  fs::remove_all(dir);
}

TEST(EventsReader, EmptyAndHeaderOnlyFiles) {
  auto dir = detente::test::temp_dir("events-empty");
  detente::test::write_text(dir / "empty.CSV", "");
  detente::test::write_text(dir / "header.tab",
                            "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\t"
                            "Event Text\tCAMEO Code\tIntensity\tTarget Name\tTarget Sectors\t"
                            "Target Country\tStory ID\tSentence Number\tPublisher\tCity\t"
                            "District\tProvince\tCountry\tLatitude\tLongitude\n");
  detente::test::write_text(dir / "header.tsv", "date\tsource\ttarget\tcode\n");
  for (const char* name : {"empty.CSV", "header.tab", "header.tsv"}) {
    ReadStats st;
    ReadOptions o;
    o.strict = true;
    EXPECT_TRUE(read_all((dir / name).string(), o, &st).empty()) << name;
    EXPECT_EQ(st.bad, 0) << name;
    EXPECT_EQ(st.headers, std::string(name) == "empty.CSV" ? 0 : 1) << name;
    AggregateOptions ao;
    auto s = aggregate_events({(dir / name).string()}, ao);
    EXPECT_TRUE(s.cells.empty());
    EXPECT_EQ(to_csv(s),
              "period,actor1,actor2,events,goldstein_sum,goldstein_mean,mentions,quad1,quad2,"
              "quad3,quad4\n");
  }
  fs::remove_all(dir);
}

TEST(EventsReader, IcewsAndCameoTsvRows) {
  auto dir = detente::test::temp_dir("events-icews");
  std::string header =
      "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO "
      "Code\tIntensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\tSentence "
      "Number\tPublisher\tCity\tDistrict\tProvince\tCountry\tLatitude\tLongitude\n";
  auto row = [](std::string id, std::string date, std::string src, std::string code,
                std::string intensity, std::string tgt) {
    return id + "\t" + date + "\tX\tGovernment,Military\t" + src + "\tT\t" + code + "\t" +
           intensity + "\tY\tMedia\t" + tgt + "\t9\t1\tP\tC\tNA\tNA\tNA\t1.0\t2.0\n";
  };
  std::string text = header + row("1", "2018-06-01", "North Korea", "0251", "3", "United States") +
                     row("2", "6/2/2017", "Russian Federation", "190", "-10", "South Korea") +
                     row("3", "2018-13-01", "China", "040", "1", "Japan") +
                     row("4", "2018-06-01", "Atlantis", "040", "1", "Japan");
  detente::test::write_text(dir / "e.tab", text);
  ReadStats st;
  auto rows = read_all((dir / "e.tab").string(), {}, &st);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(st.bad_by_kind[static_cast<int>(BadKind::bad_date)], 1);
  EXPECT_EQ(st.reported.at(0).where.line, 4);
  EXPECT_EQ(rows[0].actor1_country, "PRK");
  EXPECT_EQ(rows[0].actor2_country, "USA");
  EXPECT_EQ(rows[0].quad, 1);
  EXPECT_EQ(rows[0].goldstein_centi, 300);
  EXPECT_EQ(rows[1].event_date, (detente::Date{2017, 6, 2}.days_since_epoch()));
  EXPECT_EQ(rows[1].actor1_country, "RUS");
  EXPECT_EQ(rows[1].quad, 4);
  EXPECT_EQ(rows[2].actor1_country, "");
  EXPECT_EQ(st.unknown_countries, 1);

  // A byte-order mark before the header is ignored.
  detente::test::write_text(dir / "bom.tab", "\xEF\xBB\xBF" + text);
  read_all((dir / "bom.tab").string(), {}, &st);
  EXPECT_EQ(st.headers, 1);
  EXPECT_EQ(st.rows, 3);

  // Roles: ICEWS sectors ("Government,Military") match GOV and MIL; "Media" matches MED.
  AggregateOptions ao;
  ao.filter.roles = {"MIL"};
  EXPECT_EQ(aggregate_events({(dir / "e.tab").string()}, ao).counted, 0);
  ao.filter.roles = {"GOV", "MED"};
  EXPECT_EQ(aggregate_events({(dir / "e.tab").string()}, ao).counted, 2);

  // CAMEO TSV: Goldstein from the chosen scale, QuadClass from the root.
  detente::test::write_text(dir / "k.tsv",
                            "date\tsource\ttarget\tcode\n1979-04-15\tEGYGOV\tISRMIL\t016\n"
                            "19790416\tISR\tJOR\t190\n");
  rows = read_all((dir / "k.tsv").string(), {}, &st);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].actor1_country, "EGY");
  EXPECT_EQ(rows[0].actor1_type, "GOV");
  EXPECT_EQ(rows[0].actor2_type, "MIL");
  EXPECT_EQ(rows[0].goldstein_centi, -200);
  EXPECT_EQ(rows[1].goldstein_centi, -1000);
  ReadOptions o;
  o.goldstein = ValueSource::schrodt2007;
  rows = read_all((dir / "k.tsv").string(), o, &st);
  EXPECT_EQ(rows[0].goldstein_centi, 340);
  o.goldstein = ValueSource::icews;
  rows = read_all((dir / "k.tsv").string(), o, &st);
  EXPECT_EQ(rows[0].goldstein_centi, -500);
  fs::remove_all(dir);
}

TEST(EventsReader, ZipAndTruncatedZip) {
  auto dir = detente::test::temp_dir("events-zip");
  std::string text;
  for (int i = 0; i < 3000; ++i) {
    GdeltRow r;
    r.id = std::to_string(i + 1);
    r.url = "http://example.org/" + std::to_string(i * 7919 % 10007);
    text += r.line() + "\n";
  }
  detente::test::write_zip(dir / "ok.zip", {{"20191024143000.export.CSV", text}});
  ReadStats st;
  read_all((dir / "ok.zip").string(), {}, &st);
  EXPECT_EQ(st.rows, 3000);
  EXPECT_EQ(st.bad, 0);

  std::string zipped = detente::test::read_text(dir / "ok.zip");
  detente::test::write_text(dir / "cut.zip", zipped.substr(0, zipped.size() / 2));
  read_all((dir / "cut.zip").string(), {}, &st);
  EXPECT_GE(st.bad_by_kind[static_cast<int>(BadKind::truncated)], 1);
  EXPECT_LT(st.rows, 3000);
  bool named = false;
  for (const auto& r : st.reported)
    if (r.kind == BadKind::truncated) named = r.where.file.find("cut.zip") != std::string::npos;
  EXPECT_TRUE(named);
  ReadOptions strict;
  strict.strict = true;
  EXPECT_THROW(read_all((dir / "cut.zip").string(), strict), detente::InputError);
  // Not an archive at all, but named .zip: read as text, rows reported as malformed.
  detente::test::write_text(dir / "junk.zip", "PK\x03\x04garbage");
  read_all((dir / "junk.zip").string(), {}, &st);
  EXPECT_GE(st.bad, 1);
  fs::remove_all(dir);
}

TEST(EventsReader, LineNumbersAcrossBlocksAndThreads) {
  auto dir = detente::test::temp_dir("events-lines");
  GdeltRow r;
  std::string good = r.line() + "\n";
  std::string text;
  const int n = 60000;  // ~ 8 MB: several 4 MB blocks
  for (int i = 1; i <= n; ++i) text += i == 45678 ? "broken\n" : good;
  detente::test::write_text(dir / "big.CSV", text);
  for (int threads : {1, 2, 4}) {
    ReadOptions o;
    o.threads = threads;
    ReadStats st;
    read_events({(dir / "big.CSV").string()}, o, [](const EventRow&, int) {});
    st = read_events({(dir / "big.CSV").string()}, o, [](const EventRow&, int) {});
    EXPECT_EQ(st.rows, n - 1);
    ASSERT_EQ(st.reported.size(), 1u);
    EXPECT_EQ(st.reported[0].where.line, 45678) << threads;
  }
  fs::remove_all(dir);
}

TEST(EventsReader, MentionsJoin) {
  auto dir = detente::test::temp_dir("events-mentions");
  GdeltRow a, b;
  a.id = "101";
  b.id = "102";
  b.a1 = "KOR";
  detente::test::write_text(dir / "e.CSV", a.line() + "\n" + b.line() + "\n");
  auto mention = [](std::string id, std::string conf) {
    return id + "\t20191024143000\t20191024150000\t1\tsrc\thttp://x\t1\t-1\t-1\t-1\t1\t" + conf +
           "\t100\t1.5\t\t\n";
  };
  detente::test::write_text(dir / "m.CSV", mention("101", "100") + mention("101", "20") +
                                               mention("101", "90") + mention("102", "50"));
  AggregateOptions o;
  o.min_confidence = 50;
  auto s = aggregate_events({(dir / "e.CSV").string()}, o, {(dir / "m.CSV").string()});
  ASSERT_EQ(s.cells.size(), 2u);
  EXPECT_EQ(s.mention_stats.rows, 4);
  EXPECT_EQ(s.cells[0].actor1, "CHN");
  EXPECT_EQ(s.cells[0].mentions, 2);
  EXPECT_EQ(s.cells[1].mentions, 1);
  // Auto-detection recognises a mentions file (16 fields).
  ReadStats st;
  read_all((dir / "m.CSV").string(), {}, &st);
  EXPECT_EQ(st.by_layout[static_cast<int>(Layout::gdelt_mentions)], 4);
  fs::remove_all(dir);
}

TEST(EventsReader, ExpandInputs) {
  auto dir = detente::test::temp_dir("events-glob");
  detente::test::write_text(dir / "b.CSV", "");
  detente::test::write_text(dir / "a.CSV", "");
  detente::test::write_text(dir / "c.txt", "");
  auto all = expand_inputs({dir.string()});
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(fs::path(all[0]).filename(), "a.CSV");
  auto csv = expand_inputs({(dir / "*.CSV").string(), "-"});
  ASSERT_EQ(csv.size(), 3u);
  EXPECT_EQ(csv[2], "-");
  EXPECT_THROW(expand_inputs({(dir / "*.zip").string()}), detente::InputError);
  EXPECT_THROW(expand_inputs({(dir / "nope.CSV").string()}), detente::InputError);
  fs::remove_all(dir);
}

TEST(EventsReader, GarbageNeverCrashesAndEveryLineIsAccounted) {
  auto dir = detente::test::temp_dir("events-garbage");
  std::mt19937_64 rng(20241127);
  GdeltRow base;
  std::string good = base.line();
  for (InputFormat f : {InputFormat::auto_detect, InputFormat::gdelt1, InputFormat::gdelt2,
                        InputFormat::icews, InputFormat::cameo_tsv}) {
    std::string text;
    std::int64_t lines = 0;
    for (int i = 0; i < 400; ++i) {
      std::string line = good;
      // Mutate: random bytes (including tabs and high bytes) at random places, or cut.
      int edits = static_cast<int>(rng() % 6);
      for (int k = 0; k < edits; ++k) {
        std::size_t pos = rng() % line.size();
        switch (rng() % 4) {
          case 0:
            line[pos] = static_cast<char>(rng() % 256);
            break;
          case 1:
            line = line.substr(0, pos) + '\t' + line.substr(pos);
            break;
          case 2:
            line.erase(pos, rng() % 40);
            break;
          default:
            line[pos] = static_cast<char>(0x80 + rng() % 64);
        }
        if (line.empty()) line.push_back('x');
      }
      std::replace(line.begin(), line.end(), '\n', ' ');
      std::replace(line.begin(), line.end(), '\r', ' ');
      text += line + "\n";
      ++lines;
    }
    detente::test::write_text(dir / "g.txt", text);
    ReadOptions o;
    o.format = f;
    o.threads = 2;
    ReadStats st;
    read_all((dir / "g.txt").string(), o, &st);
    EXPECT_EQ(st.rows + st.bad + st.headers, lines) << to_string(f);
    AggregateOptions ao;
    ao.read = o;
    EXPECT_NO_THROW(aggregate_events({(dir / "g.txt").string()}, ao));
  }
  fs::remove_all(dir);
}

TEST(EventsReader, ManyFilesInParallelSameResultAndReportOrder) {
  auto dir = detente::test::temp_dir("events-many");
  std::vector<std::string> files;
  for (int f = 0; f < 6; ++f) {
    std::string text;
    for (int i = 0; i < 500; ++i) {
      GdeltRow r;
      r.a2 = (i + f) % 3 == 0 ? "KOR" : "JPN";
      r.date = f % 2 ? "20191024" : "20191124";
      text += (i == 100 + f ? std::string("bad") : r.line()) + "\n";
    }
    auto p = dir / ("f" + std::to_string(f) + ".CSV");
    detente::test::write_text(p, text);
    files.push_back(p.string());
  }
  detente::test::write_zip(dir / "z.zip", {{"inner.CSV", GdeltRow{}.line() + "\n"}});
  files.push_back((dir / "z.zip").string());
  AggregateOptions o;
  o.read.threads = 1;
  auto one = aggregate_events(files, o);
  o.read.threads = 3;
  auto three = aggregate_events(files, o);
  EXPECT_EQ(to_csv(one, {true, true}), to_csv(three, {true, true}));
  EXPECT_EQ(three.stats.rows, 6 * 499 + 1);
  EXPECT_EQ(three.stats.files, 7);
  ASSERT_EQ(three.stats.reported.size(), 5u);
  for (int f = 0; f < 5; ++f) {
    EXPECT_EQ(three.stats.reported[static_cast<std::size_t>(f)].where.file,
              files[static_cast<std::size_t>(f)]);
    EXPECT_EQ(three.stats.reported[static_cast<std::size_t>(f)].where.line, 101 + f);
  }
  fs::remove_all(dir);
}

TEST(EventsReader, LinesLongerThanABlock) {
  auto dir = detente::test::temp_dir("events-longline");
  GdeltRow r;
  GdeltRow huge = r;
  huge.url = "http://example.org/" + std::string(9 << 20, 'x');  // 9 MB field, > 2 blocks
  std::string text = r.line() + "\n" + huge.line() + "\n" + r.line() + "\n" +
                     std::string(5 << 20, 'y') + "\n" + r.line();  // last line: no newline
  detente::test::write_text(dir / "long.CSV", text);
  for (int threads : {1, 2}) {
    ReadOptions o;
    o.threads = threads;
    ReadStats st;
    std::vector<std::size_t> longest(threads, 0);  // one per worker: the visitor runs on each
    st = read_events({(dir / "long.CSV").string()}, o, [&](const EventRow& row, int worker) {
      longest[worker] = std::max(longest[worker], row.url.size());
    });
    const std::size_t longest_url = *std::max_element(longest.begin(), longest.end());
    EXPECT_EQ(st.rows, 4);
    EXPECT_EQ(st.bad, 1);
    ASSERT_EQ(st.reported.size(), 1u);
    EXPECT_EQ(st.reported[0].where.line, 4);
    EXPECT_EQ(longest_url, huge.url.size());
  }
  fs::remove_all(dir);
}
