#include "log/crc32c.h"

#include <array>
#include <cstring>

#if defined(__x86_64__)
#include <nmmintrin.h>
#endif

namespace tributary::log {
namespace {

constexpr std::uint32_t kPolyReflected = 0x82F63B78u;

// Slicing-by-8 tables, built at compile time.
constexpr std::array<std::array<std::uint32_t, 256>, 8> make_tables() {
  std::array<std::array<std::uint32_t, 256>, 8> t{};
  for (std::uint32_t i = 0; i < 256; ++i) {
    std::uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ kPolyReflected : c >> 1;
    t[0][i] = c;
  }
  for (std::uint32_t i = 0; i < 256; ++i) {
    for (int s = 1; s < 8; ++s) t[s][i] = (t[s - 1][i] >> 8) ^ t[0][t[s - 1][i] & 0xFF];
  }
  return t;
}

constexpr auto kTables = make_tables();

// Multiplies two polynomials modulo the CRC polynomial, in the reflected bit order the CRC
// register uses (x^0 is the top bit).
constexpr std::uint32_t multiply_mod_p(std::uint32_t a, std::uint32_t b) {
  std::uint32_t product = 0;
  for (std::uint32_t m = 1u << 31; m != 0; m >>= 1) {
    if (a & m) product ^= b;
    b = (b & 1) ? (b >> 1) ^ kPolyReflected : b >> 1;
  }
  return product;
}

// Table that advances a CRC register over `bytes` zero bytes: shift(r) = T[0][r & 0xff] ^ ...
// Advancing is linear, which is what lets independent streams be combined.
std::array<std::array<std::uint32_t, 256>, 4> make_shift_table(std::size_t bytes) {
  std::uint32_t x_pow = 1u << 31;  // x^0; becomes x^(8 * bytes) by square-and-multiply
  std::uint32_t square = 1u << 30;  // x^1, x^2, x^4, ...
  for (std::size_t e = 8 * bytes; e != 0; e >>= 1) {
    if (e & 1) x_pow = multiply_mod_p(x_pow, square);
    square = multiply_mod_p(square, square);
  }
  std::array<std::array<std::uint32_t, 256>, 4> t{};
  for (int k = 0; k < 4; ++k) {
    for (std::uint32_t b = 0; b < 256; ++b) t[k][b] = multiply_mod_p(x_pow, b << (8 * k));
  }
  return t;
}

inline std::uint32_t shift(const std::array<std::array<std::uint32_t, 256>, 4>& t, std::uint32_t r) {
  return t[0][r & 0xff] ^ t[1][(r >> 8) & 0xff] ^ t[2][(r >> 16) & 0xff] ^ t[3][r >> 24];
}

#if defined(__x86_64__)
constexpr std::size_t kLongBlock = 8192;
constexpr std::size_t kShortBlock = 256;
const auto kShiftLong = make_shift_table(kLongBlock);
const auto kShiftShort = make_shift_table(kShortBlock);

// crc32q has a latency of 3 cycles and a throughput of 1: three independent streams over
// three adjacent blocks keep the unit busy, then the three registers are combined.
template <std::size_t kBlock>
__attribute__((target("sse4.2"))) inline std::uint64_t three_streams(
    std::uint64_t c0, const unsigned char*& p, std::size_t& n, const std::array<std::array<std::uint32_t, 256>, 4>& t) {
  while (n >= 3 * kBlock) {
    std::uint64_t c1 = 0;
    std::uint64_t c2 = 0;
    for (std::size_t i = 0; i < kBlock; i += 8) {
      std::uint64_t a, b, c;
      std::memcpy(&a, p + i, 8);
      std::memcpy(&b, p + kBlock + i, 8);
      std::memcpy(&c, p + 2 * kBlock + i, 8);
      c0 = _mm_crc32_u64(c0, a);
      c1 = _mm_crc32_u64(c1, b);
      c2 = _mm_crc32_u64(c2, c);
    }
    c0 = shift(t, shift(t, static_cast<std::uint32_t>(c0)) ^ static_cast<std::uint32_t>(c1)) ^ static_cast<std::uint32_t>(c2);
    p += 3 * kBlock;
    n -= 3 * kBlock;
  }
  return c0;
}

__attribute__((target("sse4.2"))) std::uint32_t extend_hardware(std::uint32_t crc, const unsigned char* p,
                                                                 std::size_t n) {
  std::uint64_t c = ~crc;
  c = three_streams<kLongBlock>(c, p, n, kShiftLong);
  c = three_streams<kShortBlock>(c, p, n, kShiftShort);
  while (n >= 8) {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    c = _mm_crc32_u64(c, v);
    p += 8;
    n -= 8;
  }
  while (n > 0) {
    c = _mm_crc32_u8(static_cast<std::uint32_t>(c), *p++);
    --n;
  }
  return ~static_cast<std::uint32_t>(c);
}

bool detect_hardware() { return __builtin_cpu_supports("sse4.2"); }
#else
bool detect_hardware() { return false; }
#endif

const bool kHardware = detect_hardware();

}  // namespace

std::uint32_t crc32c_extend_portable(std::uint32_t crc, const void* data, std::size_t size) {
  const auto* p = static_cast<const unsigned char*>(data);
  std::uint32_t c = ~crc;
  while (size >= 8) {
    std::uint32_t lo;
    std::uint32_t hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + 4, 4);
    lo ^= c;  // little-endian host assumed, as on every platform we build for
    c = kTables[7][lo & 0xFF] ^ kTables[6][(lo >> 8) & 0xFF] ^ kTables[5][(lo >> 16) & 0xFF] ^
        kTables[4][lo >> 24] ^ kTables[3][hi & 0xFF] ^ kTables[2][(hi >> 8) & 0xFF] ^
        kTables[1][(hi >> 16) & 0xFF] ^ kTables[0][hi >> 24];
    p += 8;
    size -= 8;
  }
  while (size-- > 0) c = (c >> 8) ^ kTables[0][(c ^ *p++) & 0xFF];
  return ~c;
}

std::uint32_t crc32c_extend(std::uint32_t crc, const void* data, std::size_t size) {
#if defined(__x86_64__)
  if (kHardware) return extend_hardware(crc, static_cast<const unsigned char*>(data), size);
#endif
  return crc32c_extend_portable(crc, data, size);
}

bool crc32c_is_hardware() { return kHardware; }

}  // namespace tributary::log
