// `detente serve [SCENARIO…] [--host 127.0.0.1] [--port 8787] [--store FILE] [--token T]`: the
// analyst's workbench, a local web app and JSON API (docs/serve.md). Prints its URL and serves
// until interrupted (Ctrl-C). Binding to an address other than loopback needs --token.
//
//   detente serve                       # http://127.0.0.1:8787/ with the built-in case
//   detente serve my.toml --port 0      # any free port; my.toml offered beside the built-ins
//   detente serve --host 0.0.0.0 --token s3cret
//
// This file is compiled twice. In `detente-serve` (DETENTE_SERVE_IN_PROCESS) the command runs
// the server. In `detente` it parses the same options (so `--help` and usage errors are the
// same) and then re-executes its own command line as `detente-serve`, installed beside it:
// the HTTP server's library (cpp-httplib, which brings OpenSSL and brotli) is then loaded
// only by the command that serves, not at every start of the others (about 5 ms each).
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "cli/command.hpp"
#include "cli/commands.hpp"
#include "serve/server.hpp"

namespace detente::cli {
namespace {

#ifdef DETENTE_SERVE_IN_PROCESS
serve::Server* running = nullptr;

extern "C" void stop_on_signal(int) {
  // httplib's stop() only shuts the listening socket down, which is safe here.
  if (running) running->stop();
}

int serve_main(const serve::ServeOptions& options) {
  serve::Server server(options);
  server.bind();
  running = &server;
  std::signal(SIGINT, stop_on_signal);
  std::signal(SIGTERM, stop_on_signal);
  std::cout << "detente serve: " << server.url() << "  (Ctrl-C stops)" << std::endl;
  server.listen();
  running = nullptr;
  return 0;
}
#else
// The command line as given (/proc/self/cmdline), run again by detente-serve beside this
// binary; returns only if that fails.
int serve_main(const serve::ServeOptions&) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  const fs::path server = self.parent_path() / "detente-serve";
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  const std::string line{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  std::vector<std::string> args;
  for (std::size_t at = 0; at < line.size();) {
    const std::size_t end = line.find('\0', at);
    args.push_back(line.substr(at, end == std::string::npos ? std::string::npos : end - at));
    if (end == std::string::npos) break;
    at = end + 1;
  }
  if (ec || args.empty()) {
    std::cerr << "detente: error: cannot find this program's path to start detente-serve\n";
    return 1;
  }
  args[0] = server.string();
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::cout.flush();
  ::execv(server.c_str(), argv.data());
  std::cerr << "detente: error: cannot start " << server.string() << ": " << std::strerror(errno)
            << "\n"
            << "detente: hint: `detente serve` runs detente-serve, built and installed beside "
               "detente\n";
  return 1;
}
#endif

}  // namespace

CommandSpec serve_command() {
  return {"serve", "The workbench: a local web app and JSON API to explore, edit and rerun",
          [](CLI::App& app) {
            auto o = std::make_shared<serve::ServeOptions>();
            app.add_option("SCENARIO", o->scenarios,
                           "Scenario files (TOML) offered beside the built-ins");
            app.add_option("--host", o->host, "Address to bind (loopback unless --token is given)")
                ->default_val("127.0.0.1");
            app.add_option("--port", o->port, "Port (0: any free port)")
                ->default_val(8787)
                ->check(CLI::Range(0, 65535));
            app.add_option(
                "--store", o->store,
                "Run store (SQLite): finished ensembles saved, stored runs offered to compare");
            app.add_option("--token", o->token,
                           "Secret every request must carry (required off loopback)");
            app.add_option("--body-limit", o->body_limit, "Largest request body in bytes")
                ->default_val(4u << 20)
                ->check(CLI::Range(std::size_t{1024}, std::size_t{1} << 30));
            // HTTP threads wait on sockets (keep-alive): their number is not the cores'.
            app.add_option("--request-threads", o->request_threads, "HTTP request threads")
                ->default_val(8)
                ->check(CLI::Range(2, 256));
            add_threads_option(app, o->threads,
                               "Threads of an ensemble job whose request does not set them");
            return [o] { return serve_main(*o); };
          }};
}

}  // namespace detente::cli
