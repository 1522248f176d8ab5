// The sensitivity tornado chart: ranked by total order, bars to scale, text escaped,
// self-contained (no scripts, no external references).
#include "report/tornado.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <regex>

namespace detente::report {
namespace {

std::vector<double> widths(const std::string& svg, const std::string& cls) {
  std::vector<double> out;
  std::regex re("<rect class=" + cls + " x='[^']*' y='[^']*' width='([^']*)'");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), re); it != std::sregex_iterator();
       ++it)
    out.push_back(std::stod((*it)[1]));
  return out;
}

TEST(Tornado, RankedByTotalOrderWithBarsToScale) {
  auto svg = tornado_svg({{"a", 0.10}, {"b", 0.40}, {"c", 0.05}},
                         {{"a", 0.20}, {"b", 0.80}, {"c", 0.40}}, "P(summit)");
  const auto pa = svg.find(">a<"), pb = svg.find(">b<"), pc = svg.find(">c<");
  ASSERT_NE(pa, std::string::npos);
  ASSERT_NE(pb, std::string::npos);
  ASSERT_NE(pc, std::string::npos);
  EXPECT_LT(pb, pc);  // ST 0.8 above 0.4 above 0.2
  EXPECT_LT(pc, pa);
  // Bars in ranked order b, c, a on one linear scale from 0.
  auto st = widths(svg, "st"), s1 = widths(svg, "s1");
  ASSERT_EQ(st.size(), 3u);
  ASSERT_EQ(s1.size(), 3u);
  EXPECT_NEAR(st[1] / st[0], 0.5, 0.01);
  EXPECT_NEAR(st[2] / st[0], 0.25, 0.01);
  EXPECT_NEAR(s1[0] / st[0], 0.5, 0.01);  // S1 b = 0.4 is half of ST b = 0.8
  EXPECT_NEAR(s1[1] / st[0], 0.0625, 0.01);
  EXPECT_NE(svg.find("S1 0.4 · ST 0.8"), std::string::npos);
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
}

TEST(Tornado, EscapesTextAndStaysSelfContained) {
  auto svg = tornado_svg({{"<x&y>", 0.3}}, {{"<x&y>", 0.5}}, "Tom's \"chart\" <b>");
  EXPECT_EQ(svg.find("<x&y>"), std::string::npos);
  EXPECT_NE(svg.find("&lt;x&amp;y&gt;"), std::string::npos);
  EXPECT_NE(svg.find("Tom&#39;s &quot;chart&quot; &lt;b&gt;"), std::string::npos);
  EXPECT_EQ(svg.find("<b>"), std::string::npos);
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_EQ(svg.find("href"), std::string::npos);
  EXPECT_EQ(svg.find("http"), std::string::npos);
}

TEST(Tornado, NegativeMissingAndUndefinedValues) {
  const double nan = std::nan("");
  auto svg = tornado_svg({{"noise", -0.02}, {"only_s1", 0.1}, {"flat", nan}},
                         {{"flat", nan}, {"noise", 0.03}, {"big", 0.6}}, "t");
  // Ranking: big (0.6), noise (0.03), then the undefined ones in the order given.
  const auto big = svg.find(">big<"), noise = svg.find(">noise<"), flat = svg.find(">flat<"),
             only = svg.find(">only_s1<");
  EXPECT_LT(big, noise);
  EXPECT_LT(noise, flat);
  EXPECT_LT(flat, only);
  EXPECT_NE(svg.find("S1 -0.02 · ST 0.03"), std::string::npos);
  EXPECT_NE(svg.find("S1 n/a · ST n/a"), std::string::npos);
  for (double w : widths(svg, "s1")) EXPECT_GE(w, 0.0);  // negative estimate: empty bar
  EXPECT_EQ(svg.find("nan"), std::string::npos);
  EXPECT_EQ(svg.find("inf"), std::string::npos);
}

TEST(Tornado, FromASobolResult) {
  sim::SobolResult r;
  r.input_names = {"p", "q"};
  r.outputs.resize(1);
  r.outputs[0].inputs = {{0.1, 0.1, 0.1, 0.2, 0.2, 0.2}, {0.5, 0.5, 0.5, 0.7, 0.7, 0.7}};
  auto svg = sobol_tornado_svg(r, 0, "outcome");
  EXPECT_LT(svg.find(">q<"), svg.find(">p<"));
  EXPECT_NE(svg.find("S1 0.5 · ST 0.7"), std::string::npos);
  EXPECT_THROW(sobol_tornado_svg(r, 1, "none"), std::out_of_range);
}

TEST(Tornado, LongUtf8LabelsAreShortenedWithoutBreakingCharacters) {
  std::string name;
  for (int i = 0; i < 30; ++i) name += "é";
  name += "-Taiwan-Strait-transit-rate";
  auto svg = tornado_svg({{name, 0.2}}, {{name, 0.3}}, "t");
  EXPECT_NE(svg.find("…"), std::string::npos);
  EXPECT_NE(svg.find(name), std::string::npos);  // full name in the tooltip
  auto empty = tornado_svg({}, {}, "nothing");
  EXPECT_NE(empty.find("no uncertain inputs"), std::string::npos);
}

}  // namespace
}  // namespace detente::report
