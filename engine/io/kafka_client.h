// What source.kafka and sink.kafka share: a librdkafka handle configured for one bootstrap
// list, with its errors and log lines kept rather than printed, a bounded wait for the
// cluster's metadata of one topic, and error messages that name the address. The same code
// talks to the embedded broker (`tributary-cli serve`) and to any Kafka cluster.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "core/status.h"

struct rd_kafka_s;
struct rd_kafka_conf_s;

namespace tributary::io {

// librdkafka's callbacks write here (from its threads, or from the caller's poll).
struct KafkaEvents {
  std::mutex mutex;
  std::string last_error;  // the latest error event ("Connect to ... failed: Connection refused")
  bool fatal = false;  // an idempotent producer's fatal error
  // Since when no broker has been connected (librdkafka's "all brokers down"), if so.
  bool all_down = false;
  std::chrono::steady_clock::time_point all_down_since{};
  // A producer's deliveries that failed, and the first reason.
  std::int64_t failed_deliveries = 0;
  std::string delivery_error;
};

struct KafkaClientSpec {
  std::string bootstrap;        // "host:port[,host:port...]"
  bool consumer = false;
  int timeout_ms = 10000;       // connection set-up, metadata, flushes
  std::map<std::string, std::string> settings;  // more librdkafka properties
};

class KafkaClient {
 public:
  static Result<std::unique_ptr<KafkaClient>> open(const KafkaClientSpec& spec);
  ~KafkaClient();
  KafkaClient(const KafkaClient&) = delete;
  KafkaClient& operator=(const KafkaClient&) = delete;

  rd_kafka_s* handle() const { return rk_; }
  KafkaEvents& events() { return *events_; }
  const KafkaClientSpec& spec() const { return spec_; }

  // The partitions of `topic`, waiting at most the spec's timeout. Errors start with
  // "bootstrap: " (no broker answered) or "topic: " (the cluster does not have it).
  Result<int> partitions(const std::string& topic);
  // "cannot reach a Kafka broker at B within N ms (last error)".
  std::string unreachable() const;
  // librdkafka's error text with the latest error event, if it adds anything.
  std::string describe(int code) const;

 private:
  KafkaClient() = default;

  KafkaClientSpec spec_;
  std::unique_ptr<KafkaEvents> events_;  // stable address: librdkafka keeps a pointer
  rd_kafka_s* rk_ = nullptr;
};

}  // namespace tributary::io
