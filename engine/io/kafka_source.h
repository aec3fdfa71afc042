// source.kafka's rows: the records of a Kafka topic (the embedded broker of `tributary-cli
// serve`, or any Kafka cluster) read through librdkafka, one JSON object or one headerless
// CSV row per record value, typed by the node's schema.
//
// The source reads every partition of the topic itself (it assigns them, it does not join
// the group's rebalancing); the consumer group only keeps its position. Where it starts: on
// a first run (its pipeline topic holds nothing from it) `earliest` / `latest` are the
// partitions' beginning / end, `committed` the group's committed offsets (the beginning where
// the group has none); on a run that continues, the group's committed offsets (else as on a
// first run). With `stop_at_end` the source ends once it has read every partition up to the
// end offsets it saw when it started; otherwise it never ends.
//
// Delivery: at least once. Offsets are committed to the group only once the rows read
// before them are appended to the pipeline's topic and their dead letters written
// (stored()); records read again after a crash are appended again. A value that does not
// decode is a dead letter at `kafka TOPIC[PARTITION]@OFFSET`.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "io/row_source.h"

namespace tributary::io {

struct KafkaSourceSpec {
  std::string bootstrap = "127.0.0.1:9092";
  std::string topic;
  std::string group;
  enum class Start { earliest, latest, committed } start = Start::earliest;
  enum class Format { jsonl, csv } format = Format::jsonl;
  Schema schema;
  bool stop_at_end = false;
  int timeout_ms = 10000;  // metadata, offsets, commits; an unreachable broker fails then
  bool commit = true;      // false: read without committing (a preview)
};

class KafkaSource final : public RowSource {
 public:
  // Connects and reads the topic's partitions, end offsets and the group's committed
  // offsets. Errors start with the parameter they concern: "bootstrap: cannot reach ...",
  // "topic: no topic ...".
  static Result<std::unique_ptr<KafkaSource>> open(const KafkaSourceSpec& spec);
  ~KafkaSource() override;

  const Schema& schema() const override;
  // Chooses where each partition starts (n == 0: a first run) and starts fetching.
  Status seek(std::int64_t n) override;
  Status next(std::size_t max, Batch& out, std::vector<DeadLetter>& dead) override;
  bool done() const override;
  std::int64_t position() const override { return next_; }
  // Commits the offsets after the input that gave the rows before ordinal `n`.
  Status stored(std::int64_t n) override;

 private:
  struct Impl;
  KafkaSource() = default;

  std::unique_ptr<Impl> impl_;
  std::int64_t next_ = 0;
};

}  // namespace tributary::io
