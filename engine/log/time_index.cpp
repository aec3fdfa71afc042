#include "log/time_index.h"

#include <algorithm>
#include <mutex>
#include <string>

#include "log/byte_order.h"
#include "log/file.h"

namespace tributary::log {

void TimeIndex::append(std::int64_t max_timestamp, std::uint32_t relative_offset) {
  std::unique_lock lock(mutex_);
  entries_.push_back({max_timestamp, relative_offset});
}

std::uint32_t TimeIndex::scan_start(std::int64_t timestamp) const {
  std::shared_lock lock(mutex_);
  auto it = std::lower_bound(entries_.begin(), entries_.end(), timestamp,
                             [](const Entry& e, std::int64_t v) { return e.max_timestamp < v; });
  if (it == entries_.begin()) return 0;
  return (it - 1)->relative_offset;
}

std::optional<TimeIndex::Entry> TimeIndex::last() const {
  std::shared_lock lock(mutex_);
  if (entries_.empty()) return std::nullopt;
  return entries_.back();
}

std::size_t TimeIndex::size() const {
  std::shared_lock lock(mutex_);
  return entries_.size();
}

void TimeIndex::clear() {
  std::unique_lock lock(mutex_);
  entries_.clear();
}

void TimeIndex::assign(std::vector<Entry> entries) {
  std::unique_lock lock(mutex_);
  entries_ = std::move(entries);
}

Status TimeIndex::save(const std::filesystem::path& path, bool durable) const {
  std::string bytes;
  {
    std::shared_lock lock(mutex_);
    bytes.resize(entries_.size() * 12);
    for (std::size_t i = 0; i < entries_.size(); ++i) {
      store_be(bytes.data() + 12 * i, entries_[i].max_timestamp);
      store_be(bytes.data() + 12 * i + 8, entries_[i].relative_offset);
    }
  }
  return write_file_atomically(path, bytes, durable);
}

Result<std::vector<TimeIndex::Entry>> TimeIndex::load(const std::filesystem::path& path) {
  TRIB_ASSIGN_OR_RETURN(std::string bytes, read_file(path));
  if (bytes.size() % 12 != 0) return error(ErrorCode::corrupt, path.string() + ": size is not a multiple of 12");
  std::vector<Entry> out(bytes.size() / 12);
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = {load_be<std::int64_t>(bytes.data() + 12 * i), load_be<std::uint32_t>(bytes.data() + 12 * i + 8)};
    if (i > 0 && (out[i].max_timestamp < out[i - 1].max_timestamp || out[i].relative_offset <= out[i - 1].relative_offset)) {
      return error(ErrorCode::corrupt, path.string() + ": entry " + std::to_string(i) + " is out of order");
    }
  }
  return out;
}

}  // namespace tributary::log
