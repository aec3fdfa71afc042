#include "log/segment.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "log/byte_order.h"

namespace tributary::log {
namespace L = batch_layout;
namespace fs = std::filesystem;

namespace {

std::int64_t mtime_ms(const File& f) {
  struct stat st {};
  if (::fstat(f.fd(), &st) != 0) return 0;
  return static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000;
}

std::int64_t wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Segments are read in chunks this large while scanning.
constexpr std::size_t kScanChunk = 4 * 1024 * 1024;

}  // namespace

std::string Segment::file_stem(std::int64_t base_offset) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%020lld", static_cast<long long>(base_offset));
  return buf;
}
fs::path Segment::log_path(const fs::path& dir, std::int64_t base) { return dir / (file_stem(base) + ".log"); }
fs::path Segment::index_path(const fs::path& dir, std::int64_t base) { return dir / (file_stem(base) + ".index"); }
fs::path Segment::time_index_path(const fs::path& dir, std::int64_t base) {
  return dir / (file_stem(base) + ".timeindex");
}

Segment::Segment(fs::path dir, std::int64_t base_offset, std::uint32_t index_interval)
    : dir_(std::move(dir)), base_offset_(base_offset), index_interval_(index_interval), next_offset_(base_offset) {}

Result<std::shared_ptr<Segment>> Segment::create(const fs::path& dir, std::int64_t base_offset,
                                                 std::uint32_t index_interval) {
  std::shared_ptr<Segment> s(new Segment(dir, base_offset, index_interval));
  TRIB_ASSIGN_OR_RETURN(s->log_, File::open(log_path(dir, base_offset), O_RDWR | O_CREAT | O_TRUNC | O_APPEND));
  s->created_ms_ = wall_ms();
  s->last_modified_ms_ = s->created_ms_;
  return s;
}

Result<std::shared_ptr<Segment>> Segment::open_trusted(const fs::path& dir, std::int64_t base_offset,
                                                       std::uint32_t index_interval, bool writable) {
  std::shared_ptr<Segment> s(new Segment(dir, base_offset, index_interval));
  TRIB_ASSIGN_OR_RETURN(s->log_, File::open(log_path(dir, base_offset), writable ? (O_RDWR | O_APPEND) : O_RDONLY));
  TRIB_ASSIGN_OR_RETURN(std::uint64_t file_size, s->log_.size());
  TRIB_ASSIGN_OR_RETURN(auto offsets, OffsetIndex::load(index_path(dir, base_offset), file_size));
  TRIB_ASSIGN_OR_RETURN(auto times, TimeIndex::load(time_index_path(dir, base_offset)));
  if (file_size > 0 && (offsets.empty() || times.empty())) {
    return error(ErrorCode::corrupt, "index of " + log_path(dir, base_offset).string() + " is empty");
  }
  std::uint64_t pos = offsets.empty() ? 0 : offsets.back().position;
  std::int64_t next = offsets.empty() ? base_offset : base_offset + offsets.back().relative_offset;
  std::int64_t max_ts = times.empty() ? -1 : times.back().max_timestamp;
  s->size_ = file_size;  // read_header() is bounded by size()
  // Walk the headers after the last entry (normally one batch: the close added its entry).
  while (pos < file_size) {
    auto h = s->read_header(pos);
    if (!h.ok() || h->base_offset != next || pos + h->total_size() > file_size) {
      return error(ErrorCode::corrupt, "index of " + log_path(dir, base_offset).string() + " does not match the log");
    }
    s->last_batch_base_ = h->base_offset;
    s->last_batch_position_ = pos;
    max_ts = std::max(max_ts, h->max_timestamp);
    next = h->next_offset();
    pos += h->total_size();
  }
  s->offset_index_.assign(std::move(offsets));
  s->time_index_.assign(std::move(times));
  s->next_offset_ = next;
  s->max_timestamp_ = max_ts;
  s->created_ms_ = s->last_modified_ms_ = mtime_ms(s->log_);
  return s;
}

