// rasad serve: the JSON API over the event store and the page at / (docs/SERVE.md).
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <iostream>
#include <memory>
#include <thread>

#include "cli/commands.h"
#include "core/paths.h"
#include "serve/api.h"
#include "serve/server.h"

namespace rasad::cli {

namespace {

struct ServeCliOptions {
  std::string db = "rasad.db";
  serve::ServeOptions http;
  bool allow_ingest = false;
  int query_ms = 5000;
  size_t batch = 100;
};

int run_serve(const ServeCliOptions& o, const GlobalOptions& g) {
  // SIGINT/SIGTERM are taken by one thread with sigwait, so every thread the server starts
  // inherits the blocked mask and a signal becomes an orderly stop.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  serve::Limits limits;
  limits.query_time = std::chrono::milliseconds(o.query_ms);
  limits.batch_max = o.batch;
  auto api = serve::Api::create(o.db, resolve_data_dir(g.data_dir), o.allow_ingest, limits);
  if (!api) {
    std::cerr << "rasad: " << api.error() << "\n";
    return 2;
  }
  serve::Server server(**api, o.http);
  auto port = server.bind();
  if (!port) {
    std::cerr << "rasad: " << port.error() << "\n";
    return 2;
  }
  std::atomic<bool> done{false};
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    if (!done && !g.quiet) std::cerr << "rasad serve: stopping\n";
    server.stop();
  });
  std::cout << "rasad serve: http://" << o.http.host << ":" << *port << "/ (store " << o.db << ", page "
            << server.web_dir() << ", ingest " << (o.allow_ingest ? "on" : "off") << ")" << std::endl;
  const bool ok = server.run();
  done = true;
  pthread_kill(waiter.native_handle(), SIGTERM);  // wakes the waiter when run() ended on its own
  waiter.join();
  return ok ? 0 : 1;
}

}  // namespace

std::function<int()> add_serve_command(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<ServeCliOptions>();
  CLI::App* cmd = app.add_subcommand("serve", "Serve the JSON API over a store and the page for exploring it");
  cmd->add_option("--db", o->db, "Store: an SQLite file (default rasad.db) or a PostgreSQL URI (postgresql://...)");
  cmd->add_option("--host", o->http.host, "Address to listen on (default 127.0.0.1, loopback only)");
  cmd->add_option("--port", o->http.port, "Port (default 8080; 0 = any free port)")->check(CLI::Range(0, 65535));
  cmd->add_option("--web", o->http.web_dir, "Directory of the page (default: $RASAD_WEB or the bundled web/)");
  cmd->add_option("--threads", o->http.threads, "Requests served at once (default 8)")->check(CLI::Range(1, 256));
  cmd->add_flag("--allow-ingest", o->allow_ingest, "Accept POST /api/documents (code and store documents)");
  cmd->add_option("--max-body", o->http.max_body, "Largest request body in bytes (default 4 MiB)")
      ->check(CLI::Range(size_t{1024}, size_t{1} << 30));
  cmd->add_option("--max-batch", o->batch, "Most documents per POST /api/documents (default 100)")
      ->check(CLI::Range(size_t{1}, size_t{100000}));
  cmd->add_option("--query-ms", o->query_ms, "A store query running longer is stopped (default 5000)")
      ->check(CLI::Range(10, 600000));
  return [o, &global] { return run_serve(*o, global); };
}

}  // namespace rasad::cli
