// Real Kafka clients against the embedded broker: kcat 1.7.1 on librdkafka 2.0.2 produces with
// every acks setting, idempotence and every codec, reads back exactly what it wrote, lists
// topics, and two group members split partitions and hand them over without losing or
// repeating a record. Hostile bytes on the wire close the connection or get an error code,
// and the broker keeps serving.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <QElapsedTimer>
#include <QProcess>
#include <QtTest>

#include <map>
#include <set>

#include "broker/message_codec.h"
#include "broker/messages/api_versions.h"
#include "broker/messages/offset_commit.h"
#include "broker/messages/produce.h"
#include "broker/messages/request_header.h"
#include "broker_fixture.h"
#include "log/record_batch.h"
#include "runtime/topic_browser.h"
#include "test_support.h"

using namespace tributary;
using namespace tributary::testing;

namespace {

QByteArray numbered_lines(const QString& prefix, int count) {
  QByteArray out;
  for (int i = 0; i < count; ++i) out += (prefix + QString::number(i) + "\n").toUtf8();
  return out;
}

// A blocking loopback client speaking raw frames.
class RawClient {
 public:
  explicit RawClient(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) qFatal("connect failed");
    timeval tv{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  ~RawClient() { ::close(fd_); }
  void send_raw(const std::string& bytes) {
    (void)::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
  }
  void send_frame(const std::string& payload) {
    std::string frame(4, '\0');
    log::store_be<std::int32_t>(frame.data(), static_cast<std::int32_t>(payload.size()));
    send_raw(frame + payload);
  }
  // The next response payload, or nullopt when the broker closed the connection.
  std::optional<std::string> receive() {
    char size[4];
    if (!read_exact(size, 4)) return std::nullopt;
    std::string payload(static_cast<std::size_t>(log::load_be<std::int32_t>(size)), '\0');
    if (!read_exact(payload.data(), payload.size())) return std::nullopt;
    return payload;
  }

 private:
  bool read_exact(char* p, std::size_t n) {
    while (n > 0) {
      const ssize_t got = ::recv(fd_, p, n, 0);
      if (got <= 0) return false;
      p += got;
      n -= static_cast<std::size_t>(got);
    }
    return true;
  }
  int fd_ = -1;
};

template <class M>
std::string request(std::int16_t key, std::int16_t version, std::int32_t correlation, const M& body,
                    bool flexible = false) {
  ByteBuffer out;
  broker::RequestHeader h{key, version, correlation, std::string("raw")};
  broker::ProtocolWriter w(out, flexible);
  h.serde(w, flexible);
  broker::encode(body, version, flexible, out);
  return std::string(out.view());
}

std::string api_versions_v0(std::int32_t correlation) {
  return request(18, 0, correlation, broker::ApiVersionsRequest{});
}

// A Produce v7 of one batch; returns the decoded response's first partition.
broker::ProduceResponse::Partition produce_raw(RawClient& c, const std::string& topic,
                                               std::span<const char> batch,
                                               std::int32_t correlation) {
  broker::ProduceRequest p;
  p.acks = 1;
  p.timeout_ms = 5000;
  p.topics.push_back({topic, {{0, batch}}});
  c.send_frame(request(0, 7, correlation, p));
  auto reply = c.receive();
  if (!reply) qFatal("no produce response");
  if (log::load_be<std::int32_t>(reply->data()) != correlation) qFatal("wrong correlation id");
  auto decoded = broker::decode<broker::ProduceResponse>(
      broker::Bytes(reply->data() + 4, reply->size() - 4), 7, false);
  if (!decoded) qFatal("bad produce response");
  return decoded->topics.at(0).partitions.at(0);
}

std::string idempotent_batch(std::int64_t producer_id, std::int32_t sequence, int count) {
  log::RecordBatchBuilder b;
  b.set_producer(producer_id, 0, sequence);
  std::vector<std::string> values;
  for (int i = 0; i < count; ++i) values.push_back("v" + std::to_string(sequence + i));
  for (const auto& v : values) b.add(log::Record{std::nullopt, std::string_view(v), 1000, {}});
  auto bytes = b.finish();
  return std::string(bytes.data(), bytes.size());
}

}  // namespace

class TestBrokerClients : public QObject {
  Q_OBJECT

