#include "serve/server.hpp"

#include <fmt/format.h>
#include <httplib.h>

#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "core/error.hpp"
#include "io/scenario_toml.hpp"
#include "report/app_data.hpp"
#include "report/html.hpp"
#include "serve/api.hpp"
#include "serve/jobs.hpp"
#include "store/run_store.hpp"
#include "store/sha256.hpp"

namespace detente::serve {

using nlohmann::json;

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

namespace {

struct ExtraScenario {
  std::string name, toml;
  Scenario scenario;
};

// Compares without an early exit, so the time taken says nothing about the token.
bool same_secret(const std::string& a, const std::string& b) {
  unsigned diff = a.size() == b.size() ? 0u : 1u;
  for (std::size_t i = 0; i < a.size(); ++i)
    diff |= static_cast<unsigned char>(a[i]) ^ static_cast<unsigned char>(b[i % (b.size() + 1)]);
  return diff == 0;
}

// A path that tries to leave the app's namespace: "..", a backslash, a NUL or an encoded dot.
bool is_traversal(const httplib::Request& req) {
  const std::string& p = req.path;
  if (p.find('\\') != std::string::npos || p.find('\0') != std::string::npos) return true;
  std::string lower = req.target;
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower.find("%2e") != std::string::npos || lower.find("%2f") != std::string::npos ||
      lower.find("%5c") != std::string::npos || lower.find("%00") != std::string::npos)
    return true;
  std::size_t start = 0;
  while (start <= p.size()) {
    std::size_t end = p.find('/', start);
    if (end == std::string::npos) end = p.size();
    if (p.compare(start, end - start, "..") == 0) return true;
    start = end + 1;
  }
  return false;
}

// httplib's library build listens with a backlog of 5, so that a burst of new clients (50
// at once in the load test) overflows the accept queue and some connections are reset.
// Listening again on the bound socket raises the backlog (POSIX allows it; Linux applies it).
struct HttpServer : httplib::Server {
  void raise_backlog() {
    if (svr_sock_ != INVALID_SOCKET) ::listen(svr_sock_, SOMAXCONN);
  }
};

template <class Json = nlohmann::json>
void send_json(httplib::Response& res, int status, const Json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

}  // namespace

struct Server::Impl {
  ServeOptions options;
  HttpServer http;
  JobManager jobs;
  std::vector<ExtraScenario> extra;
  std::string page;
  int port = 0;
  std::optional<store::RunStore> runs;
  std::mutex runs_mutex;  // one connection to the store, used by one thread at a time

  explicit Impl(ServeOptions o)
      : options(std::move(o)),
        jobs(
            options.max_jobs, 32, 250,
            [this](const std::string& toml, const Scenario& s, const JobRequest& rq,
                   const json& result, double seconds) { save_run(toml, s, rq, result, seconds); }),
        page(report::app_html({})) {
    if (!options.store.empty()) runs.emplace(options.store);
  }

  // A finished ensemble job as a run of `simulate` in the store.
  void save_run(const std::string& toml, const Scenario& s, const JobRequest& rq,
                const json& result, double seconds) {
    if (!runs) return;
    store::RunRecord r;
    r.command = "simulate";
    r.command_line = {"detente", "serve", "(POST /api/simulate)"};
    r.detente_version = store::detente_version();
    r.label = s.id;
    r.seed = rq.seed;
    r.threads = rq.threads;
    r.wall_seconds = seconds;
    r.options = {{"--runs", std::to_string(rq.runs), true},
                 {"--seed", std::to_string(rq.seed), true},
                 {"--sensitivity", rq.sensitivity ? "true" : "false", rq.sensitivity}};
    const std::string text = toml.empty() ? std::string() : toml;
    if (!text.empty())
      r.inputs.push_back({"<workbench:" + s.id + ">", store::sha256_hex(text),
                          static_cast<std::int64_t>(text.size()), text});
    r.result = result;
    std::lock_guard lock(runs_mutex);
    runs->save(std::move(r));
  }

