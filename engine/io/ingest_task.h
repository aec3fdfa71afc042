// An ingest task: a source's rows appended to its topic, exactly once across restarts
// (source_writer.h), paced by event time when `speed` > 0 (speed 1 = as fast as the events
// happened, 10 = ten times faster). Rows that do not parse go to the dead-letter list.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "io/row_source.h"
#include "io/source_writer.h"

namespace tributary::io {

struct IngestSpec {
  std::string name;              // the writer's name in the topic's headers
  std::vector<std::string> key;  // fields that make the record key (the topic's key)
  std::string time_field;        // the event time; "" = ingestion time
  double speed = 0;              // 0 = as fast as possible
  std::size_t chunk_rows = 4096;
};

struct IngestMetrics {
  std::atomic<std::int64_t> records{0};
  std::atomic<std::int64_t> dead_letters{0};
};

class IngestTask {
 public:
  static Result<std::unique_ptr<IngestTask>> open(const IngestSpec& spec,
                                                  std::unique_ptr<RowSource> source,
                                                  std::shared_ptr<log::Topic> topic);

  // Appends what is due now (one chunk at most); returns false once the source is done.
  // With pacing, returns after at most `wait` when the next row is not due yet; a source that
  // has nothing yet is polled again after a short pause (at most `wait`).
  Result<bool> poll(std::chrono::milliseconds wait = std::chrono::milliseconds(50));
  bool done() const { return source_->done(); }
  // A new pace from the next row on (0 = as fast as possible): the app's speed control.
  void set_speed(double speed);
  // Pacing starts again from the next row, as if it were the first (after a pause).
  void restart_pacing() { first_event_.reset(); }
  const IngestMetrics& metrics() const { return metrics_; }
  // To be called once the dead letters taken so far are written: the source may then
  // acknowledge what it read up to the rows appended (RowSource::stored).
  Status stored() { return source_->stored(held_first_ordinal_ + static_cast<std::int64_t>(held_at_)); }
  // Rows that did not parse since the last call.
  std::vector<DeadLetter> take_dead_letters() { return std::exchange(dead_, {}); }

 private:
  IngestTask() = default;

  IngestSpec spec_;
  std::unique_ptr<RowSource> source_;
  std::unique_ptr<SourceWriter> writer_;
  std::vector<std::size_t> key_columns_;
  std::optional<std::size_t> time_column_;
  Batch held_;  // rows read but not yet due
  std::size_t held_at_ = 0;
  std::int64_t held_first_ordinal_ = 0;
  std::int64_t fresh_from_ = 0;  // rows before it may be in the topic already: not paced
  std::optional<std::int64_t> first_event_;
  std::chrono::steady_clock::time_point started_;
  std::vector<DeadLetter> dead_;
  IngestMetrics metrics_;
};

}  // namespace tributary::io
