#include "core/progress.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace detente {
namespace {

// Records every update; fails if two arrive at once.
class RecordingSink : public ProgressSink {
 public:
  void update(const ProgressState& s) override {
    EXPECT_FALSE(busy_.exchange(true)) << "concurrent updates";
    states.push_back(s);
    busy_ = false;
  }
  std::vector<ProgressState> states;

 private:
  std::atomic<bool> busy_{false};
};

TEST(Progress, WorkersAdvanceAndTheSinkGetsAFinalUpdate) {
  RecordingSink sink;
  {
    ProgressTask task(&sink, "work", 4000, "rows", std::chrono::milliseconds(1));
    std::vector<std::thread> workers;
    for (int t = 0; t < 4; ++t)
      workers.emplace_back([&] {
        for (int i = 0; i < 1000; ++i) {
          task.advance();
          if (i % 100 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
      });
    for (auto& w : workers) w.join();
  }
  ASSERT_FALSE(sink.states.empty());
  const ProgressState& last = sink.states.back();
  EXPECT_TRUE(last.finished);
  EXPECT_EQ(last.done, 4000u);
  EXPECT_EQ(last.total, 4000u);
  EXPECT_EQ(last.label, "work");
  for (std::size_t i = 0; i + 1 < sink.states.size(); ++i) {
    EXPECT_FALSE(sink.states[i].finished);
    EXPECT_LE(sink.states[i].done, sink.states[i + 1].done);
  }
}

TEST(Progress, FinishIsSentOnce) {
  RecordingSink sink;
  ProgressTask task(&sink, "x", 2);
  task.advance(2);
  task.finish();
  task.finish();
  ASSERT_EQ(sink.states.size(), 1u);
  EXPECT_TRUE(sink.states[0].finished);
}

TEST(Progress, NoSinkIsSilent) {
  ProgressTask task(nullptr, "x", 10);
  task.advance(3);
  EXPECT_EQ(task.done(), 3u);
}

TEST(Progress, LineShowsBarRateAndTimeLeft) {
  ProgressState s{"baseline + 4 variants", "runs", 50000, 200000, 2.0, false};
  EXPECT_DOUBLE_EQ(s.rate(), 25000);
  EXPECT_DOUBLE_EQ(s.remaining(), 6);
  const std::string line = progress_line(s);
  EXPECT_NE(line.find("[######..................]"), std::string::npos) << line;
  EXPECT_NE(line.find(" 25%"), std::string::npos) << line;
  EXPECT_NE(line.find("50,000/200,000 runs"), std::string::npos) << line;
  EXPECT_NE(line.find("25,000 runs/s"), std::string::npos) << line;
  EXPECT_NE(line.find("0:06 left"), std::string::npos) << line;
  s.finished = true;
  EXPECT_NE(progress_line(s).find("done in 0:02"), std::string::npos);
}

}  // namespace
}  // namespace detente
