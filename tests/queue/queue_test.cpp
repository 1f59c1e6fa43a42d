// The pieces of the Redis queue that need no server: queue addresses and the document payload.
// The queue and the PostgreSQL store against real servers: tests/scale/pg_redis_test.sh.
#include <gtest/gtest.h>

#include "queue/payload.h"
#include "queue/redis_queue.h"
#include "store/pg/pg.h"

namespace rasad::queue {
namespace {

TEST(QueueUrl, RedisHostPortStream) {
  auto a = parse_queue_url("redis://cache.local:6380/docs");
  ASSERT_TRUE(a) << a.error();
  EXPECT_EQ(a->host, "cache.local");
  EXPECT_EQ(a->port, 6380);
  EXPECT_EQ(a->stream, "docs");
  EXPECT_TRUE(a->socket.empty());
  auto d = parse_queue_url("redis://localhost/docs");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->port, 6379);
}

TEST(QueueUrl, UnixSocket) {
  auto a = parse_queue_url("unix:///tmp/x/redis.sock?stream=fa");
  ASSERT_TRUE(a) << a.error();
  EXPECT_EQ(a->socket, "/tmp/x/redis.sock");
  EXPECT_EQ(a->stream, "fa");
  EXPECT_EQ(a->describe(), "unix:///tmp/x/redis.sock?stream=fa");
}

TEST(QueueUrl, Refused) {
  for (const char* bad : {"redis://host:6379", "redis://host:6379/", "redis://host:99999/s", "redis://host:x/s",
                          "unix:///tmp/r.sock", "unix://relative.sock?stream=s", "http://host/s", ""}) {
    auto a = parse_queue_url(bad);
    EXPECT_FALSE(a) << bad;
    if (!a) {
      EXPECT_NE(a.error().find("redis://HOST:PORT/STREAM"), std::string::npos);
    }
  }
}

TEST(Payload, RoundTripKeepsWhatCodingAndTheStoreRead) {
  Document d;
  d.id = "001_783e";
  d.text = "الرئيس الإيراني يلتقي بوتين\n\"quoted\" \t tab";
  d.lang = "ar";
  d.date = "2024-03-19";
  d.url = "https://example.org/a";
  d.title = "عنوان";
  d.source = "IRNA";
  d.path = "/data/seeds/001_783e.txt";
  d.line = 7;
  d.format = "text";
  auto p = from_payload(to_payload(d));
  ASSERT_TRUE(p) << p.error();
  EXPECT_EQ(p->options, ingest::Options{});
  const Document* back = &p->doc;
  EXPECT_EQ(back->id, d.id);
  EXPECT_EQ(back->text, d.text);
  EXPECT_EQ(back->lang, d.lang);
  EXPECT_EQ(back->date, d.date);
  EXPECT_EQ(back->url, d.url);
  EXPECT_EQ(back->title, d.title);
  EXPECT_EQ(back->source, d.source);
  EXPECT_EQ(back->path, d.path);
  EXPECT_EQ(back->line, d.line);
  EXPECT_EQ(back->format, d.format);
}

TEST(Payload, CarriesTheOptionsItWasEnqueuedWith) {
  Document d;
  d.id = "x";
  d.text = "text";
  const ingest::Options o{"2021-05-10", "fa"};
  EXPECT_EQ(to_payload(d).find("options"), std::string::npos);  // the defaults: not written
  auto p = from_payload(to_payload(d, o));
  ASSERT_TRUE(p) << p.error();
  EXPECT_EQ(p->options, o);
  // Only the date: the language stays the default.
  p = from_payload(R"({"id": "x", "text": "t", "options": {"date": "2020-01-02"}})");
  ASSERT_TRUE(p) << p.error();
  EXPECT_EQ(p->options, (ingest::Options{"2020-01-02", "auto"}));
  // Read as given; the worker checks them (and dead-letters what ingest would refuse).
  p = from_payload(R"({"id": "x", "text": "t", "options": {"date": "May 10"}})");
  ASSERT_TRUE(p);
  EXPECT_FALSE(p->options.analysis());
  EXPECT_FALSE((ingest::Options{"", "de"}.analysis()));
}

TEST(Payload, NotADocument) {
  EXPECT_FALSE(from_payload("{\"id\": \"x\", \"text\": "));
  EXPECT_FALSE(from_payload("{\"id\": \"x\"}"));
  EXPECT_FALSE(from_payload(R"({"id": "x", "text": "t", "options": "date"})"));
  EXPECT_FALSE(from_payload(R"({"id": "x", "text": "t", "options": {"date": 20200102}})"));
}

TEST(PgUrl, ChoosesTheStore) {
  EXPECT_TRUE(store::pg::is_postgres_url("postgresql://rasad@/db?host=/tmp"));
  EXPECT_TRUE(store::pg::is_postgres_url("postgres://h/db"));
  EXPECT_FALSE(store::pg::is_postgres_url("rasad.db"));
  EXPECT_FALSE(store::pg::is_postgres_url("postgresql.db"));
}

}  // namespace
}  // namespace rasad::queue
