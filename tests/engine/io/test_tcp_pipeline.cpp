// source.tcp end to end: a pipeline document (source.tcp -> sink.jsonl) validated, compiled
// and run by runtime::run_plan on a thread; lines sent to its port end up in the sink file,
// a bad one is counted as a dead letter, and the stop flag ends the unbounded run. A port
// already taken fails the run with the node's name.
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "compiled_pipeline.h"
#include "free_port.h"
#include "runtime/pipeline_run.h"

using namespace tributary;
namespace asio = boost::asio;
using asio::ip::tcp;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string document(int port) {
  return R"({
  "format": "tributary-pipeline",
  "version": 1,
  "name": "TCP to file",
  "settings": { "trigger": "interval", "trigger_ms": 20 },
  "nodes": [
    { "id": "socket", "kind": "source.tcp",
      "params": { "port": )" +
         std::to_string(port) + R"(, "format": "jsonl",
                  "fields": { "user": "string", "ts": "int64", "ms": "double" }, "time_field": "ts" } },
    { "id": "out", "kind": "sink.jsonl", "params": { "path": "out/events.jsonl" } }
  ],
  "edges": [ { "from": "socket.out", "to": "out.in" } ]
}
)";
}

pipeline::Compilation compile(const fs::path& file, pipeline::Settings& settings) {
  auto compiled = testing::compile_pipeline_file(file);
  settings = compiled.settings;
  return std::move(compiled.c);
}

// Connects once the run listens (its sources open on the run's thread).
bool connect_when_listening(tcp::socket& socket, int port) {
  const auto deadline = Clock::now() + std::chrono::seconds(10);
  while (Clock::now() < deadline) {
    boost::system::error_code ec;
    socket.connect(
        tcp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)), ec);
    if (!ec) return true;
    socket.close(ec);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

}  // namespace

class TestTcpPipeline : public QObject {
  Q_OBJECT
 private slots:
  void lines_sent_reach_the_sink() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const fs::path root = dir.path().toStdString();
    const fs::path file = root / "tcp.json";
    const int port = free_port();
    { std::ofstream(file) << document(port); }
    pipeline::Settings settings;
    const auto comp = compile(file, settings);
    QCOMPARE(comp.plan.ingests.size(), std::size_t(1));
    QVERIFY(!comp.plan.ingests[0].bounded);

    std::atomic<bool> stop{false};
    runtime::RunOptions options;
    options.data_dir = root / "data";
    options.stop = &stop;
    options.progress_ms = 20;
    Status status;
    runtime::Progress progress;
    std::thread run([&] { status = runtime::run_plan(comp.plan, settings, options, &progress); });

    asio::io_context io;
    tcp::socket socket(io);
    const bool connected = connect_when_listening(socket, port);
    std::string expected;
    if (connected) {
      std::string lines;
      for (int i = 0; i < 5; ++i) {
        const std::string user = i % 2 ? "bo" : "al";
        lines += "{\"user\":\"" + user + "\",\"ts\":" + std::to_string(1000 + i) +
                 ",\"ms\":" + std::to_string(i) + ".5}\r\n";
        // The sink writes the fields in the schema's order: `fields` is a JSON object, by name.
        expected += "{\"ms\":" + std::to_string(i) + ".5,\"ts\":" + std::to_string(1000 + i) +
                    ",\"user\":\"" + user + "\"}\n";
        if (i == 2) lines += "{\"user\":\"bad\",\"ts\":\"not a time\"}\n";
      }
      asio::write(socket, asio::buffer(lines));
    }
    // Unbounded: the run goes on until stopped, once the sink has every row.
    const fs::path sink = root / "out" / "events.jsonl";
    const auto deadline = Clock::now() + std::chrono::seconds(20);
    while (connected && read_text(sink) != expected && Clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    stop = true;
    run.join();
    QVERIFY(connected);
    QVERIFY2(status.ok(), status.message().c_str());
    QCOMPARE(read_text(sink), expected);
    QCOMPARE(progress.sources.size(), std::size_t(1));
    QCOMPARE(progress.sources[0].node, std::string("socket"));
    QCOMPARE(progress.sources[0].records, std::int64_t(5));
    QCOMPARE(progress.sources[0].dead_letters, std::int64_t(1));
    QVERIFY(!progress.sources[0].done);
  }

  void a_port_in_use_fails_the_run() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const fs::path root = dir.path().toStdString();
    asio::io_context io;
    tcp::acceptor taken(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    const int port = taken.local_endpoint().port();
    const fs::path file = root / "tcp.json";
    { std::ofstream(file) << document(port); }
    pipeline::Settings settings;
    const auto comp = compile(file, settings);
    runtime::RunOptions options;
    options.data_dir = root / "data";
    const Status s = runtime::run_plan(comp.plan, settings, options);
    QVERIFY(!s.ok());
    const std::string prefix = "socket.port: cannot listen on 127.0.0.1:" + std::to_string(port);
    QVERIFY2(s.message().starts_with(prefix), s.message().c_str());
  }
};

QTEST_APPLESS_MAIN(TestTcpPipeline)
#include "test_tcp_pipeline.moc"