 private slots:
  void kcatRoundTripsWithEveryAcksSetting() {
    BrokerFixture f;
    for (const char* acks : {"0", "1", "all"}) {
      const QString topic = QStringLiteral("acks-%1").arg(acks);
      const QByteArray lines = numbered_lines(QStringLiteral("acks %1 record ").arg(acks), 2000);
      auto p =
          kcat({"-P", "-b", f.bootstrap(), "-t", topic, "-X", QStringLiteral("acks=%1").arg(acks)},
               lines);
      QVERIFY2(p.exit_code == 0, p.err.constData());
      // acks=0 gets no response: wait until every record is stored before reading.
      auto t = f.logs->topic(topic.toStdString());
      QVERIFY(t.ok());
      QTRY_COMPARE_WITH_TIMEOUT((*t)->partition(0).end_offset(), std::int64_t{2000}, 5000);
      auto c = kcat({"-C", "-b", f.bootstrap(), "-t", topic, "-e", "-q"});
      QVERIFY2(c.exit_code == 0, c.err.constData());
      QCOMPARE(c.out, lines);
    }
  }

  void idempotentProducerAndEveryCodecRoundTrip() {
    BrokerFixture f;
    const QByteArray lines = numbered_lines(QStringLiteral("idempotent "), 3000);
    auto p =
        kcat({"-P", "-b", f.bootstrap(), "-t", "idem", "-X", "enable.idempotence=true"}, lines);
    QVERIFY2(p.exit_code == 0, p.err.constData());
    auto c = kcat({"-C", "-b", f.bootstrap(), "-t", "idem", "-e", "-q"});
    QCOMPARE(c.out, lines);
    // The stored batches carry the producer id the broker handed out.
    ByteBuffer stored;
    QVERIFY((*f.logs->topic("idem"))->partition(0).read(0, 1 << 20, stored).ok());
    auto first = log::parse_batch_header(stored.span());
    QVERIFY(first.ok());
    QVERIFY(first->producer_id >= 0);
    QCOMPARE(first->base_sequence, 0);

    const std::map<QString, log::Compression> codecs{{"gzip", log::Compression::gzip},
                                                     {"snappy", log::Compression::snappy},
                                                     {"lz4", log::Compression::lz4},
                                                     {"zstd", log::Compression::zstd}};
    for (const auto& [name, codec] : codecs) {
      const QByteArray data = numbered_lines(name + " compressible record number ", 5000);
      auto pz = kcat({"-P", "-b", f.bootstrap(), "-t", "z-" + name, "-z", name}, data);
      QVERIFY2(pz.exit_code == 0, pz.err.constData());
      auto cz = kcat({"-C", "-b", f.bootstrap(), "-t", "z-" + name, "-e", "-q"});
      QCOMPARE(cz.out, data);
      // Stored as the client compressed it, and readable by the engine's own reader.
      auto& log = (*f.logs->topic(("z-" + name).toStdString()))->partition(0);
      // (librdkafka sends a batch uncompressed when compressing does not make it smaller, as
      // with a lone first record, so look for the codec over all stored batches.)
      ByteBuffer buf;
      QVERIFY(log.read(0, 64 << 20, buf).ok());
      int compressed = 0;
      log::for_each_batch(buf.span(), [&](const log::BatchHeader& h, std::span<const char>) {
        if (h.compression() == codec) compressed += h.record_count;
        return true;
      });
      QVERIFY2(compressed >= 4000,
               qPrintable(QStringLiteral("%1 records stored compressed").arg(compressed)));
      const auto records = read_all(log);
      QCOMPARE(records.size(), std::size_t{5000});
      QCOMPARE(QString::fromStdString(*records.back().value),
               name + " compressible record number 4999");
    }
  }

  void kcatListsTopicsAndPartitions() {
    BrokerFixture f;
    log::TopicConfig three;
    three.partitions = 3;
    QVERIFY(f.logs->create_topic("orders", three).ok());
    QVERIFY(f.logs->create_topic("audit", log::TopicConfig{}).ok());
    auto l = kcat({"-L", "-b", f.bootstrap()});
    QVERIFY2(l.exit_code == 0, l.err.constData());
    const QString out = QString::fromUtf8(l.out);
    QVERIFY2(out.contains("1 brokers:"), qPrintable(out));
    QVERIFY(out.contains("broker 0 at " + f.bootstrap()));
    QVERIFY(out.contains("topic \"orders\" with 3 partitions:"));
    QVERIFY(out.contains("topic \"audit\" with 1 partitions:"));
    QVERIFY(out.contains("partition 2, leader 0, replicas: 0, isrs: 0"));
  }

