// A growable byte buffer that, unlike std::vector<char>, does not zero what it grows into:
// hot paths fill it with encoded batches or file reads right away.
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <span>
#include <string_view>

namespace tributary {

class ByteBuffer {
 public:
  ByteBuffer() = default;
  explicit ByteBuffer(std::size_t capacity) { reserve(capacity); }
  ByteBuffer(ByteBuffer&&) noexcept = default;
  ByteBuffer& operator=(ByteBuffer&&) noexcept = default;

  char* data() { return data_.get(); }
  const char* data() const { return data_.get(); }
  std::size_t size() const { return size_; }
  std::size_t capacity() const { return capacity_; }
  bool empty() const { return size_ == 0; }
  std::span<const char> span() const { return {data_.get(), size_}; }
  std::string_view view() const { return {data_.get(), size_}; }

  void clear() { size_ = 0; }
  void reserve(std::size_t n) {
    if (n <= capacity_) return;
    std::size_t cap = capacity_ == 0 ? 256 : capacity_;
    while (cap < n) cap *= 2;
    auto fresh = std::make_unique_for_overwrite<char[]>(cap);
    if (size_ > 0) std::memcpy(fresh.get(), data_.get(), size_);
    data_ = std::move(fresh);
    capacity_ = cap;
  }
  // Grows by n bytes of unspecified content and returns where they start.
  char* grow(std::size_t n) {
    reserve(size_ + n);
    char* p = data_.get() + size_;
    size_ += n;
    return p;
  }
  void resize(std::size_t n) {
    reserve(n);
    size_ = n;
  }
  void append(const void* p, std::size_t n) {
    if (n > 0) std::memcpy(grow(n), p, n);
  }
  void append(std::string_view s) { append(s.data(), s.size()); }

 private:
  std::unique_ptr<char[]> data_;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

}  // namespace tributary
