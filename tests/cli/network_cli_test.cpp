#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace detente {
namespace {

using test::run_cli;

TEST(NetworkCli, BuildThenBalance) {
  auto dir = test::data_file("alignment/peacesciencer");
  if (!dir) GTEST_SKIP() << test::missing_data_message();
  auto tmp = test::temp_dir("network-cli");
  auto out = (tmp / "net.csv").string();
  auto r = run_cli({"network", "build", "--data", *dir, "--from", "1996", "--to", "1999", "-o", out,
                    "--nodes", (tmp / "nodes.csv").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto b = run_cli({"balance", out, "--format", "json"});
  ASSERT_EQ(b.exit_code, 0) << b.err;
  auto j = nlohmann::json::parse(b.out);
  EXPECT_EQ(j["optimal"], true);
  EXPECT_EQ(j["partition"]["USA"], j["partition"]["JPN"]);
  EXPECT_NE(test::read_text(tmp / "nodes.csv").find("USA,2,"), std::string::npos);
  auto bad =
      run_cli({"network", "build", "--data", "/nonexistent", "--from", "1996", "--to", "1999"});
  EXPECT_EQ(bad.exit_code, 1);
  auto backwards = run_cli({"network", "build", "--data", *dir, "--from", "1999", "--to", "1996"});
  EXPECT_EQ(backwards.exit_code, 1);
}

}  // namespace
}  // namespace detente
