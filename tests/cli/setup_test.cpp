// The set-up script is idempotent and quiet once everything is installed (make test has
// just run it, so every package is present here).
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace detente {
namespace {

TEST(Setup, InstallDepsIsQuietWhenEverythingIsPresent) {
  if (std::system("command -v dpkg-query >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "not a Debian system";
  auto r = test::run_program("bash", {test::source_file("scripts/install-deps")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "");
}

}  // namespace
}  // namespace detente
