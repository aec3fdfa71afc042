// Where an ingest task's rows come from: a file, a generator, a socket. Rows come in order;
// the n-th row ever produced has ordinal n, the same on every run, so that a restarted task
// can skip to where its topic ends (source_writer.h).
#pragma once

#include <cstdint>
#include <vector>

#include "core/batch.h"
#include "core/status.h"
#include "io/dead_letter.h"

namespace tributary::io {

class RowSource {
 public:
  virtual ~RowSource() = default;
  virtual const Schema& schema() const = 0;
  // Skips to ordinal `n` (only forward from the start).
  virtual Status seek(std::int64_t n) = 0;
  // Appends up to `max` rows to `out`; input that is not a row goes to `dead`.
  virtual Status next(std::size_t max, Batch& out, std::vector<DeadLetter>& dead) = 0;
  // True once a bounded source has produced its last row.
  virtual bool done() const = 0;
  // The ordinal of the next row.
  virtual std::int64_t position() const = 0;
  // The rows before ordinal `n` are in the topic, and the dead letters of everything read
  // before them are written: a source that acknowledges what it read (a Kafka consumer
  // committing its offsets) may do so now.
  virtual Status stored(std::int64_t n) {
    (void)n;
    return {};
  }
};

}  // namespace tributary::io
