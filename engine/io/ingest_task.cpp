#include "io/ingest_task.h"

#include <algorithm>
#include <thread>

#include "io/json_encoder.h"

namespace tributary::io {

Result<std::unique_ptr<IngestTask>> IngestTask::open(const IngestSpec& spec,
                                                     std::unique_ptr<RowSource> source,
                                                     std::shared_ptr<log::Topic> topic) {
  if (spec.chunk_rows == 0)
    return error(ErrorCode::invalid_argument, "chunk_rows: must be at least 1");
  if (!(spec.speed >= 0)) return error(ErrorCode::invalid_argument, "speed: must not be negative");
  std::unique_ptr<IngestTask> t(new IngestTask());
  t->spec_ = spec;
  t->source_ = std::move(source);
  const Schema& schema = t->source_->schema();
  for (const auto& k : spec.key) {
    auto at = schema.index_of(k);
    if (!at) return error(ErrorCode::invalid_argument, "key: unknown field '" + k + "'");
    t->key_columns_.push_back(*at);
  }
  if (!spec.time_field.empty()) {
    auto at = schema.index_of(spec.time_field);
    if (!at)
      return error(ErrorCode::invalid_argument,
                   "time_field: unknown field '" + spec.time_field + "'");
    if (schema.field(*at).type != DataType::timestamp &&
        schema.field(*at).type != DataType::int64) {
      return error(ErrorCode::invalid_argument,
                   "time_field: '" + spec.time_field + "' is not a time");
    }
    t->time_column_ = *at;
  }
  TRIB_ASSIGN_OR_RETURN(t->writer_, SourceWriter::open(std::move(topic), spec.name));
  // Continue where the topic ends.
  TRIB_RETURN_IF_ERROR(t->source_->seek(t->writer_->resume_from()));
  t->fresh_from_ = t->writer_->fresh_from();
  t->held_ = Batch(schema);
  t->started_ = std::chrono::steady_clock::now();
  return t;
}

Result<bool> IngestTask::poll(std::chrono::milliseconds wait) {
  if (held_at_ >= held_.num_rows()) {
    if (source_->done()) return false;
    held_ = Batch(source_->schema());
    held_at_ = 0;
    const std::int64_t first = source_->position();
    const std::size_t dead_before = dead_.size();
    TRIB_RETURN_IF_ERROR(source_->next(spec_.chunk_rows, held_, dead_));
    metrics_.dead_letters.fetch_add(static_cast<std::int64_t>(dead_.size() - dead_before),
                                    std::memory_order_relaxed);
    held_first_ordinal_ = first;
    // A source can learn that it ended only on a call that gives nothing (a file that ends
    // at a chunk boundary): nothing to pace or append.
    if (held_.num_rows() == 0) {
      if (source_->done()) return false;
      // An unbounded source with nothing new yet (a socket): wait a little instead of having
      // the caller spin on it.
      std::this_thread::sleep_for(std::min(wait, std::chrono::milliseconds(10)));
      return true;
    }
  }
  // How many held rows are due: all without pacing, else those whose event time has come.
  std::size_t due = held_.num_rows();
  // A restarted task goes at once over rows the topic may hold (a partition that gets few
  // records can make it start far back); pacing starts with the first new row.
  const std::int64_t catching_up = std::clamp<std::int64_t>(
      fresh_from_ - held_first_ordinal_, static_cast<std::int64_t>(held_at_),
      static_cast<std::int64_t>(held_.num_rows()));
  if (spec_.speed > 0 && time_column_ && catching_up > static_cast<std::int64_t>(held_at_)) {
    due = static_cast<std::size_t>(catching_up);
  } else if (spec_.speed > 0 && time_column_) {
    const auto now = std::chrono::steady_clock::now();
    const std::int64_t* times = held_.column(*time_column_).ints();
    if (!first_event_ && held_at_ < held_.num_rows())
      first_event_ = times[held_at_], started_ = now;
    const double elapsed_ms = std::chrono::duration<double, std::milli>(now - started_).count();
    const double reached = static_cast<double>(*first_event_) + elapsed_ms * spec_.speed;
    due = held_at_;
    while (due < held_.num_rows() && static_cast<double>(times[due]) <= reached) ++due;
    if (due == held_at_) {
      const double next_in = (static_cast<double>(times[due]) - reached) / spec_.speed;
      std::this_thread::sleep_for(
          std::min(wait, std::chrono::milliseconds(static_cast<std::int64_t>(next_in) + 1)));
      return true;
    }
  }
  const Schema& schema = held_.schema();
  JsonEncoder encoder(schema);
  std::vector<SourceRecord> records;
  records.reserve(due - held_at_);
  const auto wall_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
  for (std::size_t r = held_at_; r < due; ++r) {
    SourceRecord rec;
    rec.ordinal = held_first_ordinal_ + static_cast<std::int64_t>(r);
    encoder.append_row(held_, r, rec.value);
    if (!key_columns_.empty()) {
      std::string key;
      for (std::size_t i = 0; i < key_columns_.size(); ++i) {
        if (i > 0) key += '|';
        key += held_.column(key_columns_[i]).to_string(r);
      }
      rec.key = std::move(key);
    }
    rec.timestamp = time_column_ && !held_.column(*time_column_).is_null(r)
                        ? held_.column(*time_column_).ints()[r]
                        : wall_ms;
    records.push_back(std::move(rec));
  }
  // Count what was appended: after a restart, rows the topic already held are skipped.
  const std::int64_t appended_before = writer_->appended();
  TRIB_RETURN_IF_ERROR(writer_->append(records));
  metrics_.records.fetch_add(writer_->appended() - appended_before, std::memory_order_relaxed);
  held_at_ = due;
  return held_at_ < held_.num_rows() || !source_->done();
}

void IngestTask::set_speed(double speed) {
  if (!(speed >= 0) || speed == spec_.speed) return;
  spec_.speed = speed;
  restart_pacing();
}

}  // namespace tributary::io
