#include "broker/broker.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <cstdlib>
#include <thread>

#include "broker/connection.h"
#include "log/log_manager.h"

namespace tributary::broker {

namespace asio = boost::asio;
using asio::ip::tcp;

BrokerStats BrokerMetrics::snapshot() const {
  BrokerStats s;
  s.connections_open = connections_open.load();
  s.connections_total = connections_total.load();
  s.requests = requests.load();
  s.bytes_in = bytes_in.load();
  s.bytes_out = bytes_out.load();
  s.produced_batches = produced_batches.load();
  s.produced_records = produced_records.load();
  s.fetched_bytes = fetched_bytes.load();
  s.rejected_requests = rejected_requests.load();
  s.buffered_bytes = buffered_bytes.load();
  for (const auto& api : supported_apis()) {
    const auto n = by_api[static_cast<std::size_t>(api.key)].load();
    if (n > 0) s.requests_by_api[api.name] = n;
  }
  return s;
}

struct Broker::Impl {
  BrokerOptions options;
  log::LogManager& logs;
  BrokerMetrics metrics;
  MemoryBudget budget;
  GroupCoordinator groups;
  RequestHandler handler;
  // Declared last: destroyed first, with every pending handler that refers to the above.
  asio::io_context io;
  tcp::acceptor acceptor{io};
  asio::steady_timer tick{io};
  std::vector<std::thread> threads;
  bool trace = std::getenv("TRIBUTARY_BROKER_TRACE") != nullptr;
  bool stopped = false;

  Impl(log::LogManager& l, const BrokerOptions& o)
      : options(o),
        logs(l),
        budget(o.max_buffered_bytes, metrics.buffered_bytes),
        groups(l.groups(), coordinator_options(o)),
        handler(l, o, metrics, groups) {}

  static GroupCoordinatorOptions coordinator_options(const BrokerOptions& o) {
    GroupCoordinatorOptions c;
    c.initial_rebalance_delay = std::chrono::milliseconds(o.initial_rebalance_delay_ms);
    return c;
  }

  void accept() {
    acceptor.async_accept(
        asio::make_strand(io), [this](const boost::system::error_code& ec, tcp::socket socket) {
          if (ec) {
            if (ec == asio::error::operation_aborted) return;
            return accept();  // e.g. too many open files: keep listening
          }
          std::make_shared<Connection>(
              std::move(socket),
              ConnectionContext{handler, metrics, budget, options.max_request_bytes,
                                std::chrono::milliseconds(options.request_timeout_ms), trace})
              ->start();
          accept();
        });
  }

  // Rebalance timeouts, the initial rebalance delay and session expiry.
  void schedule_tick() {
    tick.expires_after(std::chrono::milliseconds(100));
    tick.async_wait([this](const boost::system::error_code& ec) {
      if (ec) return;
      groups.tick(std::chrono::steady_clock::now());
      schedule_tick();
    });
  }
};

Status set_listen_address(BrokerOptions& options, const std::string& host_port) {
  const auto colon = host_port.rfind(':');
  const std::string port = colon == std::string::npos ? std::string() : host_port.substr(colon + 1);
  const bool digits = !port.empty() && port.size() <= 5 &&
                      port.find_first_not_of("0123456789") == std::string::npos;
  if (colon == 0 || !digits || std::stoi(port) > 65535) {
    return error(tributary::ErrorCode::invalid_argument,
                 "wants host:port with a port from 0 to 65535, got '" + host_port + "'");
  }
  options.listen_host = host_port.substr(0, colon);
  options.port = static_cast<std::uint16_t>(std::stoi(port));
  return {};
}

Broker::Broker(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Broker::~Broker() {
  stop();
}

Result<std::unique_ptr<Broker>> Broker::start(log::LogManager& logs, const BrokerOptions& options) {
  if (options.max_request_bytes > options.max_buffered_bytes) {
    return error(tributary::ErrorCode::invalid_argument,
                 "max_request_bytes exceeds max_buffered_bytes");
  }
  if (logs.access() != log::Access::owner) {
    return error(tributary::ErrorCode::invalid_argument,
                 "the broker needs to own the data directory");
  }
  auto impl = std::make_unique<Impl>(logs, options);
  boost::system::error_code ec;
  auto address = asio::ip::make_address(options.listen_host, ec);
  if (ec) {
    return error(tributary::ErrorCode::invalid_argument,
                 "cannot listen on '" + options.listen_host + "': " + ec.message());
  }
  const tcp::endpoint endpoint(address, options.port);
  impl->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl->acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) impl->acceptor.bind(endpoint, ec);
  if (!ec) impl->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return error(tributary::ErrorCode::io_error, "cannot listen on " + options.listen_host + ":" +
                                                     std::to_string(options.port) + ": " +
                                                     ec.message());
  }
  const std::string host =
      options.advertised_host.empty() ? options.listen_host : options.advertised_host;
  impl->handler.set_advertised(host, impl->acceptor.local_endpoint().port());
  impl->accept();
  impl->schedule_tick();
  const int threads = std::max(1, options.threads);
  for (int i = 0; i < threads; ++i) impl->threads.emplace_back([io = &impl->io] { io->run(); });
  return std::unique_ptr<Broker>(new Broker(std::move(impl)));
}

std::uint16_t Broker::port() const {
  boost::system::error_code ec;
  auto endpoint = impl_->acceptor.local_endpoint(ec);
  return ec ? 0 : endpoint.port();
}

std::string Broker::address() const {
  const auto& o = impl_->options;
  return (o.advertised_host.empty() ? o.listen_host : o.advertised_host) + ":" +
         std::to_string(port());
}

BrokerStats Broker::stats() const {
  return impl_->metrics.snapshot();
}

void Broker::stop() {
  if (!impl_ || impl_->stopped) return;
  impl_->stopped = true;
  asio::post(impl_->io, [impl = impl_.get()] {
    boost::system::error_code ec;
    impl->acceptor.close(ec);
    impl->tick.cancel();
  });
  impl_->groups.shutdown();
  impl_->io.stop();
  for (auto& t : impl_->threads) t.join();
  impl_->threads.clear();
}

}  // namespace tributary::broker
