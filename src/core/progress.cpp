#include "core/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace detente {

double ProgressState::rate() const {
  return elapsed > 0 ? static_cast<double>(done) / elapsed : 0.0;
}

double ProgressState::remaining() const {
  const double r = rate();
  if (total == 0 || r <= 0) return -1;
  return static_cast<double>(total > done ? total - done : 0) / r;
}

ProgressTask::ProgressTask(ProgressSink* sink, std::string label, std::size_t total,
                           std::string unit, std::chrono::milliseconds interval)
    : sink_(sink),
      label_(std::move(label)),
      unit_(std::move(unit)),
      total_(total),
      interval_(interval),
      start_(std::chrono::steady_clock::now()) {
  if (sink_) reporter_ = std::thread([this] { report_loop(); });
}

ProgressTask::~ProgressTask() { finish(); }

ProgressState ProgressTask::state(bool finished) const {
  ProgressState s;
  s.label = label_;
  s.unit = unit_;
  s.done = done();
  s.total = total_;
  s.elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  s.finished = finished;
  return s;
}

void ProgressTask::report_loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    if (wake_.wait_for(lock, interval_, [this] { return stopping_; })) break;
    sink_->update(state(false));
  }
}

void ProgressTask::finish() {
  {
    std::lock_guard lock(mutex_);
    if (finished_) return;
    finished_ = true;
    stopping_ = true;
  }
  wake_.notify_all();
  if (reporter_.joinable()) reporter_.join();
  if (sink_) sink_->update(state(true));
}

namespace {

// 1234567 → "1,234,567".
std::string grouped(std::size_t v) {
  std::string digits = std::to_string(v), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// Seconds as "0:07", "12:05" or "3:02:41".
std::string clock_time(double seconds) {
  const auto s = static_cast<long long>(std::llround(std::max(0.0, seconds)));
  if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
  return fmt::format("{}:{:02}", s / 60, s % 60);
}

}  // namespace

std::string progress_line(const ProgressState& s) {
  constexpr int kBar = 24;
  const double fraction =
      s.total > 0 ? std::min(1.0, static_cast<double>(s.done) / static_cast<double>(s.total)) : 0;
  const int filled = static_cast<int>(fraction * kBar);
  const std::string label =
      s.label.size() > 28 ? fmt::format("{}…", s.label.substr(0, 27)) : s.label;
  std::string line = fmt::format("{} [{}{}] {:3.0f}%  {}", label, std::string(filled, '#'),
                                 std::string(kBar - filled, '.'), 100 * fraction, grouped(s.done));
  if (s.total > 0) line += fmt::format("/{}", grouped(s.total));
  line += fmt::format(" {}", s.unit);
  const double rate = s.rate();
  if (rate > 0)
    line += fmt::format("  {} {}/s", grouped(static_cast<std::size_t>(std::llround(rate))), s.unit);
  if (s.finished)
    line += fmt::format("  done in {}", clock_time(s.elapsed));
  else if (s.remaining() >= 0)
    line += fmt::format("  {} left", clock_time(s.remaining()));
  return line;
}

namespace {

// Work that ends within kTerminalDelay draws nothing: a main job runs many short steps
// (a landscape walk of a few actors, a sensitivity design of a small scenario), and a bar
// is for what takes long enough to wonder about.
constexpr double kTerminalDelay = 0.5;  // seconds

class TerminalProgress final : public ProgressSink {
 public:
  void update(const ProgressState& state) override {
    if (!drawn_ && state.elapsed < kTerminalDelay) return;
    drawn_ = !state.finished;  // the next task starts undrawn
    // "\r" returns to the line's start; "\033[K" clears what a longer line left behind.
    std::fprintf(stderr, "\r%s\033[K%s", progress_line(state).c_str(), state.finished ? "\n" : "");
    std::fflush(stderr);
  }

 private:
  bool drawn_ = false;  // the current task's bar is on the screen
};

}  // namespace

std::unique_ptr<ProgressSink> terminal_progress(bool quiet) {
  if (quiet || ::isatty(STDERR_FILENO) == 0) return nullptr;
  return std::make_unique<TerminalProgress>();
}

}  // namespace detente