  json stored_runs() {
    json list = json::array();
    if (!runs) return list;
    std::lock_guard lock(runs_mutex);
    for (const auto& r : runs->list())
      if (r.command == "simulate")
        list.push_back({{"id", r.id},
                        {"created_at", r.created_at},
                        {"label", r.label},
                        {"seed", r.seed ? json(*r.seed) : json()}});
    return list;
  }

  json stored_run(const std::string& id) {
    if (!runs) throw ApiError(404, "this server has no run store (start it with --store FILE)");
    std::lock_guard lock(runs_mutex);
    try {
      store::RunRecord r = runs->load(id);
      if (r.command != "simulate")
        throw ApiError(404, fmt::format("run '{}' is not a simulate run", id));
      return {{"id", r.id}, {"created_at", r.created_at}, {"label", r.label}, {"result", r.result}};
    } catch (const InputError& e) {
      throw ApiError(404, e.diagnostics().empty() ? e.what() : e.diagnostics().front().message);
    }
  }

  bool authorised(const httplib::Request& req) const {
    if (options.token.empty()) return true;
    std::string header = req.get_header_value("Authorization");
    if (header.rfind("Bearer ", 0) == 0 && same_secret(header.substr(7), options.token))
      return true;
    return req.has_param("token") && same_secret(req.get_param_value("token"), options.token);
  }

  json scenario_list() const {
    json list = serve::scenarios();
    for (const auto& e : extra)
      list.push_back(
          {{"name", e.name}, {"id", e.scenario.id}, {"title", e.scenario.name}, {"toml", e.toml}});
    return list;
  }

