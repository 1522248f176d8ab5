// detente/serve/server.hpp
//
// The HTTP server of `detente serve` (cpp-httplib from Debian): the single-page app at `/`
// (one HTML file with its script and style inlined) and the JSON API of serve/api.hpp and
// serve/jobs.hpp under /api/ (docs/serve.md). It binds to loopback unless told otherwise;
// any other address needs a token, which every request must then carry (header
// `Authorization: Bearer T`, or `?token=T` for the page itself) or get 401.
// Every refusal is a JSON body {"error", "status"}: 400 malformed JSON or path traversal,
// 401 no token, 404 unknown route or job, 405 wrong method, 413 body over `body_limit`,
// 422 a scenario that does not validate, 429 too many jobs. With a run store, every finished
// ensemble job is saved in it (command "simulate") and GET /api/runs lists its simulate runs
// for the app's comparison. A handler that throws
// anything else answers 500 and the server keeps serving.
//
// Example:
//   detente::serve::Server server({.host = "127.0.0.1", .port = 0});
//   int port = server.bind();      // 0 picks a free port
//   std::thread t([&] { server.listen(); });
//   ...; server.stop(); t.join();
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace detente::serve {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8787;                     // 0: any free port
  std::string token;                   // required when host is not loopback
  std::vector<std::string> scenarios;  // extra scenario files offered beside the built-ins
  std::string store;                   // run store (docs/run-store.md): jobs saved, runs listed
  std::size_t body_limit = 4u << 20;   // bytes; larger bodies get 413
  std::size_t max_runs = 200000;       // per variant in one ensemble job
  std::size_t max_jobs = 2;            // ensemble jobs running at once
  int request_threads = 8;             // HTTP request threads
  int threads = 1;                     // an ensemble job's threads unless its request says
};

// True for 127.0.0.0/8, ::1 and "localhost".
bool is_loopback(const std::string& host);

class Server {
 public:
  // Throws InputError when the options are unusable (a non-loopback host without a token).
  explicit Server(ServeOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  int bind();     // binds and returns the port; throws InputError when it cannot
  void listen();  // serves until stop(); call after bind()
  void stop();
  std::string url() const;  // "http://127.0.0.1:8787/" (with ?token=… when one is set)

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace detente::serve
