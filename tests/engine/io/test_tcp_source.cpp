// source.tcp: real sockets on a port chosen by the system. JSON lines and headerless CSV typed
// by a schema, lines split across writes, CRLF and blank lines, dead letters at
// `tcp <peer> line <n>` (bad records, a partial line at close, a line too long), two clients
// at once, reads pausing while the queue is full, ordinals after seek, and bind failures.
#include <QtTest>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <map>
#include <thread>

#include "io/json_encoder.h"
#include "io/tcp_source.h"

using namespace tributary;
using namespace tributary::io;
namespace asio = boost::asio;
using asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

using T = DataType;
using Format = TcpSpec::Format;

Schema events_schema() {
  return Schema({{"user", T::string}, {"n", T::int64}, {"ts", T::timestamp}, {"x", T::float64}});
}

std::unique_ptr<TcpSource> listen(Format format, Schema schema = events_schema(),
                                  std::size_t max_line = 1 << 20,
                                  std::size_t max_queued = 8 << 20) {
  TcpSpec spec;
  spec.port = 0;
  spec.format = format;
  spec.schema = std::move(schema);
  spec.max_line_bytes = max_line;
  spec.max_queued_bytes = max_queued;
  auto r = TcpSource::open(spec);
  if (!r.ok()) qFatal("TcpSource::open: %s", r.status().message().c_str());
  return std::move(r).value();
}

// A blocking client of the source.
class Client {
 public:
  explicit Client(int port) {
    socket_.connect(
        tcp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)));
  }
  void send(std::string_view text) { asio::write(socket_, asio::buffer(text)); }
  // Whether all of `text` could be sent (false once the other side is gone).
  bool try_send(std::string_view text) {
    boost::system::error_code ec;
    asio::write(socket_, asio::buffer(text), ec);
    return !ec;
  }
  // How dead letters name this client's lines.
  std::string where(int line) const {
    return "tcp 127.0.0.1:" + std::to_string(socket_.local_endpoint().port()) + " line " +
           std::to_string(line);
  }
  void close() {
    boost::system::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
  }

 private:
  asio::io_context io_;
  tcp::socket socket_{io_};
};

// Polls the source until `rows` rows and `dead_letters` dead letters have come (10 s at most),
// then once more a little later, so that anything extra would show too.
Batch collect(RowSource& s, std::size_t rows, std::size_t dead_letters,
              std::vector<DeadLetter>& dead, std::size_t step = 1000) {
  Batch out(s.schema());
  const auto deadline = Clock::now() + std::chrono::seconds(10);
  while ((out.num_rows() < rows || dead.size() < dead_letters) && Clock::now() < deadline) {
    const std::size_t before = out.num_rows();
    const Status st = s.next(step, out, dead);
    if (!st.ok()) qFatal("next: %s", st.message().c_str());
    if (out.num_rows() - before > step) qFatal("next gave more than asked");
    if (out.num_rows() == before) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const Status st = s.next(step, out, dead);
  if (!st.ok()) qFatal("next: %s", st.message().c_str());
  return out;
}

}  // namespace

class TestTcpSource : public QObject {
  Q_OBJECT
 private slots:
  void jsonl_rows_across_writes() {
    auto s = listen(Format::jsonl);
    QVERIFY(s->port() > 0);
    QVERIFY(!s->done());
    Client c(s->port());
    c.send("{\"user\":\"a\",\"n\":1,\"ts\":1000,\"x\":1.5}\n{\"user\":\"b\",");
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // a line in two reads
    c.send("\"n\":2,\"ts\":\"2026-01-01T00:00:01Z\"}\n{\"user\":\"c\",\"n\":3,\"ts\":3,\"x\":2}\n");
    std::vector<DeadLetter> dead;
    const Batch b = collect(*s, 3, 0, dead);
    QVERIFY(dead.empty());
    QCOMPARE(b.schema(), events_schema());
    QCOMPARE(encode_json_lines(b),
             std::string("{\"user\":\"a\",\"n\":1,\"ts\":1000,\"x\":1.5}\n"
                         "{\"user\":\"b\",\"n\":2,\"ts\":1767225601000,\"x\":null}\n"
                         "{\"user\":\"c\",\"n\":3,\"ts\":3,\"x\":2}\n"));
    QCOMPARE(s->position(), std::int64_t(3));
    QVERIFY(!s->done());
  }

