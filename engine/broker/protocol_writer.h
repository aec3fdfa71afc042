// Writes Kafka protocol primitives. The same message description drives it and
// ProtocolReader (see messages/), so encoders and decoders cannot drift apart.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/byte_buffer.h"
#include "log/byte_order.h"

namespace tributary::broker {

using Bytes = std::span<const char>;

// A byte field left out of the encoded buffer, to be written from where it lies: `bytes` go
// at offset `at` of the buffer when the message is sent (a Fetch's stored record batches).
struct Splice {
  std::size_t at = 0;
  Bytes bytes;
};

class ProtocolWriter {
 public:
  ProtocolWriter(ByteBuffer& out, bool flexible) : out_(out), flexible_(flexible) {}

  // From now on, byte fields of at least kSpliceBytes are recorded here instead of copied.
  static constexpr std::size_t kSpliceBytes = 4096;
  void splice_into(std::vector<Splice>* splices) { splices_ = splices; }

  void i8(const std::int8_t& v) { fixed(v); }
  void i16(const std::int16_t& v) { fixed(v); }
  void i32(const std::int32_t& v) { fixed(v); }
  void i64(const std::int64_t& v) { fixed(v); }
  void boolean(const bool& v) { fixed(static_cast<std::int8_t>(v ? 1 : 0)); }

  void string(const std::string& v) {
    length16(static_cast<std::int64_t>(v.size()));
    out_.append(v);
  }
  void nullable_string(const std::optional<std::string>& v) {
    if (!v) return length16(-1);
    string(*v);
  }
  void classic_nullable_string(const std::optional<std::string>& v) {
    const bool f = flexible_;
    flexible_ = false;
    nullable_string(v);
    flexible_ = f;
  }

  void bytes(const Bytes& v) {
    length32(static_cast<std::int64_t>(v.size()));
    if (splices_ != nullptr && v.size() >= kSpliceBytes) {
      splices_->push_back({out_.size(), v});
      return;
    }
    out_.append(v.data(), v.size());
  }
  void nullable_bytes(const std::optional<Bytes>& v) {
    if (!v) return length32(-1);
    bytes(*v);
  }

  template <class T, class F>
  void array(const std::vector<T>& v, F&& each) {
    length32(static_cast<std::int64_t>(v.size()));
    for (const auto& e : v) each(const_cast<T&>(e));
  }
  template <class T, class F>
  void nullable_array(const std::optional<std::vector<T>>& v, F&& each) {
    if (!v) return length32(-1);
    array(*v, each);
  }
  void int32_array(const std::vector<std::int32_t>& v) {
    array(v, [this](std::int32_t& e) { i32(e); });
  }

  // An empty tagged-field block: this broker sets no tagged fields.
  void tags() {
    if (flexible_) uvarint(0);
  }

  void uvarint(std::uint64_t v) {
    while (v >= 0x80) {
      const char b = static_cast<char>((v & 0x7F) | 0x80);
      out_.append(&b, 1);
      v >>= 7;
    }
    const char b = static_cast<char>(v);
    out_.append(&b, 1);
  }

 private:
  template <class T>
  void fixed(T v) {
    log::store_be<T>(out_.grow(sizeof(T)), v);
  }
  void length16(std::int64_t n) {
    if (flexible_) return uvarint(static_cast<std::uint64_t>(n + 1));
    fixed(static_cast<std::int16_t>(n));
  }
  void length32(std::int64_t n) {
    if (flexible_) return uvarint(static_cast<std::uint64_t>(n + 1));
    fixed(static_cast<std::int32_t>(n));
  }

  ByteBuffer& out_;
  bool flexible_;
  std::vector<Splice>* splices_ = nullptr;
};

}  // namespace tributary::broker
