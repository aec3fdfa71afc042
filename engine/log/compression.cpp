#include "log/compression.h"

#include <lz4frame.h>
#include <snappy.h>
#include <zlib.h>
#include <zstd.h>

#include <cstring>
#include <memory>
#include <string>

#include "log/byte_order.h"

namespace tributary::log {
namespace {

// Decompressed data beyond this is refused: a corrupt or hostile batch must not exhaust memory.
constexpr std::size_t kMaxDecompressed = 256u * 1024 * 1024;

Status codec_error(const char* codec, const std::string& what) {
  return error(ErrorCode::corrupt, std::string(codec) + " decompression failed: " + what);
}

Status inflate_gzip(std::span<const char> in, ByteBuffer& out) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 32) != Z_OK) return codec_error("gzip", "inflateInit2");
  std::unique_ptr<z_stream, decltype(&inflateEnd)> guard(&zs, &inflateEnd);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  const std::size_t start = out.size();
  for (;;) {
    const std::size_t chunk = std::max<std::size_t>(in.size() * 4, 16 * 1024);
    char* dst = out.grow(chunk);
    zs.next_out = reinterpret_cast<Bytef*>(dst);
    zs.avail_out = static_cast<uInt>(chunk);
    const int rc = inflate(&zs, Z_NO_FLUSH);
    out.resize(out.size() - zs.avail_out);
    if (rc == Z_STREAM_END) return {};
    if (rc != Z_OK && rc != Z_BUF_ERROR) return codec_error("gzip", zs.msg ? zs.msg : "inflate");
    if (rc == Z_BUF_ERROR && zs.avail_in == 0) return codec_error("gzip", "truncated stream");
    if (out.size() - start > kMaxDecompressed) return codec_error("gzip", "output too large");
  }
}

Status uncompress_snappy_raw(std::span<const char> in, ByteBuffer& out) {
  std::size_t n = 0;
  if (!snappy::GetUncompressedLength(in.data(), in.size(), &n) || n > kMaxDecompressed) {
    return codec_error("snappy", "bad length");
  }
  char* dst = out.grow(n);
  if (!snappy::RawUncompress(in.data(), in.size(), dst)) return codec_error("snappy", "bad data");
  return {};
}

constexpr unsigned char kXerialMagic[8] = {0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0};

Status uncompress_snappy(std::span<const char> in, ByteBuffer& out) {
  if (in.size() < 16 || std::memcmp(in.data(), kXerialMagic, 8) != 0) return uncompress_snappy_raw(in, out);
  std::size_t pos = 16;  // magic, version, compatible version
  while (pos < in.size()) {
    if (in.size() - pos < 4) return codec_error("snappy", "truncated xerial block");
    const auto len = load_be<std::int32_t>(in.data() + pos);
    pos += 4;
    if (len < 0 || static_cast<std::size_t>(len) > in.size() - pos) return codec_error("snappy", "bad xerial block");
    TRIB_RETURN_IF_ERROR(uncompress_snappy_raw(in.subspan(pos, static_cast<std::size_t>(len)), out));
    pos += static_cast<std::size_t>(len);
  }
  return {};
}

Status uncompress_lz4(std::span<const char> in, ByteBuffer& out) {
  LZ4F_dctx* ctx = nullptr;
  if (LZ4F_isError(LZ4F_createDecompressionContext(&ctx, LZ4F_VERSION))) return codec_error("lz4", "context");
  std::unique_ptr<LZ4F_dctx, decltype(&LZ4F_freeDecompressionContext)> guard(ctx, &LZ4F_freeDecompressionContext);
  const char* src = in.data();
  std::size_t left = in.size();
  const std::size_t start = out.size();
  while (left > 0) {
    const std::size_t chunk = 64 * 1024;
    char* dst = out.grow(chunk);
    std::size_t dst_size = chunk;
    std::size_t src_size = left;
    const std::size_t rc = LZ4F_decompress(ctx, dst, &dst_size, src, &src_size, nullptr);
    out.resize(out.size() - (chunk - dst_size));
    if (LZ4F_isError(rc)) return codec_error("lz4", LZ4F_getErrorName(rc));
    src += src_size;
    left -= src_size;
    if (rc == 0) return {};
    if (src_size == 0 && dst_size == 0) return codec_error("lz4", "truncated frame");
    if (out.size() - start > kMaxDecompressed) return codec_error("lz4", "output too large");
  }
  return codec_error("lz4", "truncated frame");
}