  void csv_rows_without_header() {
    auto s = listen(Format::csv);
    Client c(s->port());
    c.send(
        "a,1,1000,1.5\n"
        "\"b, with comma\",2,2026-01-01T00:00:01Z,\n"
        "c,3\n"                      // 3: too few fields
        "\"d,4,4,4\n"                // 4: unterminated quote, must not swallow line 5
        "e,5,5,2.5\n"                // 5
        "f,six,6,6\n"                // 6: not an int
        "\"g \"\"q\"\"\",7,7,7\n");  // 7
    std::vector<DeadLetter> dead;
    const Batch b = collect(*s, 4, 3, dead);
    QCOMPARE(encode_json_lines(b),
             std::string("{\"user\":\"a\",\"n\":1,\"ts\":1000,\"x\":1.5}\n"
                         "{\"user\":\"b, with comma\",\"n\":2,\"ts\":1767225601000,\"x\":null}\n"
                         "{\"user\":\"e\",\"n\":5,\"ts\":5,\"x\":2.5}\n"
                         "{\"user\":\"g \\\"q\\\"\",\"n\":7,\"ts\":7,\"x\":7}\n"));
    QCOMPARE(dead.size(), std::size_t(3));
    QCOMPARE(dead[0].position, c.where(3));
    QCOMPARE(dead[0].reason, std::string("expected 4 fields, got 2"));
    QCOMPARE(dead[0].raw, std::string("c,3"));
    QCOMPARE(dead[1].position, c.where(4));
    QCOMPARE(dead[1].reason, std::string("unterminated quoted field"));
    QCOMPARE(dead[2].position, c.where(6));
    QVERIFY(dead[2].reason.find("field 'n'") != std::string::npos);
    QCOMPARE(s->position(), std::int64_t(4));
  }

  void bad_json_lines_are_dead_letters() {
    auto s = listen(Format::jsonl);
    Client c(s->port());
    c.send(
        "{\"user\":\"a\",\"n\":1,\"ts\":1}\n"
        "not json\n"
        "{\"user\":\"b\",\"n\":\"two\",\"ts\":2}\n"
        "{\"user\":\"c\",\"n\":3,\"ts\":3}\n");
    std::vector<DeadLetter> dead;
    const Batch b = collect(*s, 2, 2, dead);
    QCOMPARE(b.num_rows(), std::size_t(2));
    QCOMPARE(dead.size(), std::size_t(2));
    QCOMPARE(dead[0].position, c.where(2));
    QCOMPARE(dead[0].raw, std::string("not json"));
    QVERIFY(!dead[0].reason.empty());
    QCOMPARE(dead[1].position, c.where(3));
    QCOMPARE(dead[1].raw, std::string("{\"user\":\"b\",\"n\":\"two\",\"ts\":2}"));
    QVERIFY(dead[1].reason.find("'n'") != std::string::npos);
    QCOMPARE(s->position(), std::int64_t(2));
  }

  void crlf_and_blank_lines() {
    for (Format f : {Format::jsonl, Format::csv}) {
      auto s = listen(f);
      Client c(s->port());
      if (f == Format::jsonl) {
        c.send(
            "{\"user\":\"a\",\"n\":1,\"ts\":1}\r\n\r\n  "
            "\n{\"user\":\"b\",\"n\":2,\"ts\":2}\r\nbad\r\n");
      } else {
        c.send("a,1,1,\r\n\r\n  \nb,2,2,\r\nbad\r\n");
      }
      std::vector<DeadLetter> dead;
      const Batch b = collect(*s, 2, 1, dead);
      QCOMPARE(encode_json_lines(b), std::string("{\"user\":\"a\",\"n\":1,\"ts\":1,\"x\":null}\n"
                                                 "{\"user\":\"b\",\"n\":2,\"ts\":2,\"x\":null}\n"));
      QCOMPARE(dead.size(), std::size_t(1));
      QCOMPARE(dead[0].position, c.where(5));  // blank lines count as lines
      QCOMPARE(dead[0].raw, std::string("bad"));
    }
  }

  void partial_line_at_close() {
    auto s = listen(Format::jsonl);
    Client c(s->port());
    const std::string where = c.where(2);
    c.send("{\"user\":\"a\",\"n\":1,\"ts\":1}\n{\"user\":\"b\",\"n\":");
    c.close();
    Client blank_end(s->port());  // only white space after the last line: nothing cut short
    blank_end.send("{\"user\":\"z\",\"n\":9,\"ts\":9}\n \r");
    blank_end.close();
    std::vector<DeadLetter> dead;
    const Batch b = collect(*s, 2, 1, dead);
    QCOMPARE(b.num_rows(), std::size_t(2));
    QCOMPARE(dead.size(), std::size_t(1));
    QCOMPARE(dead[0].reason, std::string("connection closed mid-record"));
    QCOMPARE(dead[0].position, where);
    QCOMPARE(dead[0].raw, std::string("{\"user\":\"b\",\"n\":"));
  }

