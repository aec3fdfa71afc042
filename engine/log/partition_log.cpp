#include "log/partition_log.h"

#include <algorithm>
#include <charconv>

#include "core/diagnostics.h"
#include "log/file.h"

namespace tributary::log {
namespace fs = std::filesystem;

namespace {

constexpr const char* kCleanMarker = "clean-shutdown";
constexpr const char* kRecoveryPoint = "recovery-point";

std::int64_t wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Base offsets of the `.log` files in `dir`, ascending.
Result<std::vector<std::int64_t>> list_segment_bases(const fs::path& dir) {
  std::vector<std::int64_t> bases;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const auto name = entry.path().filename().string();
    if (name.size() != 24 || entry.path().extension() != ".log") continue;
    std::int64_t base = 0;
    const auto [ptr, err] = std::from_chars(name.data(), name.data() + 20, base);
    if (err == std::errc() && ptr == name.data() + 20) bases.push_back(base);
  }
  if (ec) return error(ErrorCode::io_error, "cannot list " + dir.string() + ": " + ec.message());
  std::sort(bases.begin(), bases.end());
  return bases;
}

}  // namespace

PartitionLog::PartitionLog(fs::path dir, std::string name, const LogConfig& config, Access access)
    : dir_(std::move(dir)), name_(std::move(name)), config_(config), access_(access),
      last_flush_(std::chrono::steady_clock::now()) {}

PartitionLog::~PartitionLog() {
  if (access_ == Access::owner && !closed_) {
    Status st = close();
    if (!st.ok()) report(Severity::error, "closing " + name_ + ": " + st.message());
  }
}

Result<std::unique_ptr<PartitionLog>> PartitionLog::open(const fs::path& dir, std::string name,
                                                         const LogConfig& config, Access access) {
  std::unique_ptr<PartitionLog> log(new PartitionLog(dir, std::move(name), config, access));
  TRIB_RETURN_IF_ERROR(log->load_segments());
  return log;
}

Status PartitionLog::load_segments() {
  const bool owner = access_ == Access::owner;
  std::error_code ec;
  if (owner) {
    fs::create_directories(dir_, ec);
    for (const auto& entry : fs::directory_iterator(dir_, ec)) {
      if (entry.path().extension() == ".tmp") fs::remove(entry.path(), ec);  // half-written index files
    }
  }
  TRIB_ASSIGN_OR_RETURN(std::vector<std::int64_t> bases, list_segment_bases(dir_));
  const bool clean = owner && fs::exists(dir_ / kCleanMarker);
  recovery_.clean = clean;

  // After an unclean stop, everything from the segment holding the recovery point on is
  // checked batch by batch; segments before it were synced before the point moved past them.
  std::int64_t recovery_point = 0;
  if (!clean) {
    if (auto text = read_file(dir_ / kRecoveryPoint); text.ok()) {
      std::from_chars(text->data(), text->data() + text->size(), recovery_point);
    }
  }
  std::int64_t expected = bases.empty() ? 0 : bases.front();
  for (std::size_t i = 0; i < bases.size(); ++i) {
    const std::int64_t base = bases[i];
    const bool last = i + 1 == bases.size();
    const bool holds_recovery_point = last || bases[i + 1] > recovery_point;
    if (base != expected) {
      // A gap: an earlier segment was cut short. What follows cannot be trusted to continue it.
      if (owner) {
        for (std::size_t j = i; j < bases.size(); ++j) {
          fs::remove(Segment::log_path(dir_, bases[j]), ec);
          fs::remove(Segment::index_path(dir_, bases[j]), ec);
          fs::remove(Segment::time_index_path(dir_, bases[j]), ec);
          ++recovery_.deleted_segments;
        }
      }
      break;
    }
    std::shared_ptr<Segment> segment;
    const bool must_scan = (!clean && owner && holds_recovery_point) || (!owner && last);
    if (!must_scan) {
      auto trusted = Segment::open_trusted(dir_, base, config_.index_interval_bytes, owner);
      if (trusted.ok()) segment = std::move(trusted).value();
      else ++recovery_.rebuilt_indexes;
    }
    if (!segment) {
      ScanReport scan;
      TRIB_ASSIGN_OR_RETURN(segment, Segment::open_scanned(dir_, base, config_.index_interval_bytes, owner, owner, scan));
      recovery_.scanned_bytes += scan.scanned_bytes;
      if (scan.invalid_bytes > 0 && owner) {
        recovery_.truncated_bytes += scan.invalid_bytes;
        recovery_.truncated_at_offset = scan.next_offset;
        report(Severity::warning, "recovered " + name_ + ": cut " + std::to_string(scan.invalid_bytes) +
                                      " bytes from offset " + std::to_string(scan.next_offset) + " on (" +
                                      scan.stop_reason + ") in " + Segment::log_path(dir_, base).string());
      }
      if (owner) TRIB_RETURN_IF_ERROR(segment->save_indexes(true));
    }
    expected = segment->next_offset();
    segments_.push_back(std::move(segment));
  }
  if (recovery_.deleted_segments > 0) {
    report(Severity::warning, "recovered " + name_ + ": deleted " + std::to_string(recovery_.deleted_segments) +
                                  " segment(s) after offset " + std::to_string(expected));
  }

  if (owner) {
    if (segments_.empty()) {
      TRIB_ASSIGN_OR_RETURN(auto first, Segment::create(dir_, 0, config_.index_interval_bytes));
      segments_.push_back(std::move(first));
    }
    TRIB_RETURN_IF_ERROR(write_recovery_point(segments_.back()->base_offset()));
    // From now on the partition is open: a crash before close() must trigger recovery.
    fs::remove(dir_ / kCleanMarker, ec);
    TRIB_RETURN_IF_ERROR(sync_directory(dir_));
  }
  start_offset_ = segments_.empty() ? 0 : segments_.front()->base_offset();
  end_offset_ = segments_.empty() ? 0 : segments_.back()->next_offset();
  return {};
}