Result<std::shared_ptr<Segment>> Segment::open_scanned(const fs::path& dir, std::int64_t base_offset,
                                                       std::uint32_t index_interval, bool repair, bool writable,
                                                       ScanReport& report) {
  std::shared_ptr<Segment> s(new Segment(dir, base_offset, index_interval));
  TRIB_ASSIGN_OR_RETURN(s->log_, File::open(log_path(dir, base_offset), writable ? (O_RDWR | O_APPEND) : O_RDONLY));
  s->created_ms_ = s->last_modified_ms_ = mtime_ms(s->log_);
  report = ScanReport{};
  TRIB_RETURN_IF_ERROR(s->scan_from(0, base_offset, report));
  if (repair && report.invalid_bytes > 0) {
    TRIB_RETURN_IF_ERROR(s->log_.truncate(report.valid_bytes));
    TRIB_RETURN_IF_ERROR(s->log_.sync_data());
  }
  return s;
}

void Segment::index_batch(const BatchHeader& h, std::uint64_t position, std::uint64_t batch_size) {
  const std::int64_t max_ts = std::max(max_timestamp_.load(std::memory_order_relaxed), h.max_timestamp);
  if (last_indexed_base_ < 0 || bytes_since_index_ >= index_interval_) {
    const auto rel = static_cast<std::uint32_t>(h.base_offset - base_offset_);
    offset_index_.append(rel, static_cast<std::uint32_t>(position));
    time_index_.append(max_ts, rel);
    last_indexed_base_ = h.base_offset;
    bytes_since_index_ = 0;
  }
  bytes_since_index_ += batch_size;
  last_batch_base_ = h.base_offset;
  last_batch_position_ = position;
  max_timestamp_.store(max_ts, std::memory_order_release);
}

Status Segment::scan_from(std::uint64_t position, std::int64_t expected, ScanReport& report) {
  TRIB_ASSIGN_OR_RETURN(std::uint64_t file_size, log_.size());
  ByteBuffer chunk;
  std::size_t chunk_pos = 0;
  std::uint64_t pos = position;
  auto stop = [&](std::string reason) {
    report.stop_reason = std::move(reason);
    report.invalid_bytes = file_size - pos;
  };
  while (pos < file_size) {
    // Make sure the whole next batch is in the chunk.
    std::size_t avail = chunk.size() - chunk_pos;
    std::size_t need = avail >= L::log_overhead ? peek_batch_size(chunk.span().subspan(chunk_pos)) : L::header_size;
    if (need == 0 || need > static_cast<std::size_t>(kMaxBatchBytes) + L::log_overhead) need = L::header_size;
    if (avail < std::max(need, L::header_size)) {
      const std::size_t want = std::max<std::size_t>(kScanChunk, need);
      chunk.clear();
      TRIB_ASSIGN_OR_RETURN(std::size_t got, log_.pread_up_to(chunk.grow(want), want, pos));
      chunk.resize(got);
      chunk_pos = 0;
      avail = got;
    }
    auto rest = chunk.span().subspan(chunk_pos);
    auto h = parse_batch_header(rest);
    if (!h.ok()) {
      stop(h.status().message());
      break;
    }
    if (h->total_size() > rest.size()) {
      stop("torn batch: " + std::to_string(rest.size()) + " of " + std::to_string(h->total_size()) + " bytes present");
      break;
    }
    if (h->base_offset != expected) {
      stop("batch has base offset " + std::to_string(h->base_offset) + ", expected " + std::to_string(expected));
      break;
    }
    Status crc = verify_batch(rest.first(h->total_size()));
    if (!crc.ok()) {
      stop(crc.message());
      break;
    }
    index_batch(*h, pos, h->total_size());
    report.scanned_bytes += h->total_size();
    expected = h->next_offset();
    pos += h->total_size();
    chunk_pos += h->total_size();
  }
  report.valid_bytes = pos;
  report.next_offset = expected;
  next_offset_.store(expected, std::memory_order_release);
  size_.store(pos, std::memory_order_release);
  return {};
}

Status Segment::extend_scan(ScanReport& report) {
  report = ScanReport{};
  return scan_from(size(), next_offset(), report);
}

Status Segment::append(std::span<const char> batch, const BatchHeader& header, std::int64_t now_ms) {
  const std::uint64_t position = size();
  TRIB_RETURN_IF_ERROR(log_.write_all(batch.data(), batch.size()));
  index_batch(header, position, batch.size());
  last_modified_ms_.store(now_ms, std::memory_order_relaxed);
  // Publish: readers bound their reads by size(), so the batch appears whole or not at all.
  next_offset_.store(header.next_offset(), std::memory_order_release);
  size_.store(position + batch.size(), std::memory_order_release);
  return {};
}

