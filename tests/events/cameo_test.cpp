// Cross-checks the project's CAMEO table against the original lookup files in the shared
// data folder (GDELT's two lookups, Schrodt's 2007 scale, the ICEWS code table).
#include "events/cameo.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>

#include "test_support.hpp"

using namespace detente::events;

namespace {

std::map<std::string, std::string> read_tab_lookup(const std::string& path) {
  std::map<std::string, std::string> out;
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    auto tab = line.find('\t');
    if (tab == std::string::npos) continue;
    std::string v = line.substr(tab + 1);
    while (!v.empty() && (v.back() == '\r' || v.back() == ' ')) v.pop_back();
    out[line.substr(0, tab)] = v;
  }
  return out;
}

}  // namespace

TEST(Cameo, MatchesGdeltLookups) {
  auto gs = detente::test::data_file("events/cameo/CAMEO.goldsteinscale.txt");
  auto ev = detente::test::data_file("events/cameo/CAMEO.eventcodes.txt");
  if (!gs || !ev) GTEST_SKIP() << detente::test::missing_data_message();
  auto scale = read_tab_lookup(*gs);
  auto names = read_tab_lookup(*ev);
  ASSERT_EQ(scale.size(), 311u);
  EXPECT_EQ(cameo_codes().size(), scale.size());
  for (const auto& [code, value] : scale) {
    const CameoCode* c = find_cameo(code);
    ASSERT_NE(c, nullptr) << code;
    EXPECT_DOUBLE_EQ(c->goldstein, std::stod(value)) << code;
    EXPECT_DOUBLE_EQ(*goldstein(code, GoldsteinScale::gdelt), std::stod(value)) << code;
    // Names agree except for one mis-encoded character in GDELT's file (044).
    if (code != "044") {
      EXPECT_EQ(std::string(c->name), names.at(code)) << code;
    }
  }
}

TEST(Cameo, MatchesSchrodt2007Scale) {
  auto path = detente::test::data_file("events/cameo/CAMEO.SCALE.0.5B1.txt");
  if (!path) GTEST_SKIP() << detente::test::missing_data_message();
  std::ifstream in(*path);
  std::string line;
  std::regex entry(R"(^\s*(\d+):\[([-0-9.]+)\])");
  std::set<std::string> listed;
  while (std::getline(in, line)) {
    std::smatch m;
    if (!std::regex_search(line, m, entry)) continue;
    listed.insert(m[1]);
    auto v = goldstein(m[1].str(), GoldsteinScale::schrodt2007);
    ASSERT_TRUE(v.has_value()) << m[1];
    EXPECT_DOUBLE_EQ(*v, std::stod(m[2])) << m[1];
  }
  EXPECT_EQ(listed.size(), 276u);
  int absent = 0, differ = 0;
  for (const auto& c : cameo_codes()) {
    auto v = goldstein(c.code, GoldsteinScale::schrodt2007);
    EXPECT_EQ(v.has_value(), listed.count(std::string(c.code)) == 1) << c.code;
    if (!v) {
      ++absent;
      EXPECT_TRUE(goldstein_or_base(c.code, GoldsteinScale::schrodt2007).has_value()) << c.code;
    } else if (*v != c.goldstein) {
      ++differ;
    }
  }
  // The reference notes: 51 differences = 40 absent + 11 valued differently (6 of
  // which are codes GDELT's list has).
  EXPECT_EQ(absent, 40);
  EXPECT_EQ(differ, 6);
}

TEST(Cameo, MatchesIcewsIntensity) {
  auto path = detente::test::data_file("events/cameo/icews_cameo-codes.csv");
  if (!path) GTEST_SKIP() << detente::test::missing_data_message();
  std::ifstream in(*path);
  std::string line;
  std::getline(in, line);
  // Rows: "n",id,"name","code",goldstein,... ; the code and value are the 4th and 5th fields.
  std::regex row(R"re(^"\d+",\d+,"[^"]*","(\d+)",(-?[0-9.]+),)re");
  int n = 0;
  while (std::getline(in, line)) {
    std::smatch m;
    if (!std::regex_search(line, m, row)) continue;
    ++n;
    auto v = goldstein(m[1].str(), GoldsteinScale::icews);
    ASSERT_TRUE(v.has_value()) << m[1];
    EXPECT_DOUBLE_EQ(*v, std::stod(m[2])) << m[1];
  }
  EXPECT_EQ(n, 312);
}

TEST(Cameo, RootsAndQuadClasses) {
  EXPECT_EQ(cameo_root("0251"), "02");
  EXPECT_EQ(cameo_root("190"), "19");
  EXPECT_EQ(cameo_root("21"), "");
  EXPECT_EQ(cameo_root("1a"), "");
  EXPECT_EQ(cameo_root_number("2042"), 20);
  // GDELT puts root 09 in class 2 and 14 in class 3; ICEWS in 3 and 4.
  EXPECT_EQ(quad_class("090", QuadMapping::gdelt), 2);
  EXPECT_EQ(quad_class("090", QuadMapping::icews), 3);
  EXPECT_EQ(quad_class("141", QuadMapping::gdelt), 3);
  EXPECT_EQ(quad_class("141", QuadMapping::icews), 4);
  EXPECT_EQ(quad_class("080", QuadMapping::icews), 2);
  EXPECT_EQ(quad_class("010", QuadMapping::gdelt), 1);
  EXPECT_EQ(quad_class("200", QuadMapping::gdelt), 4);
  EXPECT_EQ(quad_class("xyz", QuadMapping::gdelt), 0);
  EXPECT_EQ(goldstein_or_base("0251", GoldsteinScale::schrodt2007),
            goldstein("025", GoldsteinScale::schrodt2007));
  EXPECT_FALSE(goldstein("999", GoldsteinScale::gdelt).has_value());
  EXPECT_EQ(goldstein_scale_from_string("icews"), GoldsteinScale::icews);
  EXPECT_FALSE(goldstein_scale_from_string("foo").has_value());
}