Status uncompress_zstd(std::span<const char> in, ByteBuffer& out) {
  ZSTD_DCtx* ctx = ZSTD_createDCtx();
  std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> guard(ctx, &ZSTD_freeDCtx);
  ZSTD_inBuffer src{in.data(), in.size(), 0};
  const std::size_t start = out.size();
  std::size_t rc = 1;
  while (src.pos < src.size || rc != 0) {
    const std::size_t chunk = ZSTD_DStreamOutSize();
    char* dst = out.grow(chunk);
    ZSTD_outBuffer o{dst, chunk, 0};
    rc = ZSTD_decompressStream(ctx, &o, &src);
    out.resize(out.size() - (chunk - o.pos));
    if (ZSTD_isError(rc)) return codec_error("zstd", ZSTD_getErrorName(rc));
    if (rc != 0 && src.pos == src.size && o.pos < chunk) return codec_error("zstd", "truncated frame");
    if (out.size() - start > kMaxDecompressed) return codec_error("zstd", "output too large");
  }
  return {};
}

}  // namespace

Status decompress(Compression codec, std::span<const char> in, ByteBuffer& out) {
  switch (codec) {
    case Compression::none: out.append(in.data(), in.size()); return {};
    case Compression::gzip: return inflate_gzip(in, out);
    case Compression::snappy: return uncompress_snappy(in, out);
    case Compression::lz4: return uncompress_lz4(in, out);
    case Compression::zstd: return uncompress_zstd(in, out);
  }
  return error(ErrorCode::corrupt, "unknown compression codec " + std::to_string(static_cast<int>(codec)));
}

Status compress(Compression codec, std::span<const char> in, ByteBuffer& out) {
  switch (codec) {
    case Compression::none: out.append(in.data(), in.size()); return {};
    case Compression::gzip: {
      z_stream zs{};
      if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        return error(ErrorCode::io_error, "gzip: deflateInit2 failed");
      }
      const uLong bound = deflateBound(&zs, static_cast<uLong>(in.size())) + 32;
      char* dst = out.grow(bound);
      zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
      zs.avail_in = static_cast<uInt>(in.size());
      zs.next_out = reinterpret_cast<Bytef*>(dst);
      zs.avail_out = static_cast<uInt>(bound);
      const int rc = deflate(&zs, Z_FINISH);
      out.resize(out.size() - zs.avail_out);
      deflateEnd(&zs);
      if (rc != Z_STREAM_END) return error(ErrorCode::io_error, "gzip: deflate failed");
      return {};
    }
    case Compression::snappy: {
      char* dst = out.grow(snappy::MaxCompressedLength(in.size()));
      std::size_t n = 0;
      snappy::RawCompress(in.data(), in.size(), dst, &n);
      out.resize(out.size() - snappy::MaxCompressedLength(in.size()) + n);
      return {};
    }
    case Compression::lz4: {
      const std::size_t bound = LZ4F_compressFrameBound(in.size(), nullptr);
      char* dst = out.grow(bound);
      const std::size_t n = LZ4F_compressFrame(dst, bound, in.data(), in.size(), nullptr);
      if (LZ4F_isError(n)) return error(ErrorCode::io_error, std::string("lz4: ") + LZ4F_getErrorName(n));
      out.resize(out.size() - bound + n);
      return {};
    }
    case Compression::zstd: {
      const std::size_t bound = ZSTD_compressBound(in.size());
      char* dst = out.grow(bound);
      const std::size_t n = ZSTD_compress(dst, bound, in.data(), in.size(), 3);
      if (ZSTD_isError(n)) return error(ErrorCode::io_error, std::string("zstd: ") + ZSTD_getErrorName(n));
      out.resize(out.size() - bound + n);
      return {};
    }
  }
  return error(ErrorCode::invalid_argument, "unknown compression codec");
}

Result<ByteBuffer> compress_batch(std::span<const char> batch, Compression codec) {
  TRIB_ASSIGN_OR_RETURN(BatchHeader h, parse_batch_header(batch));
  if (h.compression() != Compression::none) return error(ErrorCode::invalid_argument, "batch is already compressed");
  ByteBuffer out(batch.size());
  out.append(batch.data(), batch_layout::header_size);
  TRIB_RETURN_IF_ERROR(compress(codec, batch.subspan(batch_layout::header_size, h.total_size() - batch_layout::header_size), out));
  char* p = out.data();
  store_be<std::int32_t>(p + batch_layout::batch_length, static_cast<std::int32_t>(out.size() - batch_layout::log_overhead));
  store_be<std::int16_t>(p + batch_layout::attributes,
                         static_cast<std::int16_t>((h.attributes & ~0x7) | static_cast<int>(codec)));
  store_be<std::uint32_t>(p + batch_layout::crc, compute_batch_crc(out.span()));
  return out;
}

}  // namespace tributary::log
