// Compact binary encoding for checkpointed state: zig-zag varints, length-prefixed bytes.
// Readers check bounds: a corrupt checkpoint is an error, never a crash.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace tributary {

class ByteWriter {
 public:
  // Room for `n` bytes, for callers that know about how much they will write.
  void reserve(std::size_t n) { out_.reserve(n); }
  void varint(std::int64_t v) {
    char b[kMaxVarint];
    out_.append(b, varint_at(b, v));
  }
  // Writes v as a varint at p, which has room for kMaxVarint bytes, and returns its end: for
  // callers that size a buffer once for a whole record.
  static constexpr std::size_t kMaxVarint = 10;
  static char* varint_at(char* p, std::int64_t v) {
    std::uint64_t u = (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
    while (u >= 0x80) {
      *p++ = static_cast<char>(static_cast<std::uint8_t>(u) | 0x80);
      u >>= 7;
    }
    *p++ = static_cast<char>(u);
    return p;
  }
  void f64(double v) {
    char b[8];
    std::memcpy(b, &v, 8);
    out_.append(b, 8);
  }
  void bytes(std::string_view s) {
    varint(static_cast<std::int64_t>(s.size()));
    out_.append(s);
  }
  const std::string& data() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : p_(in.data()), end_(in.data() + in.size()) {}

  bool ok() const { return ok_; }
  bool at_end() const { return p_ == end_; }
  std::int64_t varint() {
    std::uint64_t u = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      if (p_ >= end_) return fail();
      const auto b = static_cast<std::uint8_t>(*p_++);
      u |= static_cast<std::uint64_t>(b & 0x7F) << shift;
      if ((b & 0x80) == 0) return static_cast<std::int64_t>(u >> 1) ^ -static_cast<std::int64_t>(u & 1);
    }
    return fail();
  }
  double f64() {
    if (end_ - p_ < 8) return static_cast<double>(fail());
    double v;
    std::memcpy(&v, p_, 8);
    p_ += 8;
    return v;
  }
  std::string_view bytes() {
    const std::int64_t n = varint();
    if (!ok_ || n < 0 || n > end_ - p_) return fail(), std::string_view();
    std::string_view s(p_, static_cast<std::size_t>(n));
    p_ += n;
    return s;
  }

 private:
  std::int64_t fail() {
    ok_ = false;
    p_ = end_;
    return 0;
  }
  const char* p_;
  const char* end_;
  bool ok_ = true;
};

}  // namespace tributary