Status PartitionLog::write_recovery_point(std::int64_t offset) {
  return write_file_atomically(dir_ / kRecoveryPoint, std::to_string(offset), true);
}

std::shared_ptr<Segment> PartitionLog::active() const {
  std::shared_lock lock(segments_mutex_);
  return segments_.empty() ? nullptr : segments_.back();
}

std::shared_ptr<Segment> PartitionLog::segment_for(std::int64_t offset) const {
  std::shared_lock lock(segments_mutex_);
  auto it = std::upper_bound(segments_.begin(), segments_.end(), offset,
                             [](std::int64_t o, const std::shared_ptr<Segment>& s) { return o < s->base_offset(); });
  if (it == segments_.begin()) return nullptr;
  return *(it - 1);
}

void PartitionLog::publish_end(std::int64_t end) {
  {
    std::lock_guard lock(wait_mutex_);
    end_offset_.store(end, std::memory_order_release);
  }
  data_arrived_.notify_all();
}

Result<AppendResult> PartitionLog::append(std::span<char> batch) {
  if (access_ != Access::owner) return error(ErrorCode::invalid_argument, name_ + " is open read-only");
  TRIB_ASSIGN_OR_RETURN(BatchHeader header, parse_batch_header(batch));
  if (header.total_size() != batch.size()) {
    return error(ErrorCode::corrupt, "batch for " + name_ + " is " + std::to_string(batch.size()) +
                                         " bytes but its length field says " + std::to_string(header.total_size()));
  }
  TRIB_RETURN_IF_ERROR(verify_batch(batch));
  return append_checked(batch, header);
}

Result<AppendResult> PartitionLog::append(std::span<const Record> records) {
  if (records.empty()) return error(ErrorCode::invalid_argument, "no records to append to " + name_);
  thread_local RecordBatchBuilder builder;
  builder.reset();
  for (const auto& r : records) builder.add(r);
  std::span<char> batch = builder.finish();
  TRIB_ASSIGN_OR_RETURN(BatchHeader header, parse_batch_header(batch));
  return append_checked(batch, header);
}

Result<AppendResult> PartitionLog::append_checked(std::span<char> batch, const BatchHeader& header) {
  if (access_ != Access::owner) return error(ErrorCode::invalid_argument, name_ + " is open read-only");
  std::lock_guard lock(write_mutex_);
  if (closed_) return error(ErrorCode::invalid_argument, name_ + " is closed");
  const std::int64_t now = wall_ms();
  auto segment = active();
  if (!segment->empty() && (segment->size() + batch.size() > config_.segment_bytes ||
                            now - segment->created_ms() >= config_.segment_ms)) {
    TRIB_RETURN_IF_ERROR(roll(now));
    segment = active();
  }
  const std::int64_t base = end_offset();
  set_base_offset(batch.data(), base);
  BatchHeader placed = header;
  placed.base_offset = base;
  TRIB_RETURN_IF_ERROR(segment->append(batch, placed, now));
  if (config_.flush == FlushPolicy::always) {
    TRIB_RETURN_IF_ERROR(segment->sync());
  } else {
    dirty_.store(true, std::memory_order_relaxed);
  }
  publish_end(placed.next_offset());
  return AppendResult{base, placed.last_offset()};
}

