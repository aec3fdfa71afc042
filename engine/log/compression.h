// The four codecs Kafka allows inside a RecordBatch (attributes bits 0-2).
#pragma once

#include <span>

#include "core/byte_buffer.h"
#include "core/status.h"
#include "log/record_batch.h"

namespace tributary::log {

// Appends the decompressed form of `in` to `out`. Accepts Kafka's framings: gzip with header,
// raw snappy and the xerial-framed snappy of the Java client, the LZ4 frame format, zstd frames.
Status decompress(Compression codec, std::span<const char> in, ByteBuffer& out);
// Appends the compressed form of `in` to `out`, framed as librdkafka writes it.
Status compress(Compression codec, std::span<const char> in, ByteBuffer& out);

// Re-encodes an uncompressed batch with `codec` (records section compressed, CRC redone).
Result<ByteBuffer> compress_batch(std::span<const char> batch, Compression codec);

}  // namespace tributary::log
