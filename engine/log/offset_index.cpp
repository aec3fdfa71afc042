#include "log/offset_index.h"

#include <algorithm>
#include <string>

#include "log/byte_order.h"
#include "log/file.h"

namespace tributary::log {

void OffsetIndex::append(std::uint32_t relative_offset, std::uint32_t position) {
  std::unique_lock lock(mutex_);
  entries_.push_back({relative_offset, position});
}

OffsetIndex::Entry OffsetIndex::floor(std::uint32_t relative_offset) const {
  std::shared_lock lock(mutex_);
  auto it = std::upper_bound(entries_.begin(), entries_.end(), relative_offset,
                             [](std::uint32_t v, const Entry& e) { return v < e.relative_offset; });
  if (it == entries_.begin()) return {0, 0};
  return *(it - 1);
}

std::size_t OffsetIndex::size() const {
  std::shared_lock lock(mutex_);
  return entries_.size();
}

std::vector<OffsetIndex::Entry> OffsetIndex::entries() const {
  std::shared_lock lock(mutex_);
  return entries_;
}

void OffsetIndex::clear() {
  std::unique_lock lock(mutex_);
  entries_.clear();
}

void OffsetIndex::assign(std::vector<Entry> entries) {
  std::unique_lock lock(mutex_);
  entries_ = std::move(entries);
}

Status OffsetIndex::save(const std::filesystem::path& path, bool durable) const {
  std::string bytes;
  {
    std::shared_lock lock(mutex_);
    bytes.resize(entries_.size() * 8);
    for (std::size_t i = 0; i < entries_.size(); ++i) {
      store_be(bytes.data() + 8 * i, entries_[i].relative_offset);
      store_be(bytes.data() + 8 * i + 4, entries_[i].position);
    }
  }
  return write_file_atomically(path, bytes, durable);
}

Result<std::vector<OffsetIndex::Entry>> OffsetIndex::load(const std::filesystem::path& path,
                                                           std::uint64_t log_size) {
  TRIB_ASSIGN_OR_RETURN(std::string bytes, read_file(path));
  if (bytes.size() % 8 != 0) return error(ErrorCode::corrupt, path.string() + ": size is not a multiple of 8");
  std::vector<Entry> out(bytes.size() / 8);
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = {load_be<std::uint32_t>(bytes.data() + 8 * i), load_be<std::uint32_t>(bytes.data() + 8 * i + 4)};
    const bool ascending = i == 0 || (out[i].relative_offset > out[i - 1].relative_offset &&
                                      out[i].position > out[i - 1].position);
    if (!ascending || out[i].position >= log_size) {
      return error(ErrorCode::corrupt, path.string() + ": entry " + std::to_string(i) + " is out of order or past the log");
    }
  }
  return out;
}

}  // namespace tributary::log
