// `rasad serve` against hostile or careless clients: bodies nested to overflow a stack, Range
// headers that multiply a response, requests without a length. Each test pins one defect that
// once crashed, stalled or misled the server. The server runs in this process on a free loopback
// port over an empty store with ingest on; raw sockets send what httplib::Client would not.
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "serve/api.h"
#include "serve/body.h"
#include "serve/server.h"

namespace fs = std::filesystem;
using nlohmann::json;
using rasad::serve::Api;
using rasad::serve::Reply;
using rasad::serve::Server;
using Clock = std::chrono::steady_clock;

namespace {

const std::string kSource = RASAD_SOURCE_DIR;

// {"id":"x","text":[[[...]]]}: `levels` nested arrays in 2 bytes each.
std::string nested_body(size_t levels) {
  return R"({"id":"x","text":)" + std::string(levels, '[') + std::string(levels, ']') + "}";
}

// Sends `request` on a fresh loopback connection and reads until the server closes it or
// `timeout` passes; returns what arrived.
std::string exchange(int port, const std::string& request, std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string out;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    timeval tv{0, 100 * 1000};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
    const auto end = Clock::now() + timeout;
    char buf[65536];
    while (Clock::now() < end) {
      const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n == 0) break;
      if (n > 0) out.append(buf, static_cast<size_t>(n));
    }
  }
  ::close(fd);
  return out;
}

int status_of(const std::string& response) {
  return response.size() > 12 && response.rfind("HTTP/1.1 ", 0) == 0 ? std::atoi(response.c_str() + 9) : 0;
}

// One empty store with ingest on (the coder loaded once for the suite) and a server over it.
class ServeHardening : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("rasad-hardening-test-" + std::to_string(getpid())));
    fs::create_directories(*dir_);
    auto a = Api::create((*dir_ / "empty.db").string(), kSource + "/data", true);
    ASSERT_TRUE(a) << a.error();
    api_ = a->release();
    rasad::serve::ServeOptions o;
    o.port = 0;
    o.web_dir = kSource + "/web";
    server_ = new Server(*api_, o);
    auto p = server_->bind();
    ASSERT_TRUE(p) << p.error();
    port_ = *p;
    thread_ = new std::thread([] { server_->run(); });
  }
  static void TearDownTestSuite() {
    if (server_) server_->stop();
    if (thread_) thread_->join();
    delete thread_;
    delete server_;
    delete api_;
    fs::remove_all(*dir_);
    delete dir_;
  }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(30);
    return c;
  }
  static fs::path* dir_;
  static Api* api_;
  static Server* server_;
  static std::thread* thread_;
  static int port_;
};
fs::path* ServeHardening::dir_ = nullptr;
Api* ServeHardening::api_ = nullptr;
Server* ServeHardening::server_ = nullptr;
std::thread* ServeHardening::thread_ = nullptr;
int ServeHardening::port_ = 0;