  void twoGroupMembersSplitPartitionsAndHandThemOver() {
    BrokerFixture f;
    log::TopicConfig four;
    four.partitions = 4;
    QVERIFY(f.logs->create_topic("events", four).ok());
    auto produce = [&](int from, int count) {
      QByteArray keyed;
      for (int i = from; i < from + count; ++i)
        keyed += QStringLiteral("key%1:value%1\n").arg(i).toUtf8();
      auto p = kcat({"-P", "-b", f.bootstrap(), "-t", "events", "-K:"}, keyed);
      QVERIFY2(p.exit_code == 0, p.err.constData());
    };
    produce(0, 400);
    const QStringList member_args{"-G",    "workers",
                                  "-b",    f.bootstrap(),
                                  "-q",    "-u",
                                  "-f",    "%p %o %s\\n",
                                  "-X",    "auto.offset.reset=earliest",
                                  "-X",    "auto.commit.interval.ms=200",
                                  "-X",    "heartbeat.interval.ms=300",
                                  "-X",    "session.timeout.ms=6000",
                                  "events"};
    QProcess a;
    QProcess b;
    QByteArray a_out, b_out;
    auto lines = [](const QByteArray& out) { return out.count('\n'); };
    a.start(kcat_path(), member_args);
    QVERIFY(a.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT((a_out += a.readAllStandardOutput(), lines(a_out) >= 400), 20000);

    b.start(kcat_path(), member_args);
    QVERIFY(b.waitForStarted());
    // The join makes the group rebalance: each member ends up with two of the four partitions.
    QTRY_VERIFY_WITH_TIMEOUT(f.broker->stats().requests_by_api["SyncGroup"] >= 3, 20000);
    produce(400, 400);
    QTRY_VERIFY_WITH_TIMEOUT(
        (a_out += a.readAllStandardOutput(), b_out += b.readAllStandardOutput(),
         lines(a_out) + lines(b_out) >= 800),
        20000);
    QVERIFY2(lines(b_out) > 0, "the second member got no partition");
    QVERIFY2(lines(a_out) > 400, "the first member kept no partition");

    // The first member leaves (SIGTERM: kcat commits and sends LeaveGroup); the second takes all.
    a.terminate();
    QVERIFY(a.waitForFinished(15000));
    a_out += a.readAllStandardOutput();
    QTRY_VERIFY_WITH_TIMEOUT(f.broker->stats().requests_by_api["LeaveGroup"] >= 1, 10000);
    QTest::qWait(500);
    produce(800, 400);
    QTRY_VERIFY_WITH_TIMEOUT(
        (b_out += b.readAllStandardOutput(), lines(a_out) + lines(b_out) >= 1200), 30000);
    QTest::qWait(1000);  // anything read twice would show up now
    b_out += b.readAllStandardOutput();
    b.terminate();
    QVERIFY(b.waitForFinished(15000));
    b_out += b.readAllStandardOutput();

    std::map<std::pair<int, long long>, int> seen;
    std::set<QString> values;
    for (const QByteArray* out : {&a_out, &b_out}) {
      for (const QByteArray& line : out->split('\n')) {
        if (line.isEmpty()) continue;
        const auto parts = line.split(' ');
        QCOMPARE(parts.size(), 3);
        ++seen[{parts[0].toInt(), parts[1].toLongLong()}];
        values.insert(QString::fromUtf8(parts[2]));
      }
    }
    for (const auto& [where, n] : seen) {
      QVERIFY2(n == 1, qPrintable(QStringLiteral("partition %1 offset %2 read %3 times")
                                      .arg(where.first)
                                      .arg(where.second)
                                      .arg(n)));
    }
    QCOMPARE(values.size(), std::size_t{1200});
    QCOMPARE(seen.size(), std::size_t{1200});
    // Committed offsets are the ones `tributary-cli group describe` and the UI show.
    auto committed = f.logs->groups().offsets("workers");
    QVERIFY(committed.ok());
    std::int64_t total = 0;
    for (const auto& [tp, offset] : *committed) total += offset;
    QCOMPARE(total, std::int64_t{1200});
    // ... and the lag the app's Topics dock shows for the group: nothing left to read.
    auto topics = runtime::list_topics(f.dir.path().toStdString());
    QVERIFY(topics.ok());
    auto events = std::find_if(topics->begin(), topics->end(),
                               [](const auto& t) { return t.name == "events"; });
    QVERIFY(events != topics->end());
    QCOMPARE(events->groups.size(), std::size_t{1});
    QCOMPARE(events->groups[0].group, std::string("workers"));
    QCOMPARE(events->groups[0].lag, std::int64_t{0});
  }

  void idempotentRetriesAreAnsweredWithTheOriginalOffsets() {
    BrokerFixture f;
    QVERIFY(f.logs->create_topic("seq", log::TopicConfig{}).ok());
    RawClient c(f.broker->port());
    const std::int64_t pid = 4242;
    const std::string first = idempotent_batch(pid, 0, 3);
    auto r1 = produce_raw(c, "seq", std::span<const char>(first), 1);
    QCOMPARE(r1.error_code, std::int16_t{0});
    QCOMPARE(r1.base_offset, std::int64_t{0});
    const std::string second = idempotent_batch(pid, 3, 2);
    QCOMPARE(produce_raw(c, "seq", std::span<const char>(second), 2).base_offset, std::int64_t{3});
    // A retry of the first batch: success with its original offset, nothing appended.
    auto retry = produce_raw(c, "seq", std::span<const char>(first), 3);
    QCOMPARE(retry.error_code, std::int16_t{0});
    QCOMPARE(retry.base_offset, std::int64_t{0});
    QCOMPARE((*f.logs->topic("seq"))->partition(0).end_offset(), std::int64_t{5});
    // A gap in the sequence is refused.
    const std::string gap = idempotent_batch(pid, 9, 1);
    QCOMPARE(produce_raw(c, "seq", std::span<const char>(gap), 4).error_code, std::int16_t{45});
    QCOMPARE((*f.logs->topic("seq"))->partition(0).end_offset(), std::int64_t{5});
  }

  void requestMemoryIsBoundedAndStalledFramesTimeOut() {
    broker::BrokerOptions options;
    options.max_request_bytes = 64 * 1024;
    options.max_buffered_bytes = 64 * 1024;
    options.request_timeout_ms = 400;
    BrokerFixture f(options);
    auto partial_frame = [](std::int32_t size) {
      std::string bytes(4, '\0');
      log::store_be<std::int32_t>(bytes.data(), size);
      return bytes + std::string(100, 'x');  // then nothing more
    };
    RawClient a(f.broker->port());
    a.send_raw(partial_frame(60000));
    QTRY_COMPARE(f.broker->stats().buffered_bytes, std::uint64_t{60000});
    // A second large frame does not fit the budget: it waits instead of being allocated.
    RawClient b(f.broker->port());
    b.send_raw(partial_frame(50000));
    QTest::qWait(100);
    QCOMPARE(f.broker->stats().buffered_bytes, std::uint64_t{60000});
    // A small request still fits.
    RawClient c(f.broker->port());
    c.send_frame(api_versions_v0(1));
    QVERIFY(c.receive().has_value());
    // The stalled frames time out one after the other, and the budget comes back whole.
    QVERIFY(!a.receive().has_value());
    QVERIFY(!b.receive().has_value());
    QTRY_COMPARE(f.broker->stats().buffered_bytes, std::uint64_t{0});
    c.send_frame(api_versions_v0(2));
    QVERIFY(c.receive().has_value());
  }

  void hostileInputIsRefusedAndTheBrokerKeepsServing() {
    broker::BrokerOptions options;
    options.max_request_bytes = 1 << 20;
    BrokerFixture f(options);
    QVERIFY(f.logs->create_topic("safe", log::TopicConfig{}).ok());
    {
      // A batch whose CRC does not match: CORRUPT_MESSAGE, nothing stored.
      RawClient c(f.broker->port());
      std::string batch = idempotent_batch(-1, -1, 2);
      batch.back() ^= 0x55;
      QCOMPARE(produce_raw(c, "safe", std::span<const char>(batch), 7).error_code, std::int16_t{2});
      // A batch whose length field lies about its size.
      std::string torn = idempotent_batch(-1, -1, 2);
      torn.resize(torn.size() - 3);
      QCOMPARE(produce_raw(c, "safe", std::span<const char>(torn), 8).error_code, std::int16_t{2});
      QCOMPARE((*f.logs->topic("safe"))->partition(0).end_offset(), std::int64_t{0});
      // The connection is still usable.
      c.send_frame(api_versions_v0(9));
      QVERIFY(c.receive().has_value());
    }
    {
      // An absurd length prefix: the connection is closed before anything is allocated.
      RawClient c(f.broker->port());
      c.send_raw(std::string("\x7f\xff\xff\xff", 4));
      QVERIFY(!c.receive().has_value());
    }
    {
      // A frame over max_request_bytes.
      RawClient c(f.broker->port());
      std::string big(4, '\0');
      log::store_be<std::int32_t>(big.data(), (1 << 20) + 1);
      c.send_raw(big);
      QVERIFY(!c.receive().has_value());
    }
    {
      // An unknown API key, and a known API at a version it does not serve.
      RawClient c(f.broker->port());
      c.send_frame(request(999, 0, 1, broker::ApiVersionsRequest{}));
      QVERIFY(!c.receive().has_value());
      RawClient d(f.broker->port());
      d.send_frame(request(3, 12, 1, broker::ApiVersionsRequest{}));
      QVERIFY(!d.receive().has_value());
    }
    {
      // ApiVersions at a version from the future: a v0 UNSUPPORTED_VERSION answer (KIP-511).
      RawClient c(f.broker->port());
      c.send_frame(request(18, 9, 5, broker::ApiVersionsRequest{}));
      auto reply = c.receive();
      QVERIFY(reply.has_value());
      auto body = broker::decode<broker::ApiVersionsResponse>(
          broker::Bytes(reply->data() + 4, reply->size() - 4), 0, false);
      QVERIFY(body.has_value());
      QCOMPARE(body->error_code, std::int16_t{35});
      QCOMPARE(body->api_keys.size(), std::size_t{1});
      QCOMPARE(body->api_keys[0].max_version, std::int16_t{3});
    }
    {
      // Garbage after a valid header, and a frame shorter than any header.
      RawClient c(f.broker->port());
      std::string bad = request(3, 4, 1, broker::ApiVersionsRequest{});
      bad += std::string("\xff\xff\xff\xf0", 4);
      c.send_frame(bad);
      QVERIFY(!c.receive().has_value());
      RawClient d(f.broker->port());
      d.send_frame("xy");
      QVERIFY(!d.receive().has_value());
    }
    {
      // OffsetCommit for a topic that does not exist, or whose name is not even UTF-8 (found
      // by fuzz_broker_request: it used to reach the group's JSON file and abort the broker).
      RawClient c(f.broker->port());
      broker::OffsetCommitRequest commit;
      commit.group_id = "g";
      commit.topics.push_back({"no-such-topic", {{0, 5, -1, -1, std::nullopt}}});
      commit.topics.push_back({std::string("\x99\x99lden"), {{0, 5, -1, -1, std::nullopt}}});
      commit.topics.push_back(
          {"safe", {{0, 0, -1, -1, std::nullopt}, {7, 1, -1, -1, std::nullopt}}});
      c.send_frame(request(8, 7, 11, commit));
      auto reply = c.receive();
      QVERIFY(reply.has_value());
      auto body = broker::decode<broker::OffsetCommitResponse>(
          broker::Bytes(reply->data() + 4, reply->size() - 4), 7, false);
      QVERIFY(body.has_value());
      QCOMPARE(body->topics[0].partitions[0].error_code, std::int16_t{3});
      QCOMPARE(body->topics[1].partitions[0].error_code, std::int16_t{17});
      QCOMPARE(body->topics[2].partitions[0].error_code, std::int16_t{0});
      QCOMPARE(body->topics[2].partitions[1].error_code, std::int16_t{3});
      auto stored = f.logs->groups().offsets("g");
      QVERIFY(stored.ok());
      QCOMPARE(stored->size(), std::size_t{1});
    }
    QVERIFY(f.broker->stats().rejected_requests >= 6);
    // Pipelined requests are answered in order.
    RawClient c(f.broker->port());
    for (int i = 0; i < 20; ++i) c.send_frame(api_versions_v0(100 + i));
    for (int i = 0; i < 20; ++i) {
      auto reply = c.receive();
      QVERIFY(reply.has_value());
      QCOMPARE(log::load_be<std::int32_t>(reply->data()), 100 + i);
    }
    // And kcat still works.
    auto p = kcat({"-P", "-b", f.bootstrap(), "-t", "safe"}, "still serving\n");
    QCOMPARE(p.exit_code, 0);
    QCOMPARE(kcat({"-C", "-b", f.bootstrap(), "-t", "safe", "-e", "-q"}).out,
             QByteArray("still serving\n"));
  }
};

QTEST_GUILESS_MAIN(TestBrokerClients)
#include "test_broker_clients.moc"
