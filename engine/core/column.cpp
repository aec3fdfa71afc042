#include "core/column.h"

#include <bit>
#include <cstdio>
#include <cstring>

namespace tributary {

std::size_t Column::null_count() const {
  if (type_ == DataType::null) return size_;
  if (validity_.empty()) return 0;
  std::size_t valid = 0;
  for (std::size_t w = 0; w < validity_.size(); ++w)
    valid += static_cast<std::size_t>(std::popcount(validity_[w]));
  return size_ - valid;
}

void Column::set_null(std::size_t i) {
  if (validity_.empty()) validity_.assign((size_ + 63) / 64, ~0ull);
  if (validity_.size() * 64 < size_) validity_.resize((size_ + 63) / 64, ~0ull);
  validity_[i >> 6] &= ~(1ull << (i & 63));
}

void Column::push_valid() {
  ++size_;
  if (!validity_.empty()) {
    if (validity_.size() * 64 < size_) validity_.push_back(~0ull);
  }
}

void Column::reserve(std::size_t rows, std::size_t string_bytes) {
  switch (type_) {
    case DataType::int64:
    case DataType::timestamp:
      ints_.reserve(rows);
      break;
    case DataType::float64:
      doubles_.reserve(rows);
      break;
    case DataType::boolean:
      bools_.reserve(rows);
      break;
    case DataType::string:
      offsets_.reserve(rows + 1);
      chars_.reserve(string_bytes);
      break;
    case DataType::null:
      break;
  }
}

void Column::append_null() {
  switch (type_) {
    case DataType::int64:
    case DataType::timestamp:
      ints_.push_back(0);
      break;
    case DataType::float64:
      doubles_.push_back(0);
      break;
    case DataType::boolean:
      bools_.push_back(0);
      break;
    case DataType::string:
      offsets_.push_back(offsets_.back());
      break;
    case DataType::null:
      break;
  }
  push_valid();
  if (type_ != DataType::null) set_null(size_ - 1);
}

void Column::append_bool(bool v) {
  bools_.push_back(v ? 1 : 0);
  push_valid();
}
void Column::append_int(std::int64_t v) {
  ints_.push_back(v);
  push_valid();
}
void Column::append_double(double v) {
  doubles_.push_back(v);
  push_valid();
}
void Column::append_string(std::string_view v) {
  chars_.append(v);
  offsets_.push_back(static_cast<std::uint32_t>(chars_.size()));
  push_valid();
}

void Column::append_from(const Column& other, std::size_t i) {
  if (other.is_null(i)) return append_null();
  switch (type_) {
    case DataType::int64:
    case DataType::timestamp:
      return append_int(other.ints_[i]);
    case DataType::float64:
      return append_double(other.doubles_[i]);
    case DataType::boolean:
      return append_bool(other.bools_[i] != 0);
    case DataType::string:
      return append_string(other.string_at(i));
    case DataType::null:
      return append_null();
  }
}

void Column::resize_fixed(std::size_t rows) {
  size_ = rows;
  validity_.clear();
  switch (type_) {
    case DataType::int64:
    case DataType::timestamp:
      ints_.resize(rows);
      break;
    case DataType::float64:
      doubles_.resize(rows);
      break;
    case DataType::boolean:
      bools_.resize(rows);
      break;
    case DataType::string:
      offsets_.assign(rows + 1, 0);
      chars_.clear();
      break;
    case DataType::null:
      break;
  }
}

Column Column::nulls(DataType type, std::size_t rows) {
  Column c(type);
  c.resize_fixed(rows);
  if (type != DataType::null) c.validity_.assign((rows + 63) / 64, 0);
  return c;
}

void Column::append_take(const Column& from, const std::int64_t* rows, std::size_t n) {
  if (size_ == 0 && n == from.size_ && type_ == from.type_) {
    // Every row in order (a join where each row matched): one copy of the buffers.
    bool identity = true;
    for (std::size_t i = 0; identity && i < n; ++i)
      identity = rows[i] == static_cast<std::int64_t>(i);
    if (identity) {
      *this = from;
      return;
    }
  }
  bool plain = !from.has_nulls() && validity_.empty() && type_ == from.type_;
  for (std::size_t i = 0; plain && i < n; ++i) plain = rows[i] >= 0;
  if (!plain) {
    for (std::size_t i = 0; i < n; ++i)
      rows[i] < 0 ? append_null() : append_from(from, static_cast<std::size_t>(rows[i]));
    return;
  }
  switch (type_) {
    case DataType::int64:
    case DataType::timestamp:
      for (std::size_t i = 0; i < n; ++i)
        ints_.push_back(from.ints_[static_cast<std::size_t>(rows[i])]);
      break;
    case DataType::float64:
      for (std::size_t i = 0; i < n; ++i)
        doubles_.push_back(from.doubles_[static_cast<std::size_t>(rows[i])]);
      break;
    case DataType::boolean:
      for (std::size_t i = 0; i < n; ++i)
        bools_.push_back(from.bools_[static_cast<std::size_t>(rows[i])]);
      break;
    case DataType::string: {
      std::size_t bytes = chars_.size();
      for (std::size_t i = 0; i < n; ++i) {
        const auto r = static_cast<std::size_t>(rows[i]);
        bytes += from.offsets_[r + 1] - from.offsets_[r];
      }
      chars_.reserve(bytes);
      offsets_.reserve(offsets_.size() + n);
      for (std::size_t i = 0; i < n; ++i) {
        chars_.append(from.string_at(static_cast<std::size_t>(rows[i])));
        offsets_.push_back(static_cast<std::uint32_t>(chars_.size()));
      }
      break;
    }
    case DataType::null:
      break;
  }
  size_ += n;
}

Column Column::filter(const std::vector<std::uint8_t>& keep, std::size_t kept) const {
  if (kept == size_) return *this;
  Column out(type_);
  if (type_ == DataType::string) {
    // Sized in one pass, then copied without regrowth.
    std::size_t bytes = 0;
    for (std::size_t i = 0; i < size_; ++i) {
      if (keep[i]) bytes += offsets_[i + 1] - offsets_[i];
    }
    out.chars_.resize(bytes);
    out.offsets_.resize(kept + 1);
    std::size_t o = 0, at = 0;
    for (std::size_t i = 0; i < size_; ++i) {
      if (!keep[i]) continue;
      const std::size_t n = offsets_[i + 1] - offsets_[i];
      std::memcpy(out.chars_.data() + at, chars_.data() + offsets_[i], n);
      at += n;
      out.offsets_[++o] = static_cast<std::uint32_t>(at);
    }
    out.size_ = kept;
  } else {
    out.resize_fixed(kept);
    std::size_t o = 0;
    for (std::size_t i = 0; i < size_; ++i) {
      if (!keep[i]) continue;
      switch (type_) {
        case DataType::int64:
        case DataType::timestamp:
          out.ints_[o] = ints_[i];
          break;
        case DataType::float64:
          out.doubles_[o] = doubles_[i];
          break;
        case DataType::boolean:
          out.bools_[o] = bools_[i];
          break;
        default:
          break;
      }
      ++o;
    }
  }
  if (has_nulls()) {
    std::size_t o = 0;
    for (std::size_t i = 0; i < size_; ++i) {
      if (!keep[i]) continue;
      if (is_null(i)) out.set_null(o);
      ++o;
    }
  }
  return out;
}

std::string Column::to_string(std::size_t i) const {
  if (is_null(i)) return "null";
  switch (type_) {
    case DataType::int64:
    case DataType::timestamp:
      return std::to_string(ints_[i]);
    case DataType::float64: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.15g", doubles_[i]);
      return buf;
    }
    case DataType::boolean:
      return bools_[i] ? "true" : "false";
    case DataType::string:
      return std::string(string_at(i));
    case DataType::null:
      return "null";
  }
  return "?";
}

}  // namespace tributary