  // Routing by (method, path); every refusal is a JSON error.
  void dispatch(const httplib::Request& req, httplib::Response& res) {
    if (is_traversal(req)) throw ApiError(400, "the path leaves the app's namespace");
    if (!authorised(req))
      throw ApiError(401, "this server needs its token (Authorization: Bearer T)");
    const std::string& m = req.method;
    const std::string& p = req.path;
    auto only = [&](std::initializer_list<const char*> allowed) {
      for (const char* a : allowed)
        if (m == a || (m == "HEAD" && std::string(a) == "GET")) return;
      std::string list;
      for (const char* a : allowed) list += list.empty() ? a : std::string(", ") + a;
      res.set_header("Allow", list);
      throw ApiError(405, fmt::format("{} is not allowed on {} (allowed: {})", m, p, list));
    };
    if (p == "/" || p == "/index.html") {
      only({"GET"});
      res.set_content(page, "text/html; charset=utf-8");
      return;
    }
    if (p == "/favicon.ico") {  // browsers ask for it; the app has none
      only({"GET"});
      res.status = 204;
      return;
    }
    if (p == "/api/health") {
      only({"GET"});
      return send_json(res, 200, health());
    }
    if (p == "/api/scenarios") {
      only({"GET"});
      return send_json(res, 200, scenario_list());
    }
    if (p == "/api/validate") {
      only({"POST"});
      return send_json(res, 200, validate(req.body));
    }
    if (p == "/api/bargain") {
      only({"POST"});
      return send_json(res, 200, bargain(parse_body(req.body)));
    }
    if (p == "/api/scenario") {
      only({"POST"});
      return send_json(res, 200, report::scenario_view(request_scenario(parse_body(req.body))));
    }
    if (p == "/api/network") {
      only({"POST"});
      return send_json(res, 200, network(parse_body(req.body)));
    }
    if (p == "/api/simulate") {
      only({"POST"});
      json body = parse_body(req.body);
      JobRequest request = job_request(body, options.max_runs, options.threads);
      std::string toml = body.contains("scenario") && body["scenario"].is_string()
                             ? body["scenario"].get<std::string>()
                             : std::string();
      std::string id = jobs.start(request_scenario(body), request, std::move(toml));
      return send_json(res, 202, {{"job", id}});
    }
    if (p == "/api/runs") {
      only({"GET"});
      return send_json(res, 200, stored_runs());
    }
    const std::string runs_prefix = "/api/runs/";
    if (p.rfind(runs_prefix, 0) == 0 && p.size() > runs_prefix.size()) {
      only({"GET"});
      return send_json(res, 200, stored_run(p.substr(runs_prefix.size())));
    }
    const std::string jobs_prefix = "/api/jobs/";
    if (p.rfind(jobs_prefix, 0) == 0 && p.size() > jobs_prefix.size()) {
      only({"GET", "DELETE"});
      std::string id = p.substr(jobs_prefix.size());
      if (m == "DELETE") {
        if (!jobs.cancel(id)) throw ApiError(404, fmt::format("no job '{}'", id));
        return send_json(res, 200, {{"job", id}, {"cancelled", true}});
      }
      auto status = jobs.status(id);
      if (!status) throw ApiError(404, fmt::format("no job '{}'", id));
      return send_json(res, 200, *status);
    }
    throw ApiError(404, fmt::format("no route {}", p));
  }
};

Server::Server(ServeOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {
  auto& o = impl_->options;
  if (!is_loopback(o.host) && o.token.empty())
    fail({"", 0, "--token"},
         "serving on '{}' (not loopback) needs --token; every request must then carry it", o.host);
  for (const auto& file : o.scenarios) {
    std::ifstream in(file, std::ios::binary);
    if (!in) fail({file, 0, ""}, "cannot read the scenario file");
    std::stringstream text;
    text << in.rdbuf();
    impl_->extra.push_back({file, text.str(), io::read_scenario(text.str(), file)});
  }
  auto& http = impl_->http;
  http.set_payload_max_length(o.body_limit);
  http.set_read_timeout(10);
  http.set_write_timeout(10);
  http.set_keep_alive_timeout(5);
  http.set_tcp_nodelay(true);  // answers go out at once, not after a delayed ACK
  const int threads = std::max(2, o.request_threads);
  http.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  Impl* impl = impl_.get();
  auto handler = [impl](const httplib::Request& req, httplib::Response& res) {
    try {
      impl->dispatch(req, res);
    } catch (const ApiError& e) {
      send_json(res, e.status(), e.body());
    } catch (const InputError& e) {
      send_json(res, 422,
                {{"error", e.what()}, {"status", 422}, {"diagnostics", diagnostics_json(e)}});
    }
  };
  const std::string all = ".*";
  http.Get(all, handler).Post(all, handler).Put(all, handler).Patch(all, handler);
  http.Delete(all, handler).Options(all, handler);
  http.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "internal error";
        try {
          if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        send_json(res, 500, {{"error", what}, {"status", 500}});
      });
  // Refusals httplib makes itself (413 over the limit, 400 a malformed request line or an
  // unknown method) get a JSON body too.
  http.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        std::string what =
            res.status == 413 ? "the request body is over the server's limit"
                              : fmt::format("the server refused the request (HTTP {})", res.status);
        send_json(res, res.status, {{"error", what}, {"status", res.status}});
        return httplib::Server::HandlerResponse::Handled;
      }));
}

Server::~Server() { stop(); }

int Server::bind() {
  auto& o = impl_->options;
  if (o.port == 0) {
    impl_->port = impl_->http.bind_to_any_port(o.host);
    if (impl_->port < 0) fail({"", 0, "--host"}, "cannot bind to '{}'", o.host);
  } else {
    if (!impl_->http.bind_to_port(o.host, o.port))
      fail({"", 0, "--port"}, "cannot bind to {}:{} (in use, or not an address of this machine)",
           o.host, o.port);
    impl_->port = o.port;
  }
  impl_->http.raise_backlog();
  return impl_->port;
}

void Server::listen() { impl_->http.listen_after_bind(); }

void Server::stop() {
  if (impl_->http.is_running()) impl_->http.stop();
}

std::string Server::url() const {
  const auto& o = impl_->options;
  std::string host = o.host.find(':') != std::string::npos ? "[" + o.host + "]" : o.host;
  std::string url = fmt::format("http://{}:{}/", host, impl_->port);
  if (!o.token.empty()) url += "?token=" + o.token;
  return url;
}

}  // namespace detente::serve
