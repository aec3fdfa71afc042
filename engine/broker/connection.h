// One client connection: reads size-prefixed frames, hands each request to the handler and
// writes the responses. As in Kafka, a connection has one request in progress at a time (the
// next frame is read once the response is on its way), so responses leave in request order.
#pragma once

#include <array>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>

#include "broker/request_handler.h"

namespace tributary::broker {

// Request bytes held by all connections at once, bounded (BrokerOptions::max_buffered_bytes).
class MemoryBudget {
 public:
  MemoryBudget(std::size_t limit, std::atomic<std::uint64_t>& used) : limit_(limit), used_(used) {}
  bool try_take(std::size_t n) {
    std::uint64_t used = used_.load(std::memory_order_relaxed);
    do {
      if (used + n > limit_) return false;
    } while (!used_.compare_exchange_weak(used, used + n, std::memory_order_relaxed));
    return true;
  }
  void give_back(std::size_t n) { used_.fetch_sub(n, std::memory_order_relaxed); }

 private:
  std::size_t limit_;
  std::atomic<std::uint64_t>& used_;  // BrokerMetrics::buffered_bytes
};

struct ConnectionContext {
  RequestHandler& handler;
  BrokerMetrics& metrics;
  MemoryBudget& budget;
  std::size_t max_request_bytes;
  std::chrono::milliseconds request_timeout;
  bool trace;
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(boost::asio::ip::tcp::socket socket, ConnectionContext context);
  ~Connection();
  void start();

 private:
  void read_size();
  void reserve_and_read(std::size_t size);
  void read_body(std::size_t size);
  void dispatch();
  void finish(Reply reply);
  void drop(const char* why);

  boost::asio::ip::tcp::socket socket_;
  ConnectionContext context_;
  std::array<char, 4> size_bytes_{};
  std::shared_ptr<ByteBuffer> frame_;
  std::size_t reserved_ = 0;
  boost::asio::steady_timer wait_;
  boost::asio::steady_timer deadline_;  // for the body of the frame being read
  std::string peer_;
  RequestHeader header_;
  const ApiSupport* api_ = nullptr;
  bool flexible_ = false;
};

}  // namespace tributary::broker
