// Appends a source's records to a topic so that a source killed at any moment and started
// again continues exactly where its topic ends: no record twice, none skipped.
//
// Every record has an ordinal (its place in the source: line of a file, index of a generated
// record). The ordinal of the last record of each append is stored in that record's headers,
// with the writer's name, so the position lives in the same bytes as the data. A record goes
// to a partition that depends only on the record (its key's hash, or its ordinal), so after
// a crash between the appends to two partitions, the writer starts again at the lowest
// position and skips, per partition, what that partition already holds.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "log/topic.h"

namespace tributary::io {

struct SourceRecord {
  std::int64_t ordinal = 0;
  std::optional<std::string> key;  // decides the partition; none: ordinal % partitions
  std::string value;
  std::int64_t timestamp = 0;  // ms since the epoch
};

class SourceWriter {
 public:
  // `writer` names the source in the headers (the pipeline's node id, say).
  static Result<std::unique_ptr<SourceWriter>> open(std::shared_ptr<log::Topic> topic,
                                                    std::string writer);

  // The first ordinal not yet in every partition: where the source starts again.
  std::int64_t resume_from() const;
  // The first ordinal no partition holds: between resume_from() and here, a record may be
  // skipped as already there.
  std::int64_t fresh_from() const;
  // Appends records in ordinal order, one append per partition; records a partition
  // already holds (ordinal at or below its stored position) are skipped.
  Status append(std::span<const SourceRecord> records);
  std::int64_t appended() const { return appended_; }

  static constexpr const char* kWriterHeader = "tributary.writer";
  static constexpr const char* kOrdinalHeader = "tributary.ordinal";

 private:
  SourceWriter() = default;
  Status find_positions();

  std::shared_ptr<log::Topic> topic_;
  std::string writer_;
  std::vector<std::int64_t> last_;  // per partition: the last ordinal it holds, -1 for none
  std::int64_t appended_ = 0;
};

}  // namespace tributary::io
