// A detente::serve::Server on a free loopback port for the duration of a test.
#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "serve/server.hpp"

namespace detente::test {

class RunningServer {
 public:
  explicit RunningServer(serve::ServeOptions options = {}) : server_(prepare(options)) {
    port_ = server_.bind();
    thread_ = std::thread([this] { server_.listen(); });
  }
  ~RunningServer() {
    server_.stop();
    thread_.join();
  }
  int port() const { return port_; }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(60);
    return c;
  }

 private:
  static serve::ServeOptions prepare(serve::ServeOptions o) {
    o.port = 0;
    if (o.host.empty()) o.host = "127.0.0.1";
    return o;
  }
  serve::Server server_;
  int port_ = 0;
  std::thread thread_;
};

// A three-actor scenario every model can run in microseconds.
inline const char* kSmallScenario = R"([scenario]
id = "small"
name = "Small"
as_of = 2024-01-01

[[actor]]
id = "AAA"
name = "Alphaland"
capability = 0.5

[[actor]]
id = "BBB"
name = "Betaland"
capability = 0.3

[[actor]]
id = "CCC"
name = "Gammaland"
capability = 0.2

[[issue]]
id = "summit"
name = "Summit"
low = "no"
high = "yes"

[[position]]
actor = "AAA"
issue = "summit"
position = 20
salience = 0.8

[[position]]
actor = "BBB"
issue = "summit"
position = 70
salience = 0.6

[[position]]
actor = "CCC"
issue = "summit"
position = 90
salience = 0.4

[[relation]]
a = "AAA"
b = "BBB"
kind = "rivalry"
weight = 0.6

[[relation]]
a = "BBB"
b = "CCC"
kind = "alliance"
weight = 0.9
)";

}  // namespace detente::test
