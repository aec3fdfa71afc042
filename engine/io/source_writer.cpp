#include "io/source_writer.h"

#include <algorithm>
#include <charconv>

#include "core/failpoint.h"
#include "log/record_batch.h"

namespace tributary::io {

Result<std::unique_ptr<SourceWriter>> SourceWriter::open(std::shared_ptr<log::Topic> topic,
                                                         std::string writer) {
  std::unique_ptr<SourceWriter> w(new SourceWriter());
  w->topic_ = std::move(topic);
  w->writer_ = std::move(writer);
  TRIB_RETURN_IF_ERROR(w->find_positions());
  return w;
}

Status SourceWriter::find_positions() {
  // Per partition, the newest record of this writer that carries an ordinal. Other writers
  // may share the topic, so look back in growing steps until one turns up.
  last_.assign(static_cast<std::size_t>(topic_->partition_count()), -1);
  std::vector<log::RecordHeader> headers;
  ByteBuffer buf;
  for (int p = 0; p < topic_->partition_count(); ++p) {
    auto& log = topic_->partition(p);
    std::int64_t hi = log.end_offset();
    std::int64_t step = 256;
    while (hi > log.start_offset() && last_[static_cast<std::size_t>(p)] < 0) {
      const std::int64_t lo = std::max(log.start_offset(), hi - step);
      for (std::int64_t offset = lo; offset < hi;) {
        buf.clear();
        TRIB_ASSIGN_OR_RETURN(log::FetchResult fetched, log.read(offset, 1 << 20, buf));
        if (fetched.bytes == 0) break;
        Status status;
        log::for_each_batch(buf.span(), [&](const log::BatchHeader&, std::span<const char> batch) {
          auto reader = log::RecordBatchReader::open(batch);
          if (!reader.ok()) return status = reader.status(), false;
          log::RecordView rec;
          while (reader->next(rec)) {
            if (rec.offset < lo || rec.offset >= hi || rec.header_count == 0) continue;
            if (status = log::read_headers(rec, headers); !status.ok()) return false;
            bool mine = false;
            std::optional<std::int64_t> ordinal;
            for (const auto& h : headers) {
              if (h.key == kWriterHeader && h.value == writer_) mine = true;
              if (h.key == kOrdinalHeader && h.value) {
                std::int64_t v = 0;
                const auto [end, ec] =
                    std::from_chars(h.value->data(), h.value->data() + h.value->size(), v);
                if (ec == std::errc() && end == h.value->data() + h.value->size()) ordinal = v;
              }
            }
            auto& last = last_[static_cast<std::size_t>(p)];
            if (mine && ordinal) last = std::max(last, *ordinal);
          }
          status = reader->status();
          return status.ok();
        });
        TRIB_RETURN_IF_ERROR(status);
        offset = fetched.next_offset;
      }
      hi = lo;
      step *= 4;
    }
  }
  return {};
}

std::int64_t SourceWriter::resume_from() const {
  return last_.empty() ? 0 : *std::min_element(last_.begin(), last_.end()) + 1;
}

std::int64_t SourceWriter::fresh_from() const {
  return last_.empty() ? 0 : *std::max_element(last_.begin(), last_.end()) + 1;
}

Status SourceWriter::append(std::span<const SourceRecord> records) {
  const int partitions = topic_->partition_count();
  std::vector<std::vector<const SourceRecord*>> per(static_cast<std::size_t>(partitions));
  for (const auto& r : records) {
    const int p = r.key ? log::partition_for_key(*r.key, partitions)
                        : static_cast<int>(r.ordinal % static_cast<std::int64_t>(partitions));
    if (r.ordinal > last_[static_cast<std::size_t>(p)])
      per[static_cast<std::size_t>(p)].push_back(&r);
  }
  for (int p = 0; p < partitions; ++p) {
    const auto& mine = per[static_cast<std::size_t>(p)];
    if (mine.empty()) continue;
    const std::string ordinal = std::to_string(mine.back()->ordinal);
    const log::RecordHeader position[] = {{kWriterHeader, std::string_view(writer_)},
                                          {kOrdinalHeader, std::string_view(ordinal)}};
    std::vector<log::Record> batch;
    batch.reserve(mine.size());
    for (const SourceRecord* r : mine) {
      log::Record rec;
      if (r->key) rec.key = std::string_view(*r->key);
      rec.value = std::string_view(r->value);
      rec.timestamp = r->timestamp;
      batch.push_back(rec);
    }
    batch.back().headers = position;  // the position goes with the data: one append, one batch
    TRIB_RETURN_IF_ERROR(topic_->partition(p).append(batch).status());
    last_[static_cast<std::size_t>(p)] = mine.back()->ordinal;
    appended_ += static_cast<std::int64_t>(mine.size());
    failpoint("source_between_partitions");  // recovery tests crash here, the narrowest window
  }
  return {};
}

}  // namespace tributary::io
