#include "serve/server.h"

#include <httplib.h>

#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <semaphore>
#include <system_error>

#include "serve/transport.h"

namespace rasad::serve {

namespace {

using HandlerResponse = httplib::Server::HandlerResponse;

void send(httplib::Response& res, const Reply& r) {
  res.status = r.status;
  res.set_header("Cache-Control", "no-store");
  if (!r.content_type.empty()) {
    res.set_content(r.raw, r.content_type);
    if (!r.filename.empty()) res.set_header("Content-Disposition", "attachment; filename=\"" + r.filename + "\"");
    return;
  }
  // Invalid UTF-8 (which the store never holds) is replaced rather than thrown on.
  res.set_content(r.body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json; charset=utf-8");
}

bool is_api_path(const std::string& path) { return path == "/healthz" || path == "/api" || path.starts_with("/api/"); }

// A body-carrying request that says neither how long its body is nor that it is chunked: httplib
// would read until the client closes or the read deadline passes.
bool lacks_length(const httplib::Request& req) {
  const bool body_method = req.method == "POST" || req.method == "PUT" || req.method == "PATCH";
  return body_method && !req.has_header("Content-Length") &&
         req.get_header_value("Transfer-Encoding").find("chunked") == std::string::npos;
}

// A decoded path with a NUL or another control character: the file side would stop at the NUL
// (`/app.js%00.html` served app.js as text/html).
bool has_control_character(const std::string& path) {
  return std::any_of(path.begin(), path.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

// Each request, mutable, between its headers and its routing.
void prepare(httplib::Request& req, bool& close_after) {
  // API answers are small JSON made per request: ranges over them only multiply the answer
  // (2,000 ranges "0-" made a 422 MB multipart reply). Files honour one range, else the whole file.
  if (is_api_path(req.path) || req.ranges.size() > 1) {
    req.ranges.clear();
    req.headers.erase("Range");  // httplib answers 206 to any request that has one
  }
  // The API reads every body as JSON, whatever its type; as a form (curl -d's default) httplib
  // would parse it into parameters and refuse it beyond 8 KiB, far below --max-body.
  if (req.get_header_value("Content-Type").starts_with("application/x-www-form-urlencoded")) {
    req.headers.erase("Content-Type");
    req.headers.emplace("Content-Type", "application/json");
  }
  // Whatever follows a body of unknown length cannot be told from the next request.
  if (lacks_length(req)) close_after = true;
}

// Before the body is read: the requests answered without a handler.
HandlerResponse screen(const httplib::Request& req, httplib::Response& res) {
  if (has_control_character(req.path)) {
    send(res, Reply::error(400, "the path contains a control character"));
    return HandlerResponse::Handled;
  }
  if (lacks_length(req)) {
    send(res, Reply::error(411, req.method + " needs a Content-Length header (or chunked transfer encoding)"));
    return HandlerResponse::Handled;
  }
  return HandlerResponse::Unhandled;
}

std::string transport_error_message(int status, size_t max_body) {
  switch (status) {
    case 413:
      return "the request body is larger than the limit of " + std::to_string(max_body) + " bytes";
    case 404:
      return "not found";
    case 408:
      return "the request took too long to arrive";
    case 414:
      return "the request line is too long";
    case 416:
      return "the Range header is malformed or cannot be satisfied";
    default:
      return "bad request";
  }
}

// Only SO_REUSEADDR (a restart right after a stop finds the port in TIME_WAIT): httplib's default
// adds SO_REUSEPORT, with which a second server binds the same port and silently takes half of
// the connections.
void listen_socket_options(socket_t sock) {
  int yes = 1;
  setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
}

}  // namespace

// Up to options_.threads requests in the Api at once (each holds a store connection), however many
// connections are open.
class Server::Gate {
 public:
  explicit Gate(int n) : slots_(n) {}
  Reply through(const std::function<Reply()>& f) {
    slots_.acquire();
    struct Release {
      std::counting_semaphore<>& s;
      ~Release() { s.release(); }
    } release{slots_};
    return f();
  }

 private:
  std::counting_semaphore<> slots_;
};

std::string resolve_web_dir(const std::string& explicit_dir) {
  namespace fs = std::filesystem;
  if (!explicit_dir.empty()) return explicit_dir;
  if (const char* env = std::getenv("RASAD_WEB"); env && *env) return env;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path root = exe.parent_path().parent_path();
    for (const fs::path& candidate : {root / "web", root / "share/rasad/web"})
      if (fs::is_regular_file(candidate / "index.html", ec)) return candidate.string();
  }
  return RASAD_DEFAULT_WEB_DIR;
}

Server::Server(Api& api, ServeOptions options)
    : api_(api), options_(std::move(options)), gate_(std::make_unique<Gate>(std::max(1, options_.threads))) {
  if (options_.web_dir.empty()) options_.web_dir = resolve_web_dir("");
  TransportLimits limits;
  limits.connections = std::max<size_t>(options_.connections, static_cast<size_t>(std::max(1, options_.threads)));
  limits.request_read = options_.io_timeout;
  limits.response_write = options_.io_timeout;
  limits.keep_alive_idle = options_.keep_alive_idle;
  limits.keep_alive_requests = std::max<size_t>(1, options_.keep_alive_requests);
  http_ = std::make_unique<Transport>(limits, prepare);
  auto& h = *http_;
  h.set_payload_max_length(options_.max_body);
  h.set_read_timeout(options_.io_timeout);  // the socket's own timeouts: a backstop under the deadlines
  h.set_write_timeout(options_.io_timeout);
  // Small JSON answers must not wait for delayed ACKs (Nagle): ~40 ms per request otherwise.
  h.set_tcp_nodelay(true);
  h.set_socket_options(listen_socket_options);
  h.set_default_headers({{"X-Content-Type-Options", "nosniff"}, {"Referrer-Policy", "no-referrer"}});
  h.set_pre_routing_handler(screen);
  // Files first (GET/HEAD under /), then the API for everything else, any method.
  h.set_mount_point("/", options_.web_dir);
  h.set_file_extension_and_mimetype_mapping("js", "text/javascript; charset=utf-8");
  h.set_file_extension_and_mimetype_mapping("html", "text/html; charset=utf-8");
  h.set_file_extension_and_mimetype_mapping("css", "text/css; charset=utf-8");
  auto route = [this](const httplib::Request& req, httplib::Response& res) {
    send(res, gate_->through([&] { return api_.handle(req.method, req.path, req.params, req.body); }));
  };
  h.Get(".*", route);
  h.Post(".*", route);
  h.Put(".*", route);
  h.Patch(".*", route);
  h.Delete(".*", route);
  h.Options(".*", route);
  // Errors the transport raises itself (413 too large, 400 malformed request...) answer in JSON too.
  h.set_error_handler([max_body = options_.max_body](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    send(res, Reply::error(res.status, transport_error_message(res.status, max_body)));
  });
  h.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unknown";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    send(res, Reply::error(500, "internal error: " + what));
  });
}

Server::~Server() = default;

Result<int> Server::bind() {
  int port = options_.port;
  if (port == 0) {
    port = http_->bind_to_any_port(options_.host);
    if (port < 0) return Error{"cannot bind to " + options_.host};
  } else if (!http_->bind_to_port(options_.host, port)) {
    const int err = errno;
    const std::string where = options_.host + ":" + std::to_string(port);
    if (err == EADDRINUSE) return Error{"cannot listen on " + where + ": the port is in use (another rasad serve?)"};
    return Error{"cannot listen on " + where + ": " + std::strerror(err) + " (not an address of this machine?)"};
  }
  http_->widen_backlog();
  return port;
}

bool Server::run() { return http_->listen_after_bind(); }

void Server::stop() {
  http_->stop_listening();
  http_->close_idle();
}

}  // namespace rasad::serve
