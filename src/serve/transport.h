#pragma once
// The connection side of `rasad serve` on Debian's cpp-httplib (0.11), which keeps one thread per
// open connection for as long as the connection lives and times each read on its own. Here:
//  * a pool of connection threads that grows on demand up to `connections`, so hundreds of idle or
//    slow connections do not queue the requests behind them;
//  * a total deadline for reading a request (from its first byte to its last) and for writing a
//    response, so a client sending a byte every few seconds cannot hold a thread for long;
//  * a short idle limit between keep-alive requests, a bounded count of requests per connection;
//  * a hook that sees each request mutable between its headers and its routing.
#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <functional>

namespace rasad::serve {

struct TransportLimits {
  size_t connections = 512;                              // connections served at once (threads)
  std::chrono::milliseconds request_read{10000};         // reading one request, in total
  std::chrono::milliseconds response_write{10000};       // writing one response, in total
  std::chrono::milliseconds keep_alive_idle{5000};       // waiting for a request on an open connection
  size_t keep_alive_requests = 100;                      // requests on one connection
  int backlog = 1024;                                    // pending connections the kernel queues
};

// Called after a request's headers are read, before its body is read and before it is routed
// (httplib's handlers see the request const only). Setting `close_after` ends the connection
// after the answer.
using RequestSetup = std::function<void(httplib::Request& req, bool& close_after)>;

class Transport : public httplib::Server {
 public:
  Transport(TransportLimits limits, RequestSetup setup);
  ~Transport() override;

  // After bind: httplib listens with a backlog of 5; a burst of new connections beyond it waits
  // for SYN retransmits (a second or more).
  void widen_backlog();
  // Closes the listening socket, whether or not listen_after_bind() has started yet (httplib's
  // stop() does nothing before it has, and a listen started just after would never end).
  void stop_listening();
  // Closes the connections waiting idle for their next request, and every later one once its
  // answer is written, so that stopping waits only for requests in progress.
  void close_idle();

 private:
  class Stream;
  bool process_and_close_socket(socket_t sock) override;
  void serve_connection(Stream& stream);
  bool wait_for_request(const Stream& stream) const;

  TransportLimits limits_;
  RequestSetup setup_;
  int wake_fd_ = -1;  // an eventfd, readable once close_idle() was called
};

}  // namespace rasad::serve
