// One field-rule table serves both scenario readers: the same bad relation fails with the
// same words whether it is a [[relation]] table or a row of a [tables] relations.csv.
#include "io/scenario_fields.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "io/scenario_toml.hpp"
#include "test_support.hpp"

namespace detente {
namespace {

const char* kHead = R"([scenario]
id = "t"
name = "t"
as_of = 2024-05-01
[[actor]]
id = "AAA"
name = "A"
capability = 1
[[actor]]
id = "BBB"
name = "B"
capability = 1
)";

// The messages (without locations) the reader reports.
std::vector<std::string> messages(const std::function<void()>& read) {
  std::vector<std::string> out;
  try {
    read();
  } catch (const InputError& e) {
    for (const auto& d : e.diagnostics()) out.push_back(d.message);
  }
  return out;
}

TEST(ScenarioFields, BothReadersShareTheRulesAndTheirWords) {
  struct Case {
    const char* toml;  // the fields of a [[relation]] a = "AAA", b = "BBB"
    const char* csv;   // header, row
  };
  const Case cases[] = {
      {"kind = \"allianse\"\n", "a,b,kind\nAAA,BBB,allianse\n"},
      {"kind = \"alliance\"\nweight = 0\n", "a,b,kind,weight\nAAA,BBB,alliance,0\n"},
      {"kind = \"alliance\"\nsign = 0.5\n", "a,b,kind,sign\nAAA,BBB,alliance,0.5\n"},
      {"kind = \"alliance\"\nsince = \"2023-02-30\"\n",
       "a,b,kind,since\nAAA,BBB,alliance,2023-02-30\n"},
      {"kind = \"alliance\"\nsince = 2020-01-01\nuntil = 2019-01-01\n",
       "a,b,kind,since,until\nAAA,BBB,alliance,2020-01-01,2019-01-01\n"},
      {"kind = \"alliance\"\nsince = 2024-06-19\n",
       "a,b,kind,since\nAAA,BBB,alliance,2024-06-19\n"},
  };
  auto dir = test::temp_dir("fields");
  for (const Case& c : cases) {
    auto from_toml = messages([&] {
      io::read_scenario(std::string(kHead) + "[[relation]]\na = \"AAA\"\nb = \"BBB\"\n" + c.toml,
                        "t.toml");
    });
    test::write_text(dir / "rel.csv", c.csv);
    test::write_text(dir / "s.toml", std::string(kHead) + "[tables]\nrelations = \"rel.csv\"\n");
    auto from_csv = messages([&] { io::read_scenario_file((dir / "s.toml").string()); });
    ASSERT_EQ(from_toml.size(), 1u) << c.toml;
    EXPECT_EQ(from_toml, from_csv) << c.toml;
  }
  std::filesystem::remove_all(dir);
}

TEST(ScenarioFields, RangeRules) {
  Diagnostics d;
  EXPECT_FALSE(io::fields::check(io::fields::kWeight, 0.0, {"f", 1, "weight"}, d));
  EXPECT_EQ(io::fields::check(io::fields::kWeight, 1.0, {"f", 1, "weight"}, d), 1.0);
  EXPECT_EQ(io::fields::check(io::fields::kSalience, 0.0, {"f", 1, "salience"}, d), 0.0);
  EXPECT_FALSE(io::fields::check(io::fields::kSalience, 1.5, {"f", 1, "salience"}, d));
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d.items()[0].message, "0 is out of range: expected a number in (0, 1]");
  EXPECT_EQ(d.items()[1].message, "1.5 is out of range: expected a number in [0, 1]");
}

}  // namespace
}  // namespace detente