Status Segment::sync() { return log_.sync_data(); }

Status Segment::save_indexes(bool durable) {
  if (last_batch_base_ >= 0 && last_batch_base_ != last_indexed_base_) {
    const auto rel = static_cast<std::uint32_t>(last_batch_base_ - base_offset_);
    offset_index_.append(rel, static_cast<std::uint32_t>(last_batch_position_));
    time_index_.append(max_timestamp(), rel);
    last_indexed_base_ = last_batch_base_;
    bytes_since_index_ = 0;
  }
  TRIB_RETURN_IF_ERROR(offset_index_.save(index_path(dir_, base_offset_), durable));
  return time_index_.save(time_index_path(dir_, base_offset_), durable);
}

Result<BatchHeader> Segment::read_header(std::uint64_t position) const {
  char buf[L::header_size];
  TRIB_ASSIGN_OR_RETURN(std::size_t n, log_.pread_up_to(buf, sizeof buf, position));
  return parse_batch_header({buf, n});
}

Result<std::uint64_t> Segment::position_of(std::int64_t offset) const {
  const std::uint64_t end = size();
  if (offset < base_offset_) return error(ErrorCode::out_of_range, "offset before segment");
  const auto rel = static_cast<std::uint32_t>(std::min<std::int64_t>(offset - base_offset_, UINT32_MAX));
  std::uint64_t pos = offset_index_.floor(rel).position;
  while (pos < end) {
    TRIB_ASSIGN_OR_RETURN(BatchHeader h, read_header(pos));
    if (h.next_offset() > offset) return pos;
    pos += h.total_size();
  }
  return end;
}

Status Segment::read(std::uint64_t position, std::size_t max_bytes, ByteBuffer& out) const {
  const std::uint64_t end = size();
  if (position >= end) return {};
  const std::size_t start = out.size();
  std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(max_bytes, end - position));
  want = std::max(want, L::log_overhead);
  TRIB_ASSIGN_OR_RETURN(std::size_t got, log_.pread_up_to(out.grow(want), want, position));
  out.resize(start + got);
  // Keep whole batches only; if even the first does not fit, fetch it entirely.
  std::size_t pos = 0;
  while (true) {
    const std::size_t n = peek_batch_size(out.span().subspan(start + pos));
    if (n == 0 || start + pos + n > out.size()) {
      if (pos == 0 && n > 0 && position + n <= end) {
        const std::size_t have = got;
        out.resize(start + n);
        TRIB_ASSIGN_OR_RETURN(std::size_t more, log_.pread_up_to(out.data() + start + have, n - have, position + have));
        if (more != n - have) return error(ErrorCode::corrupt, "segment shrank while reading " + log_.path().string());
        return {};
      }
      break;
    }
    pos += n;
  }
  out.resize(start + pos);
  return {};
}

Result<std::optional<std::int64_t>> Segment::offset_for_timestamp(std::int64_t timestamp) const {
  if (empty() || max_timestamp() < timestamp) return std::optional<std::int64_t>{};
  TRIB_ASSIGN_OR_RETURN(std::uint64_t pos,
                        position_of(base_offset_ + static_cast<std::int64_t>(time_index_.scan_start(timestamp))));
  const std::uint64_t end = size();
  ByteBuffer batch;
  while (pos < end) {
    TRIB_ASSIGN_OR_RETURN(BatchHeader h, read_header(pos));
    if (h.max_timestamp >= timestamp) {
      batch.clear();
      TRIB_RETURN_IF_ERROR(read(pos, h.total_size(), batch));
      TRIB_ASSIGN_OR_RETURN(auto reader, RecordBatchReader::open(batch.span()));
      RecordView r;
      while (reader.next(r)) {
        if (r.timestamp >= timestamp) return std::optional<std::int64_t>{r.offset};
      }
      TRIB_RETURN_IF_ERROR(reader.status());
    }
    pos += h.total_size();
  }
  return std::optional<std::int64_t>{};
}

Status Segment::remove_files() {
  std::error_code ec;
  fs::remove(index_path(dir_, base_offset_), ec);
  fs::remove(time_index_path(dir_, base_offset_), ec);
  if (!fs::remove(log_path(dir_, base_offset_), ec) && ec) {
    return error(ErrorCode::io_error, "cannot delete " + log_path(dir_, base_offset_).string() + ": " + ec.message());
  }
  return {};
}

}  // namespace tributary::log
