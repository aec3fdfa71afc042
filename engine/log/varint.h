// Zig-zag variable-length integers (protobuf style), used inside Kafka records.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tributary::log {

inline std::uint64_t zigzag_encode(std::int64_t v) {
  return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
inline std::int64_t zigzag_decode(std::uint64_t v) {
  return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

// Bytes that write_varlong(v) will take (7 bits per byte): a table indexed by the number of
// significant bits, so encoding a record needs no loop and no division.
inline constexpr unsigned char kVarintBytesForBits[65] = {
    1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4, 5, 5, 5,
    5, 5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 7, 7, 7, 7, 7, 7, 7, 8, 8, 8, 8, 8, 8, 8, 9, 9, 9, 9, 9, 9, 9, 10};
inline std::size_t varlong_size(std::int64_t v) {
  return kVarintBytesForBits[64 - __builtin_clzll(zigzag_encode(v) | 1)];
}

// Writes v at p, returns the byte after it. The caller guarantees room (at most 10 bytes).
inline char* write_varlong(char* p, std::int64_t v) {
  std::uint64_t u = zigzag_encode(v);
  if (u < 0x80) {
    *p = static_cast<char>(u);
    return p + 1;
  }
  while (u >= 0x80) {
    *p++ = static_cast<char>(static_cast<std::uint8_t>(u) | 0x80);
    u >>= 7;
  }
  *p++ = static_cast<char>(u);
  return p;
}

// Reads a varlong from [p, end). Returns nullptr on truncation or on more than 10 bytes.
inline const char* read_varlong(const char* p, const char* end, std::int64_t& out) {
  if (p < end && static_cast<std::int8_t>(*p) >= 0) {  // one byte: the common case in records
    out = zigzag_decode(static_cast<std::uint8_t>(*p));
    return p + 1;
  }
  std::uint64_t u = 0;
  for (int shift = 0; shift < 70 && p < end; shift += 7) {
    const auto b = static_cast<std::uint8_t>(*p++);
    u |= static_cast<std::uint64_t>(b & 0x7F) << shift;
    if ((b & 0x80) == 0) {
      out = zigzag_decode(u);
      return p;
    }
  }
  return nullptr;
}

// A varint field of Kafka's is a varlong restricted to 32 bits.
inline const char* read_varint(const char* p, const char* end, std::int32_t& out) {
  std::int64_t v;
  p = read_varlong(p, end, v);
  if (p == nullptr || v < INT32_MIN || v > INT32_MAX) return nullptr;
  out = static_cast<std::int32_t>(v);
  return p;
}

}  // namespace tributary::log