  void oversize_line_then_more() {
    auto s = listen(Format::jsonl, events_schema(), 100);
    Client c(s->port());
    // Longer than the limit and than one read: the connection goes on after it.
    const std::string huge = "{\"user\":\"" + std::string(300'000, 'z') + "\"}";
    c.send("{\"user\":\"a\",\"n\":1,\"ts\":1}\n" + huge + "\n{\"user\":\"c\",\"n\":3,\"ts\":3}\n");
    std::vector<DeadLetter> dead;
    const Batch b = collect(*s, 2, 1, dead);
    QCOMPARE(encode_json_lines(b), std::string("{\"user\":\"a\",\"n\":1,\"ts\":1,\"x\":null}\n"
                                               "{\"user\":\"c\",\"n\":3,\"ts\":3,\"x\":null}\n"));
    QCOMPARE(dead.size(), std::size_t(1));
    QCOMPARE(dead[0].position, c.where(2));
    QVERIFY(dead[0].reason.starts_with("line longer than 100 bytes"));
    QCOMPARE(dead[0].raw, huge.substr(0, 1024));
  }

  void two_connections_at_once() {
    auto s = listen(Format::jsonl);
    constexpr int kLines = 2000;
    auto send = [&](const std::string& user) {
      Client c(s->port());
      for (int i = 0; i < kLines; i += 100) {
        std::string chunk;
        for (int k = i; k < i + 100; ++k)
          chunk += "{\"user\":\"" + user + "\",\"n\":" + std::to_string(k) + ",\"ts\":1}\n";
        c.send(chunk);
      }
      c.close();
    };
    std::thread first(send, "a"), second(send, "b");
    first.join();
    second.join();
    std::vector<DeadLetter> dead;
    const Batch b = collect(*s, 2 * kLines, 0, dead, 333);
    QVERIFY(dead.empty());
    QCOMPARE(b.num_rows(), std::size_t(2 * kLines));
    // Each client's lines in the order sent.
    std::map<std::string, std::int64_t> expected{{"a", 0}, {"b", 0}};
    const auto user = b.schema().index_of("user").value();
    const auto n = b.schema().index_of("n").value();
    for (std::size_t r = 0; r < b.num_rows(); ++r) {
      const std::string u = b.column(user).to_string(r);
      QCOMPARE(b.column(n).ints()[r], expected[u]++);
    }
    QCOMPARE(expected["a"], std::int64_t(kLines));
    QCOMPARE(expected["b"], std::int64_t(kLines));
  }

  void reads_pause_while_the_queue_is_full() {
    auto s = listen(Format::jsonl, events_schema(), 1 << 20, 64 * 1024);
    // Far more than the queue and the kernel's socket buffers hold together.
    constexpr int kLines = 32'000;
    const std::string pad(1000, 'p');
    std::atomic<int> sent{0};
    std::thread sender([&] {
      Client c(s->port());
      for (int i = 0; i < kLines; ++i) {
        if (!c.try_send("{\"user\":\"" + pad + "\",\"n\":" + std::to_string(i) + ",\"ts\":1}\n"))
          return;
        sent = i + 1;
      }
      c.close();
    });
    // Nobody reads: the sender is held back instead of the source's memory growing.
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    QVERIFY(sent.load() < kLines);
    std::vector<DeadLetter> dead;
    const Batch b = collect(*s, kLines, 0, dead, 500);
    sender.join();
    QCOMPARE(sent.load(), kLines);
    QVERIFY(dead.empty());
    QCOMPARE(b.num_rows(), std::size_t(kLines));
    const auto n = b.schema().index_of("n").value();
    for (std::size_t r = 0; r < b.num_rows(); ++r) QCOMPARE(b.column(n).ints()[r], std::int64_t(r));
  }

  void stops_with_clients_connected() {
    // A client blocked on a full queue, another idle: the destructor closes both.
    auto s = listen(Format::jsonl, events_schema(), 1 << 20, 4096);
    Client idle(s->port());
    std::thread sender([&] {
      Client c(s->port());
      const std::string line = "{\"user\":\"" + std::string(1000, 'p') + "\"}\n";
      while (c.try_send(line)) {
      }
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    s.reset();
    sender.join();  // its writes fail once the source is gone
  }

  void seek_sets_the_next_ordinal() {
    auto s = listen(Format::jsonl);
    QVERIFY(s->seek(100).ok());
    QCOMPARE(s->position(), std::int64_t(100));
    Client c(s->port());
    c.send("{\"user\":\"a\"}\n{\"user\":\"b\"}\n");
    std::vector<DeadLetter> dead;
    const Batch b = collect(*s, 2, 0, dead);
    QCOMPARE(b.num_rows(), std::size_t(2));
    QCOMPARE(s->position(), std::int64_t(102));
  }

  void bind_failures_name_host_and_port() {
    asio::io_context io;
    tcp::acceptor taken(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    const int port = taken.local_endpoint().port();
    TcpSpec spec;
    spec.port = port;
    spec.schema = events_schema();
    auto in_use = TcpSource::open(spec);
    QVERIFY(!in_use.ok());
    const std::string where = "cannot listen on 127.0.0.1:" + std::to_string(port) + ": ";
    QVERIFY2(in_use.status().message().starts_with(where), in_use.status().message().c_str());
    QVERIFY2(in_use.status().message().find("in use") != std::string::npos,
             in_use.status().message().c_str());

    spec.host = "203.0.113.7";  // TEST-NET-3: no interface of this machine has it
    spec.port = 0;
    auto foreign = TcpSource::open(spec);
    QVERIFY(!foreign.ok());
    QVERIFY2(foreign.status().message().starts_with("cannot listen on 203.0.113.7:0: "),
             foreign.status().message().c_str());

    spec.host = "127.0.0.1";
    spec.port = 70000;
    QVERIFY(!TcpSource::open(spec).ok());
  }
};

QTEST_APPLESS_MAIN(TestTcpSource)
#include "test_tcp_source.moc"
