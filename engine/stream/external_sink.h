// A job's sink in a system of its own (a Kafka topic): rows are handed over as each task
// produces them, and flush() is called before the job commits its checkpoint, so that a
// batch whose rows were not all acknowledged is never checkpointed. A crash in between
// runs the batch again and hands its rows over again: at least once.
#pragma once

#include "core/batch.h"
#include "core/status.h"

namespace tributary::stream {

class ExternalSink {
 public:
  virtual ~ExternalSink() = default;
  // From the job's task threads, possibly several at once.
  virtual Status write(int partition, const Batch& rows) = 0;
  // Waits until everything written is acknowledged; an error fails the batch.
  virtual Status flush() = 0;
};

}  // namespace tributary::stream
