// Load and abuse on loopback: 50 concurrent clients send 10,000 mixed requests (reads,
// validations, bargaining on a small scenario, and bad requests of every kind) to one
// server. Every answer must carry the expected status (0 errors); the latency quantiles
// are printed and recorded as test properties. Bounded: a fixed count, and a client
// read timeout of 30 s so that a hung server fails the test instead of stalling it.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>

#include "serve/serve_support.hpp"

namespace detente {
namespace {

using nlohmann::json;

struct Call {
  const char* method;
  std::string path, body;
  int status;
};

TEST(ServeLoad, FiftyClientsTenThousandMixedRequestsNoErrors) {
  serve::ServeOptions options;
  options.body_limit = 256 * 1024;
  options.request_threads = 16;
  test::RunningServer server(options);
  const std::string small = json{{"scenario", test::kSmallScenario}}.dump();
  const std::vector<Call> mix = {
      {"GET", "/api/health", "", 200},
      {"GET", "/api/health", "", 200},
      {"GET", "/api/scenarios", "", 200},
      {"GET", "/", "", 200},
      {"POST", "/api/validate", test::kSmallScenario, 200},
      {"POST", "/api/bargain", small, 200},
      {"POST", "/api/bargain", small, 200},
      {"POST", "/api/network", small, 200},
      {"POST", "/api/bargain", "{broken", 400},
      {"GET", "/api/nowhere", "", 404},
      {"GET", "/../secret", "", 400},
      {"DELETE", "/api/health", "", 405},
      {"GET", "/api/jobs/none", "", 404},
      {"POST", "/api/validate", std::string(300 * 1024, 'z'), 413},
  };
  constexpr int kClients = 50, kPerClient = 200;
  std::vector<std::vector<double>> latencies(kClients);
  std::atomic<int> errors{0};
  std::vector<std::string> first_error(kClients);
  auto t0 = std::chrono::steady_clock::now();
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c)
    clients.emplace_back([&, c] {
      httplib::Client http("127.0.0.1", server.port());
      http.set_read_timeout(30);
      http.set_keep_alive(true);
      for (int i = 0; i < kPerClient; ++i) {
        const Call& call = mix[static_cast<std::size_t>(c * 7 + i) % mix.size()];
        httplib::Request req;
        req.method = call.method;
        req.path = call.path;
        req.body = call.body;
        if (!call.body.empty()) req.set_header("Content-Type", "application/json");
        auto start = std::chrono::steady_clock::now();
        auto r = http.send(req);
        double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count();
        latencies[static_cast<std::size_t>(c)].push_back(ms);
        if (!r || r->status != call.status) {
          ++errors;
          if (first_error[static_cast<std::size_t>(c)].empty())
            first_error[static_cast<std::size_t>(c)] =
                fmt::format("request {} {}: {} after {:.0f} ms", i, call.path,
                            r ? std::to_string(r->status) : httplib::to_string(r.error()), ms);
        }
      }
    });
  for (auto& t : clients) t.join();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::vector<double> all;
  for (const auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  ASSERT_EQ(all.size(), std::size_t{kClients * kPerClient});
  std::sort(all.begin(), all.end());
  auto q = [&](double p) { return all[static_cast<std::size_t>(p * (all.size() - 1))]; };
  std::printf(
      "load: %zu requests from %d clients in %.2f s (%.0f/s); latency p50 %.2f ms, "
      "p99 %.2f ms, max %.2f ms; %d errors\n",
      all.size(), kClients, seconds, all.size() / seconds, q(0.5), q(0.99), all.back(),
      errors.load());
  RecordProperty("p50_ms", std::to_string(q(0.5)));
  RecordProperty("p99_ms", std::to_string(q(0.99)));
  std::string errs;
  for (const auto& e : first_error)
    if (!e.empty()) errs += e + "; ";
  EXPECT_EQ(errors.load(), 0) << errs;
  EXPECT_EQ(server.client().Get("/api/health")->status, 200);
}

}  // namespace
}  // namespace detente