Status PartitionLog::roll(std::int64_t /*now_ms*/) {
  // No fsync here: syncing 128 MiB on the append path would stall producers. The sealed
  // segment is synced by the flusher (or at close), and only then does the recovery point
  // move past it, so until then a crash rescans it.
  auto old = active();
  TRIB_RETURN_IF_ERROR(old->save_indexes(false));
  TRIB_ASSIGN_OR_RETURN(auto fresh, Segment::create(dir_, old->next_offset(), config_.index_interval_bytes));
  // With `always`, what is acknowledged next lives in the new file: its name must be durable.
  if (config_.flush == FlushPolicy::always) TRIB_RETURN_IF_ERROR(sync_directory(dir_));
  {
    std::unique_lock lock(segments_mutex_);
    segments_.push_back(fresh);
  }
  std::lock_guard lock(sync_mutex_);
  unsynced_.push_back(std::move(old));
  return {};
}

Status PartitionLog::sync_sealed() {
  std::vector<std::shared_ptr<Segment>> pending;
  {
    std::lock_guard lock(sync_mutex_);
    pending.swap(unsynced_);
  }
  if (pending.empty()) return {};
  for (const auto& s : pending) {
    TRIB_RETURN_IF_ERROR(s->sync());
    TRIB_RETURN_IF_ERROR(s->save_indexes(true));
  }
  TRIB_RETURN_IF_ERROR(sync_directory(dir_));
  return write_recovery_point(pending.back()->next_offset());
}

Result<FetchResult> PartitionLog::read(std::int64_t offset, std::size_t max_bytes, ByteBuffer& out) const {
  FetchResult result;
  result.end_offset = end_offset();
  const std::int64_t start = start_offset();
  if (offset < start || offset > result.end_offset) {
    return error(ErrorCode::out_of_range, "offset " + std::to_string(offset) + " is out of range for " + name_ +
                                              " (log has offsets " + std::to_string(start) + " to " +
                                              std::to_string(result.end_offset) + ")");
  }
  result.next_offset = offset;
  if (offset == result.end_offset) return result;
  auto segment = segment_for(offset);
  if (!segment) return error(ErrorCode::out_of_range, "offset " + std::to_string(offset) + " was deleted from " + name_);
  TRIB_ASSIGN_OR_RETURN(std::uint64_t position, segment->position_of(offset));
  const std::size_t before = out.size();
  TRIB_RETURN_IF_ERROR(segment->read(position, max_bytes, out));
  // The segment may already hold a batch whose end offset is not yet published; leave it
  // for the next read so that what a reader sees never runs ahead of end_offset().
  std::size_t kept = 0;
  for_each_batch(out.span().subspan(before), [&](const BatchHeader& h, std::span<const char> batch) {
    if (h.base_offset >= result.end_offset) return false;
    result.next_offset = h.next_offset();
    kept += batch.size();
    return true;
  });
  out.resize(before + kept);
  result.bytes = kept;
  return result;
}

Result<std::optional<std::int64_t>> PartitionLog::offset_for_timestamp(std::int64_t timestamp) const {
  std::vector<std::shared_ptr<Segment>> segments;
  {
    std::shared_lock lock(segments_mutex_);
    segments = segments_;
  }
  for (const auto& s : segments) {
    if (s->max_timestamp() >= timestamp) return s->offset_for_timestamp(timestamp);
  }
  return std::optional<std::int64_t>{};
}

bool PartitionLog::wait_for_data(std::int64_t offset, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(wait_mutex_);
  return data_arrived_.wait_for(lock, timeout, [&] { return end_offset() > offset; });
}

Status PartitionLog::flush() {
  if (access_ != Access::owner) return {};
  dirty_.store(false, std::memory_order_relaxed);
  last_flush_ = std::chrono::steady_clock::now();
  auto segment = active();
  if (segment) TRIB_RETURN_IF_ERROR(segment->sync());
  return sync_sealed();
}

Status PartitionLog::flush_if_due(std::chrono::steady_clock::time_point now) {
  if (config_.flush == FlushPolicy::never) return {};
  if (config_.flush == FlushPolicy::always) return sync_sealed();  // their data is synced; indexes and recovery point
  if (!dirty_.load(std::memory_order_relaxed)) return sync_sealed();
  if (now - last_flush_ < std::chrono::milliseconds(config_.flush_interval_ms)) return {};
  return flush();
}

