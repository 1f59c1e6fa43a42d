#pragma once
// `rasad serve`: the HTTP side. Routes /api/* and /healthz to the Api, serves the page's files
// from web/ at /, and applies the transport limits (request size, read/write time, connections,
// requests handled at once); the connection handling itself is serve/transport.h.
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "core/result.h"
#include "serve/api.h"

namespace rasad::serve {

class Transport;

struct ServeOptions {
  std::string host = "127.0.0.1";  // loopback unless asked otherwise
  int port = 8080;                 // 0 = any free port
  std::string web_dir;             // "" = resolve_web_dir("")
  int threads = 8;                 // requests handled at once (one store connection each)
  size_t connections = 512;        // open connections served at once (one thread each)
  size_t max_body = 4u << 20;      // bytes of a request body
  std::chrono::seconds io_timeout{10};  // reading a request, writing a response: each in total
  std::chrono::seconds keep_alive_idle{5};  // an open connection without a request is closed
  size_t keep_alive_requests = 100;         // requests on one connection
};

// The page's directory: `explicit_dir` when non-empty, else $RASAD_WEB, else `web/` beside the
// executable's parent (source tree or installed tree, like data/), else the source tree's web/
// known at build time.
std::string resolve_web_dir(const std::string& explicit_dir);

class Server {
 public:
  Server(Api& api, ServeOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the socket; returns the port (useful with port 0). Fails when the port is taken, also
  // by another rasad serve (no SO_REUSEPORT: two servers would split the connections silently).
  Result<int> bind();
  // Serves until stop(); call after bind().
  bool run();
  // From any thread: finishes the requests in progress, then run() returns (at once when run()
  // starts after stop()).
  void stop();
  const std::string& web_dir() const { return options_.web_dir; }

 private:
  class Gate;
  Api& api_;
  ServeOptions options_;
  std::unique_ptr<Gate> gate_;  // bounds the requests handled at once to options_.threads
  std::unique_ptr<Transport> http_;
};

}  // namespace rasad::serve
