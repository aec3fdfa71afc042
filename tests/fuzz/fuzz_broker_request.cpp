// libFuzzer target: any bytes as one request frame (after the size prefix) reaching the broker.
// Header parsing, every API's decoder and the handlers behind them (produce validation and
// appends, fetch, offsets, groups) must answer with an error code or ask to close the
// connection, never crash, hang, read out of bounds or allocate without bound.
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>

#include "broker/request_handler.h"
#include "log/log_manager.h"

using namespace tributary;

namespace {

struct Fixture {
  std::unique_ptr<log::LogManager> logs;
  broker::BrokerOptions options;
  broker::BrokerMetrics metrics;
  std::unique_ptr<broker::GroupCoordinator> groups;
  std::unique_ptr<broker::RequestHandler> handler;

  Fixture() {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("tributary-fuzz-broker-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    log::LogManager::Options o;
    o.data_dir = dir;
    o.background_tasks = false;
    auto opened = log::LogManager::open(o);
    if (!opened.ok()) std::abort();
    logs = std::move(*opened);
    log::TopicConfig two;
    two.partitions = 2;
    (void)logs->create_topic("t", two);
    options.auto_create_topics = false;  // fuzzed names must not fill the disk with topics
    groups = std::make_unique<broker::GroupCoordinator>(logs->groups());
    handler = std::make_unique<broker::RequestHandler>(*logs, options, metrics, *groups);
    handler->set_advertised("127.0.0.1", 9092);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Fixture* f = new Fixture();  // reachable for the whole run: not a leak
  auto frame = std::make_shared<ByteBuffer>(size);
  frame->append(data, size);
  broker::Request request;
  if (broker::parse_request(frame, request) != broker::FrameProblem::none) return 0;
  int replies = 0;
  {
    // A fresh context per input: a long-polling fetch left waiting is dropped with it.
    boost::asio::io_context io;
    f->handler->handle(std::move(request), io.get_executor(),
                       [&replies](broker::Reply) { ++replies; });
    io.poll();
    // Joins waiting for other members complete once their delays have passed.
    f->groups->tick(std::chrono::steady_clock::now() + std::chrono::hours(1));
    io.poll();
  }
  if (replies > 1) std::abort();  // a request is answered at most once
  return 0;
}
