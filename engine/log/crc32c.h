// CRC-32C (Castagnoli), the checksum of Kafka's RecordBatch v2.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tributary::log {

// Continues a CRC: crc32c_extend(crc32c(a), b) == crc32c(a + b). Start from 0.
std::uint32_t crc32c_extend(std::uint32_t crc, const void* data, std::size_t size);

inline std::uint32_t crc32c(const void* data, std::size_t size) { return crc32c_extend(0, data, size); }

// The table-driven version, always available; exposed so tests can compare both paths.
std::uint32_t crc32c_extend_portable(std::uint32_t crc, const void* data, std::size_t size);

// True when the SSE4.2 instruction is used on this machine.
bool crc32c_is_hardware();

}  // namespace tributary::log
