#include "serve/transport.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace rasad::serve {

namespace {

using Clock = std::chrono::steady_clock;

// Threads are started when every thread is busy, up to `max`, and kept: httplib's ThreadPool starts
// all of them up front, and a pool of a few hundred mostly idle threads would be started by every
// server (tests start many).
class GrowingPool final : public httplib::TaskQueue {
 public:
  explicit GrowingPool(size_t max) : max_(std::max<size_t>(1, max)) {}
  ~GrowingPool() override { shutdown(); }

  void enqueue(std::function<void()> fn) override {
    std::lock_guard lock(m_);
    jobs_.push_back(std::move(fn));
    if (jobs_.size() > idle_ && threads_.size() < max_) threads_.emplace_back([this] { work(); });
    cv_.notify_one();
  }

  void shutdown() override {
    {
      std::lock_guard lock(m_);
      if (stopping_) return;
      stopping_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_) t.join();
  }

 private:
  void work() {
    std::unique_lock lock(m_);
    for (;;) {
      ++idle_;
      cv_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      --idle_;
      if (jobs_.empty()) return;  // stopping, nothing left
      auto fn = std::move(jobs_.front());
      jobs_.pop_front();
      lock.unlock();
      fn();
      lock.lock();
    }
  }

  const size_t max_;
  std::mutex m_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;
  std::vector<std::thread> threads_;  // only grows; joined at shutdown
  size_t idle_ = 0;
  bool stopping_ = false;
};

// Waits until `fd` is ready for `events` or `deadline` passes.
bool wait_ready(int fd, short events, Clock::time_point deadline) {
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    pollfd p{fd, events, 0};
    const int r = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 60'000)));
    if (r > 0) return true;
    if (r < 0 && errno != EINTR) return false;
  }
}

void address_of(int fd, bool peer, std::string& ip, int& port) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  const int r = peer ? ::getpeername(fd, reinterpret_cast<sockaddr*>(&addr), &len)
                     : ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  if (r != 0) return;
  char host[NI_MAXHOST], serv[NI_MAXSERV];
  if (::getnameinfo(reinterpret_cast<sockaddr*>(&addr), len, host, sizeof host, serv, sizeof serv,
                    NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
    ip = host;
    port = std::atoi(serv);
  }
}

}  // namespace

// A connection's socket with deadlines that hold for a whole request or response rather than for
// each read or write. Buffered, and kept across the requests of a connection: a pipelined request
// may already sit in the buffer.
class Transport::Stream final : public httplib::Stream {
 public:
  Stream(int sock, std::chrono::milliseconds write_budget) : sock_(sock), write_budget_(write_budget) {}

  void start_request(Clock::time_point read_deadline) {
    read_deadline_ = read_deadline;
    write_deadline_.reset();
  }
  bool has_buffered() const { return pos_ < len_; }
  int fd() const { return sock_; }
  // A read found the request's deadline passed: what is left of the request cannot be told from
  // a next one, so the connection ends.
  bool timed_out() const { return timed_out_; }

  bool is_readable() const override { return has_buffered() || wait_readable(); }
  bool is_writable() const override { return wait_ready(sock_, POLLOUT, write_deadline()); }

  ssize_t read(char* ptr, size_t size) override {
    if (!has_buffered()) {
      if (!wait_readable()) return -1;
      ssize_t n;
      do n = ::recv(sock_, buf_, sizeof buf_, MSG_DONTWAIT);
      while (n < 0 && errno == EINTR);
      if (n <= 0) return n;
      pos_ = 0;
      len_ = static_cast<size_t>(n);
    }
    const size_t n = std::min(size, len_ - pos_);
    std::memcpy(ptr, buf_ + pos_, n);
    pos_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    for (;;) {
      if (!wait_ready(sock_, POLLOUT, write_deadline())) return -1;
      // Non-blocking, so that one large send cannot outlast the deadline; httplib writes the rest.
      const ssize_t n = ::send(sock_, ptr, size, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n >= 0 || (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK)) return n;
    }
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override { address_of(sock_, true, ip, port); }
  void get_local_ip_and_port(std::string& ip, int& port) const override { address_of(sock_, false, ip, port); }
  socket_t socket() const override { return sock_; }

 private:
  bool wait_readable() const {
    if (wait_ready(sock_, POLLIN, read_deadline_)) return true;
    timed_out_ = true;
    return false;
  }

  // The response's clock starts with its first write, after the handler's time.
  Clock::time_point write_deadline() const {
    if (!write_deadline_) write_deadline_ = Clock::now() + write_budget_;
    return *write_deadline_;
  }

  const int sock_;
  const std::chrono::milliseconds write_budget_;
  Clock::time_point read_deadline_{};
  mutable std::optional<Clock::time_point> write_deadline_;
  mutable bool timed_out_ = false;
  char buf_[16384];
  size_t pos_ = 0, len_ = 0;
};

Transport::Transport(TransportLimits limits, RequestSetup setup)
    : limits_(limits), setup_(std::move(setup)), wake_fd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
  const size_t connections = limits_.connections;
  new_task_queue = [connections] { return new GrowingPool(connections); };
  // What the Keep-Alive header advertises; serve_connection enforces it.
  set_keep_alive_max_count(limits_.keep_alive_requests);
  set_keep_alive_timeout(std::max<time_t>(1, std::chrono::duration_cast<std::chrono::seconds>(limits_.keep_alive_idle).count()));
}

Transport::~Transport() {
  if (wake_fd_ >= 0) ::close(wake_fd_);
}

void Transport::widen_backlog() {
  const socket_t s = svr_sock_;
  if (s != INVALID_SOCKET) ::listen(s, limits_.backlog);  // Linux updates the backlog of a listening socket
}

void Transport::stop_listening() {
  const socket_t s = svr_sock_.exchange(INVALID_SOCKET);
  if (s == INVALID_SOCKET) return;
  ::shutdown(s, SHUT_RDWR);
  ::close(s);
}

void Transport::close_idle() {
  const uint64_t one = 1;
  if (wake_fd_ >= 0 && ::write(wake_fd_, &one, sizeof one) < 0) {
    // Only fails when the counter would overflow: it is readable already.
  }
}

bool Transport::process_and_close_socket(socket_t sock) {
  Stream stream(sock, limits_.response_write);
  serve_connection(stream);
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return true;
}

void Transport::serve_connection(Stream& stream) {
  for (size_t served = 0; served < limits_.keep_alive_requests; ++served) {
    if (!wait_for_request(stream)) return;
    stream.start_request(Clock::now() + limits_.request_read);
    const bool last = served + 1 == limits_.keep_alive_requests || svr_sock_ == INVALID_SOCKET;
    bool closed = false, close_after = false;
    const bool ok = process_request(stream, last, closed, [&](httplib::Request& req) {
      if (setup_) setup_(req, close_after);
    });
    if (!ok || closed || close_after || stream.timed_out()) return;
  }
}

// A request's first byte within the idle limit; false when the connection should close instead
// (idle too long, closed by the client, or the server is stopping).
bool Transport::wait_for_request(const Stream& stream) const {
  if (stream.has_buffered()) return true;
  pollfd fds[2] = {{stream.fd(), POLLIN, 0}, {wake_fd_, POLLIN, 0}};
  const auto deadline = Clock::now() + limits_.keep_alive_idle;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    const int r = ::poll(fds, 2, static_cast<int>(left));
    if (r < 0 && errno == EINTR) continue;
    return r > 0 && fds[1].revents == 0 && fds[0].revents != 0;
  }
}

}  // namespace rasad::serve
