#include "serve/server.h"

#include <httplib.h>

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace rasad::serve {

namespace {

void send(httplib::Response& res, const Reply& r) {
  res.status = r.status;
  // Invalid UTF-8 (which the store never holds) is replaced rather than thrown on.
  res.set_content(r.body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json; charset=utf-8");
  res.set_header("Cache-Control", "no-store");
}

}  // namespace

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

Server::Server(Api& api, ServeOptions options) : api_(api), options_(std::move(options)), http_(std::make_unique<httplib::Server>()) {
  if (options_.web_dir.empty()) options_.web_dir = resolve_web_dir("");
  auto& h = *http_;
  const int threads = std::max(1, options_.threads);
  h.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  h.set_payload_max_length(options_.max_body);
  h.set_read_timeout(options_.io_timeout);
  h.set_write_timeout(options_.io_timeout);
  // Small JSON answers must not wait for delayed ACKs (Nagle): ~40 ms per request otherwise.
  h.set_tcp_nodelay(true);
  h.set_keep_alive_max_count(1000);
  h.set_keep_alive_timeout(5);
  h.set_default_headers({{"X-Content-Type-Options", "nosniff"}, {"Referrer-Policy", "no-referrer"}});
  // Files first (GET/HEAD under /), then the API for everything else, any method.
  h.set_mount_point("/", options_.web_dir);
  h.set_file_extension_and_mimetype_mapping("js", "text/javascript; charset=utf-8");
  h.set_file_extension_and_mimetype_mapping("html", "text/html; charset=utf-8");
  h.set_file_extension_and_mimetype_mapping("css", "text/css; charset=utf-8");
  auto route = [this](const httplib::Request& req, httplib::Response& res) {
    send(res, api_.handle(req.method, req.path, req.params, req.body));
  };
  h.Get(".*", route);
  h.Post(".*", route);
  h.Put(".*", route);
  h.Patch(".*", route);
  h.Delete(".*", route);
  h.Options(".*", route);
  // Errors the transport raises itself (413 too large, 400 malformed request...) answer in JSON too.
  h.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    const std::string message = res.status == 413 ? "the request body is larger than the limit"
                                : res.status == 404 ? "not found"
                                : res.status == 408 ? "the request took too long to arrive"
                                                    : "bad request";
    send(res, Reply::error(res.status, message));
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
    return Error{"cannot bind to " + options_.host + ":" + std::to_string(port) + " (in use, or not an address of this machine)"};
  }
  return port;
}

bool Server::run() { return http_->listen_after_bind(); }

void Server::stop() { http_->stop(); }

}  // namespace rasad::serve
