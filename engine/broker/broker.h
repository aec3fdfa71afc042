// The Kafka-compatible broker: real Kafka clients (librdkafka, kcat, kafkajs, the Java client)
// produce to and consume from the embedded log over the Kafka wire protocol.
//
// One node (id 0) that leads every partition and coordinates every group. Produce stores the
// client's RecordBatch bytes as they are; Fetch serves stored bytes without re-encoding.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "core/status.h"

namespace tributary::log {
class LogManager;
}

namespace tributary::broker {

struct BrokerOptions {
  std::string listen_host = "127.0.0.1";
  std::uint16_t port = 9092;  // 0: any free port (see Broker::port())
  // The host clients are told to connect to (Metadata, FindCoordinator); empty: listen_host.
  std::string advertised_host;
  int threads = 2;
  // Partitions of a topic created because a producer asked for it (Kafka's num.partitions).
  int default_partitions = 1;
  bool auto_create_topics = true;
  // A frame longer than this closes the connection (Kafka's socket.request.max.bytes).
  std::size_t max_request_bytes = 100 * 1024 * 1024;
  // Request bytes held at once by all connections; reads wait while it is used up.
  std::size_t max_buffered_bytes = 256 * 1024 * 1024;
  // A frame whose bytes stop arriving for this long closes its connection, so a stalled
  // client cannot hold its share of max_buffered_bytes for ever.
  int request_timeout_ms = 30000;
  // A single batch larger than this is refused with MESSAGE_TOO_LARGE (max.message.bytes).
  std::size_t max_message_bytes = 8 * 1024 * 1024;
  // How long a new group waits for more members before its first rebalance completes.
  int initial_rebalance_delay_ms = 3000;
};

// Sets listen_host and port from "host:port" (port 0 to 65535); the error says what is wanted.
Status set_listen_address(BrokerOptions& options, const std::string& host_port);

// Counters of the broker's work, for the UI and `serve`'s progress line.
struct BrokerStats {
  std::uint64_t connections_open = 0;
  std::uint64_t connections_total = 0;
  std::uint64_t requests = 0;
  std::uint64_t bytes_in = 0;
  std::uint64_t bytes_out = 0;
  std::uint64_t produced_batches = 0;
  std::uint64_t produced_records = 0;
  std::uint64_t fetched_bytes = 0;
  std::uint64_t rejected_requests = 0;  // malformed frames, unknown APIs, over-long frames
  std::uint64_t buffered_bytes = 0;     // request bytes held now (at most max_buffered_bytes)
  std::map<std::string, std::uint64_t> requests_by_api;
};

class Broker {
 public:
  // Listens and serves on threads of its own until stop() or destruction. `logs` must be
  // the owner of its data directory and outlive the broker.
  static Result<std::unique_ptr<Broker>> start(log::LogManager& logs, const BrokerOptions& options);
  ~Broker();
  Broker(const Broker&) = delete;
  Broker& operator=(const Broker&) = delete;

  std::uint16_t port() const;
  // host:port as advertised to clients.
  std::string address() const;
  BrokerStats stats() const;
  // Closes the listener and every connection, and joins the threads.
  void stop();

  struct Impl;

 private:
  explicit Broker(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tributary::broker
