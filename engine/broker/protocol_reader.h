// Reads Kafka protocol primitives from one request body. A read past the end, a negative
// length where none is allowed or an absurd count marks the reader failed instead of
// throwing: the caller checks ok() once after decoding a whole message.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "log/byte_order.h"

namespace tributary::broker {

using Bytes = std::span<const char>;

class ProtocolReader {
 public:
  ProtocolReader(Bytes in, bool flexible)
      : p_(in.data()), end_(in.data() + in.size()), flexible_(flexible) {}

  bool ok() const { return !failed_; }
  std::size_t remaining() const { return static_cast<std::size_t>(end_ - p_); }
  const char* position() const { return p_; }
  // Marks the message malformed (a value outside what the protocol allows).
  void fail() { failed_ = true; }

  void i8(std::int8_t& v) { fixed(v); }
  void i16(std::int16_t& v) { fixed(v); }
  void i32(std::int32_t& v) { fixed(v); }
  void i64(std::int64_t& v) { fixed(v); }
  void boolean(bool& v) {
    std::int8_t b = 0;
    fixed(b);
    v = b != 0;
  }

  void string(std::string& v) {
    std::optional<std::string> s;
    nullable_string(s);
    if (!s) return fail();
    v = std::move(*s);
  }
  void nullable_string(std::optional<std::string>& v) {
    const std::int64_t n = length16();
    if (n < 0) {
      v.reset();
      return;
    }
    if (!take(static_cast<std::size_t>(n))) return;
    v.emplace(p_ - n, static_cast<std::size_t>(n));
  }
  // The request header's client id is a classic string even in flexible headers.
  void classic_nullable_string(std::optional<std::string>& v) {
    const bool f = flexible_;
    flexible_ = false;
    nullable_string(v);
    flexible_ = f;
  }

  void bytes(Bytes& v) {
    std::optional<Bytes> b;
    nullable_bytes(b);
    if (!b) return fail();
    v = *b;
  }
  void nullable_bytes(std::optional<Bytes>& v) {
    const std::int64_t n = length32();
    if (n < 0) {
      v.reset();
      return;
    }
    if (!take(static_cast<std::size_t>(n))) return;
    v.emplace(p_ - n, static_cast<std::size_t>(n));
  }

  template <class T, class F>
  void array(std::vector<T>& v, F&& each) {
    std::optional<std::vector<T>> a;
    nullable_array(a, each);
    if (!a) return fail();
    v = std::move(*a);
  }
  template <class T, class F>
  void nullable_array(std::optional<std::vector<T>>& v, F&& each) {
    const std::int64_t n = length32();
    if (n < 0) {
      v.reset();
      return;
    }
    // Every element takes at least one byte: a count beyond what is left is a lie, and
    // believing it would let a 4-byte request allocate gigabytes.
    if (static_cast<std::size_t>(n) > remaining()) return fail();
    v.emplace();
    v->resize(static_cast<std::size_t>(n));
    for (auto& e : *v) {
      if (failed_) return;
      each(e);
    }
  }
  void int32_array(std::vector<std::int32_t>& v) {
    array(v, [this](std::int32_t& e) { i32(e); });
  }

  // The tagged-field block that ends every structure of a flexible version; unknown tags
  // are skipped (none of the fields this broker reads is tagged).
  void tags() {
    if (!flexible_) return;
    std::uint64_t count = 0;
    if (!uvarint(count)) return;
    for (std::uint64_t i = 0; i < count && !failed_; ++i) {
      std::uint64_t tag = 0, size = 0;
      if (!uvarint(tag) || !uvarint(size)) return;
      if (!take(static_cast<std::size_t>(size))) return;
    }
  }

  bool uvarint(std::uint64_t& out) {
    out = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p_ >= end_) break;
      const auto b = static_cast<std::uint8_t>(*p_++);
      out |= static_cast<std::uint64_t>(b & 0x7F) << shift;
      if ((b & 0x80) == 0) return true;
    }
    fail();
    return false;
  }

 private:
  template <class T>
  void fixed(T& v) {
    if (!take(sizeof(T))) return;
    v = log::load_be<T>(p_ - sizeof(T));
  }
  bool take(std::size_t n) {
    if (failed_ || n > remaining()) {
      failed_ = true;
      return false;
    }
    p_ += n;
    return true;
  }
  // -1 for null, else the length; compact forms store length + 1 with 0 for null.
  std::int64_t length16() {
    if (flexible_) return compact_length();
    std::int16_t n = 0;
    fixed(n);
    if (failed_) return -1;
    if (n < -1) fail();
    return n;
  }
  std::int64_t length32() {
    if (flexible_) return compact_length();
    std::int32_t n = 0;
    fixed(n);
    if (failed_) return -1;
    if (n < -1) fail();
    return n;
  }
  std::int64_t compact_length() {
    std::uint64_t n = 0;
    if (!uvarint(n)) return -1;
    if (n > 0x7fffffff) {
      fail();
      return -1;
    }
    return static_cast<std::int64_t>(n) - 1;
  }

  const char* p_;
  const char* end_;
  bool flexible_;
  bool failed_ = false;
};

}  // namespace tributary::broker
