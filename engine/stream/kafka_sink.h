// sink.kafka: a job's rows produced to a Kafka topic (the embedded broker of `tributary-cli
// serve`, or any Kafka cluster) through librdkafka, one record per row: a JSON object, or a
// CSV row without header; the record key is the text of the `key` field when there is one.
//
// Delivery: at least once. The job flushes the producer before it commits each checkpoint
// (ExternalSink::flush), so a batch is checkpointed only once the broker acknowledged all of
// its records; after a crash the batch runs again and its records are sent again. With
// `idempotent` (the default) librdkafka's retries within one producer session add no
// duplicates. A delivery that fails, or an unreachable broker, fails the run naming the
// address (a flush waits at most `timeout_ms`).
#pragma once

#include <memory>
#include <string>

#include "stream/external_sink.h"

namespace tributary::io {
class KafkaClient;
}

namespace tributary::stream {

struct KafkaSinkSpec {
  std::string bootstrap = "127.0.0.1:9092";
  std::string topic;
  enum class Format { jsonl, csv } format = Format::jsonl;
  std::string key;             // a field; "" = records without a key
  std::string acks = "all";    // all, 1, 0
  std::string compression = "none";  // none, gzip, snappy, lz4, zstd
  bool idempotent = true;      // needs acks all
  int timeout_ms = 10000;      // connecting, and each flush
};

class KafkaSink final : public ExternalSink {
 public:
  // Connects and looks the topic up (a broker that creates topics on first use creates it
  // here). Errors start with the parameter they concern: "bootstrap: cannot reach ...".
  static Result<std::unique_ptr<KafkaSink>> open(const KafkaSinkSpec& spec);
  ~KafkaSink() override;

  Status write(int partition, const Batch& rows) override;
  Status flush() override;

 private:
  KafkaSink() = default;
  Status delivery_status();

  KafkaSinkSpec spec_;
  std::unique_ptr<io::KafkaClient> client_;
  void* topic_ = nullptr;  // rd_kafka_topic_t
};

}  // namespace tributary::stream