Status PartitionLog::enforce_retention(std::int64_t now_ms) {
  if (access_ != Access::owner) return {};
  std::lock_guard lock(write_mutex_);
  if (closed_) return {};
  auto current = active();
  const bool expired = config_.retention_ms >= 0 && now_ms - current->last_modified_ms() > config_.retention_ms;
  const bool old = now_ms - current->created_ms() >= config_.segment_ms;
  if (!current->empty() && (expired || old)) TRIB_RETURN_IF_ERROR(roll(now_ms));

  std::vector<std::shared_ptr<Segment>> doomed;
  {
    std::unique_lock seg_lock(segments_mutex_);
    std::uint64_t total = 0;
    for (const auto& s : segments_) total += s->size();
    std::size_t drop = 0;
    while (drop + 1 < segments_.size()) {  // the active segment stays
      const auto& s = segments_[drop];
      const bool too_old = config_.retention_ms >= 0 && now_ms - s->last_modified_ms() > config_.retention_ms;
      const bool too_big = config_.retention_bytes >= 0 &&
                           total >= s->size() + static_cast<std::uint64_t>(config_.retention_bytes);
      if (!too_old && !too_big) break;
      total -= s->size();
      ++drop;
    }
    doomed.assign(segments_.begin(), segments_.begin() + static_cast<std::ptrdiff_t>(drop));
    segments_.erase(segments_.begin(), segments_.begin() + static_cast<std::ptrdiff_t>(drop));
    start_offset_.store(segments_.front()->base_offset(), std::memory_order_release);
  }
  // Readers still holding a doomed segment keep its open descriptor; unlinking is safe.
  for (const auto& s : doomed) TRIB_RETURN_IF_ERROR(s->remove_files());
  if (!doomed.empty()) {
    report(Severity::info, "retention deleted " + std::to_string(doomed.size()) + " segment(s) of " + name_ +
                               "; log now starts at offset " + std::to_string(start_offset()));
  }
  return {};
}

Status PartitionLog::refresh() {
  if (access_ != Access::observer) return {};
  TRIB_ASSIGN_OR_RETURN(std::vector<std::int64_t> bases, list_segment_bases(dir_));
  std::unique_lock lock(segments_mutex_);
  // Segments the owner deleted (retention or topic deletion).
  while (!segments_.empty() && !std::binary_search(bases.begin(), bases.end(), segments_.front()->base_offset())) {
    segments_.erase(segments_.begin());
  }
  if (!segments_.empty()) {
    ScanReport scan;
    TRIB_RETURN_IF_ERROR(segments_.back()->extend_scan(scan));
  }
  for (std::int64_t base : bases) {
    const std::int64_t expected = segments_.empty() ? base : segments_.back()->next_offset();
    if ((!segments_.empty() && base <= segments_.back()->base_offset()) || base != expected) continue;
    ScanReport scan;
    TRIB_ASSIGN_OR_RETURN(auto s, Segment::open_scanned(dir_, base, config_.index_interval_bytes, false, false, scan));
    segments_.push_back(std::move(s));
  }
  start_offset_.store(segments_.empty() ? 0 : segments_.front()->base_offset(), std::memory_order_release);
  const std::int64_t end = segments_.empty() ? 0 : segments_.back()->next_offset();
  lock.unlock();
  publish_end(end);
  return {};
}

Status PartitionLog::close() {
  if (access_ != Access::owner || closed_) return {};
  std::lock_guard lock(write_mutex_);
  closed_ = true;
  // Whatever the flush policy, a clean-shutdown marker promises that everything is on disk.
  TRIB_RETURN_IF_ERROR(sync_sealed());
  auto segment = active();
  TRIB_RETURN_IF_ERROR(segment->sync());
  TRIB_RETURN_IF_ERROR(segment->save_indexes(true));
  TRIB_RETURN_IF_ERROR(write_recovery_point(segment->base_offset()));
  return write_file_atomically(dir_ / kCleanMarker, "", true);
}

PartitionStats PartitionLog::stats() const {
  PartitionStats s;
  std::shared_lock lock(segments_mutex_);
  s.start_offset = start_offset();
  s.end_offset = end_offset();
  s.segments = segments_.size();
  for (const auto& seg : segments_) s.size_bytes += seg->size();
  return s;
}

}  // namespace tributary::log