TEST(ServeJsonDepth, CountsBracketsOutsideStrings) {
  EXPECT_EQ(rasad::serve::json_nesting_depth(R"({"id": "x", "text": "a"})", 32), 1u);
  EXPECT_EQ(rasad::serve::json_nesting_depth(R"({"documents": [{"id": "[[[{{{"}]})", 32), 3u);
  EXPECT_EQ(rasad::serve::json_nesting_depth(R"(["\"[[[", [1]])", 32), 2u);
  EXPECT_EQ(rasad::serve::json_nesting_depth(R"("a\\" [[1]])", 32), 2u) << "an escaped backslash ends no string";
  EXPECT_EQ(rasad::serve::json_nesting_depth(nested_body(100000), 32), 33u) << "stops once past the limit";
  EXPECT_EQ(rasad::serve::json_nesting_depth("", 32), 0u);
}

// Issue: a 200 KB body of 100,000 nested arrays overflowed the stack (the parsed tree was copied).
TEST_F(ServeHardening, DeeplyNestedBodyIsRefusedByTheHandler) {
  const Reply r = api_->handle("POST", "/api/documents", {}, nested_body(100000));
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body["error"]["message"].get<std::string>().find("nest"), std::string::npos) << r.body.dump();
  // Wrapped forms are read without copying the tree: still refused with 400, not a crash.
  const std::string inner = nested_body(100000);
  EXPECT_EQ(api_->handle("POST", "/api/documents", {}, R"({"documents": [)" + inner + "]}").status, 400);
  EXPECT_EQ(api_->handle("POST", "/api/documents", {}, "[" + inner + "]").status, 400);
}

TEST_F(ServeHardening, DeeplyNestedBodyOverLoopbackLeavesTheServerUp) {
  auto c = client();
  auto res = c.Post("/api/documents", nested_body(100000), "application/json");
  ASSERT_TRUE(res) << "the server answered";
  EXPECT_EQ(res->status, 400);
  auto health = c.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
}

TEST_F(ServeHardening, ShallowNestingInAFieldIsStillAccepted) {
  const Reply r = api_->handle("POST", "/api/documents", {},
                               R"({"documents": [{"id": "n1", "lang": "en", "text": "Iran and Russia met.", "extra": [[1], {"a": [2]}]}]})");
  EXPECT_EQ(r.status, 200) << r.body.dump();
}

// Issue: `Range: bytes=0-,0-,...` (2,000 ranges) on /api/events?limit=500 made a 422 MB answer.
TEST_F(ServeHardening, ApiAnswersIgnoreRange) {
  std::string many = "bytes=0-";
  for (int i = 1; i < 2000; ++i) many += ",0-";
  auto c = client();
  auto plain = c.Get("/api/events?limit=500");
  ASSERT_TRUE(plain);
  for (const std::string& range : {many, std::string("bytes=0-3")}) {
    auto ranged = c.Get("/api/events?limit=500", {{"Range", range}});
    ASSERT_TRUE(ranged);
    EXPECT_EQ(ranged->status, 200) << range.substr(0, 20);
    EXPECT_EQ(ranged->body, plain->body) << range.substr(0, 20);
    EXPECT_FALSE(ranged->has_header("Content-Range"));
  }
}

TEST_F(ServeHardening, FilesHonourOneRangeAtMost) {
  auto c = client();
  auto whole = c.Get("/app.js");
  ASSERT_TRUE(whole);
  ASSERT_EQ(whole->status, 200);
  auto one = c.Get("/app.js", {{"Range", "bytes=0-9"}});
  ASSERT_TRUE(one);
  EXPECT_EQ(one->status, 206);
  EXPECT_EQ(one->body, whole->body.substr(0, 10));
  std::string many = "bytes=0-9";
  for (int i = 1; i < 2000; ++i) many += ",0-";
  for (const std::string& range : {std::string("bytes=0-9,20-29"), many}) {
    auto r = c.Get("/app.js", {{"Range", range}});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << range.substr(0, 20);
    EXPECT_EQ(r->body, whole->body) << "the whole file, once";
  }
}

// Issue: httplib set SO_REUSEPORT, so a second server bound the same port and started silently.
TEST_F(ServeHardening, ASecondServerOnABusyPortFailsToBind) {
  rasad::serve::ServeOptions o;
  o.port = port_;
  o.web_dir = kSource + "/web";
  Server second(*api_, o);
  auto p = second.bind();
  ASSERT_FALSE(p) << "bound port " << port_ << " a second time";
  EXPECT_NE(p.error().find("in use"), std::string::npos) << p.error();
}

TEST_F(ServeHardening, ASecondRasadServeOnABusyPortExitsWithAMessage) {
  const std::string err = (*dir_ / "second.err").string();
  const std::string cmd = "timeout 20 '" + std::string(RASAD_BINARY_DIR) + "/rasad' -q serve --db '" +
                          (*dir_ / "empty.db").string() + "' --port " + std::to_string(port_) + " > /dev/null 2> '" + err + "'";
  const int rc = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(rc));
  EXPECT_NE(WEXITSTATUS(rc), 0);
  EXPECT_NE(WEXITSTATUS(rc), 124) << "still serving after 20 s";
  std::ifstream in(err);
  const std::string message((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(message.find("in use"), std::string::npos) << message;
}

// Issue: `/app.js%00.html` served app.js as text/html (the file side stopped at the NUL).
TEST_F(ServeHardening, APathWithANulIsRefused) {
  const std::string r = exchange(port_, "GET /app.js%00.html HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(status_of(r), 400) << r.substr(0, 200);
  EXPECT_EQ(r.find("text/html"), std::string::npos);
}

// Issue: a POST without Content-Length waited for the 10 s read timeout before its 400.
TEST_F(ServeHardening, APostWithoutALengthGets411AtOnce) {
  const auto start = Clock::now();
  const std::string r = exchange(port_, "POST /api/documents HTTP/1.1\r\nHost: t\r\n\r\n", std::chrono::seconds(15));
  const auto waited = Clock::now() - start;
  EXPECT_EQ(status_of(r), 411) << r.substr(0, 200);
  EXPECT_LT(waited, std::chrono::seconds(2));
  EXPECT_NE(r.find("Content-Length"), std::string::npos) << "the message says what is missing";
}

// Issue: a form-encoded POST (curl -d's default) over 8 KB was refused as larger than the 4 MiB limit.
TEST_F(ServeHardening, AFormEncodedBodyIsReadAsJsonUpToTheLimit) {
  const std::string body = R"({"id": "form-1", "lang": "en", "text": ")" + std::string(20000, 'a') + R"( Iran and Russia met."})";
  auto c = client();
  auto res = c.Post("/api/documents", body, "application/x-www-form-urlencoded");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body.substr(0, 300);
  auto huge = c.Post("/api/documents", std::string(5u << 20, ' '), "application/json");
  ASSERT_TRUE(huge);
  EXPECT_EQ(huge->status, 413);
  EXPECT_NE(huge->body.find(std::to_string(4u << 20)), std::string::npos) << "names the limit: " << huge->body;
}

// Issue: idle connections held the 8 worker threads, so /healthz waited seconds behind them.
TEST_F(ServeHardening, IdleConnectionsDoNotDelayOthers) {
  std::vector<int> idle;
  for (int i = 0; i < 100; ++i) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port_));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) idle.push_back(fd);
    else ::close(fd);
  }
  EXPECT_EQ(idle.size(), 100u);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  for (int i = 0; i < 5; ++i) {
    const auto start = Clock::now();
    const std::string r = exchange(port_, "GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(status_of(r), 200);
    EXPECT_LT(Clock::now() - start, std::chrono::seconds(1)) << "with 100 idle connections open";
  }
  for (int fd : idle) ::close(fd);
}

}  // namespace
