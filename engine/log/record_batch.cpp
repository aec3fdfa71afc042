#include "log/record_batch.h"

#include <string>

#include "log/byte_order.h"
#include "log/compression.h"
#include "log/crc32c.h"
#include "log/varint.h"

namespace tributary::log {
namespace L = batch_layout;

const char* compression_name(Compression c) {
  switch (c) {
    case Compression::none: return "none";
    case Compression::gzip: return "gzip";
    case Compression::snappy: return "snappy";
    case Compression::lz4: return "lz4";
    case Compression::zstd: return "zstd";
  }
  return "unknown";
}

Result<BatchHeader> parse_batch_header(std::span<const char> b) {
  if (b.size() < L::header_size) {
    return error(ErrorCode::corrupt, "batch header truncated: " + std::to_string(b.size()) + " of 61 bytes");
  }
  BatchHeader h;
  const char* p = b.data();
  h.base_offset = load_be<std::int64_t>(p + L::base_offset);
  h.batch_length = load_be<std::int32_t>(p + L::batch_length);
  h.partition_leader_epoch = load_be<std::int32_t>(p + L::partition_leader_epoch);
  h.magic = static_cast<std::int8_t>(p[L::magic]);
  h.crc = load_be<std::uint32_t>(p + L::crc);
  h.attributes = load_be<std::int16_t>(p + L::attributes);
  h.last_offset_delta = load_be<std::int32_t>(p + L::last_offset_delta);
  h.base_timestamp = load_be<std::int64_t>(p + L::base_timestamp);
  h.max_timestamp = load_be<std::int64_t>(p + L::max_timestamp);
  h.producer_id = load_be<std::int64_t>(p + L::producer_id);
  h.producer_epoch = load_be<std::int16_t>(p + L::producer_epoch);
  h.base_sequence = load_be<std::int32_t>(p + L::base_sequence);
  h.record_count = load_be<std::int32_t>(p + L::record_count);
  if (h.magic != kMagicV2) {
    return error(ErrorCode::corrupt, "unsupported batch magic " + std::to_string(h.magic) + " (expected 2)");
  }
  if (h.batch_length < static_cast<std::int32_t>(L::header_size - L::log_overhead) || h.batch_length > kMaxBatchBytes) {
    return error(ErrorCode::corrupt, "implausible batch length " + std::to_string(h.batch_length));
  }
  if (h.record_count < 0 || h.last_offset_delta < 0) {
    return error(ErrorCode::corrupt, "negative record count or offset delta");
  }
  return h;
}

std::size_t peek_batch_size(std::span<const char> b) {
  if (b.size() < L::log_overhead) return 0;
  const auto len = load_be<std::int32_t>(b.data() + L::batch_length);
  if (len < 0) return 0;
  return L::log_overhead + static_cast<std::size_t>(len);
}

std::uint32_t compute_batch_crc(std::span<const char> batch) {
  return crc32c(batch.data() + L::attributes, batch.size() - L::attributes);
}

Status verify_batch(std::span<const char> batch) {
  auto h = parse_batch_header(batch);
  if (!h.ok()) return h.status();
  if (h->total_size() != batch.size()) {
    return error(ErrorCode::corrupt, "batch is " + std::to_string(batch.size()) + " bytes but its length field says " +
                                         std::to_string(h->total_size()));
  }
  const std::uint32_t actual = compute_batch_crc(batch);
  if (actual != h->crc) {
    char msg[96];
    std::snprintf(msg, sizeof msg, "CRC-32C mismatch: stored %08x, computed %08x", h->crc, actual);
    return error(ErrorCode::corrupt, msg);
  }
  return {};
}

void set_base_offset(char* batch, std::int64_t base_offset) { store_be(batch + L::base_offset, base_offset); }

// ---------------------------------------------------------------------------------------------
RecordBatchBuilder::RecordBatchBuilder() { reset(); }

void RecordBatchBuilder::set_producer(std::int64_t producer_id, std::int16_t producer_epoch,
                                      std::int32_t base_sequence) {
  producer_id_ = producer_id;
  producer_epoch_ = producer_epoch;
  base_sequence_ = base_sequence;
}

void RecordBatchBuilder::reset() {
  buffer_.clear();
  buffer_.grow(L::header_size);
  count_ = 0;
  base_timestamp_ = 0;
  max_timestamp_ = -1;
}

namespace {
inline std::size_t bytes_field_size(const Bytes& b) {
  return b ? varlong_size(static_cast<std::int64_t>(b->size())) + b->size() : 1;
}
inline char* write_bytes_field(char* p, const Bytes& b) {
  if (!b) return write_varlong(p, -1);
  p = write_varlong(p, static_cast<std::int64_t>(b->size()));
  if (!b->empty()) std::memcpy(p, b->data(), b->size());
  return p + b->size();
}
}  // namespace

void RecordBatchBuilder::add(const Record& r) {
  if (count_ == 0) base_timestamp_ = r.timestamp;
  if (r.timestamp > max_timestamp_) max_timestamp_ = r.timestamp;
  const std::int64_t ts_delta = r.timestamp - base_timestamp_;
  std::size_t body = 1 + varlong_size(ts_delta) + varlong_size(count_) + bytes_field_size(r.key) +
                     bytes_field_size(r.value) + varlong_size(static_cast<std::int64_t>(r.headers.size()));
  for (const auto& h : r.headers) {
    body += varlong_size(static_cast<std::int64_t>(h.key.size())) + h.key.size() + bytes_field_size(h.value);
  }
  char* p = buffer_.grow(varlong_size(static_cast<std::int64_t>(body)) + body);
  p = write_varlong(p, static_cast<std::int64_t>(body));
  *p++ = 0;  // record attributes: unused by Kafka
  p = write_varlong(p, ts_delta);
  p = write_varlong(p, count_);
  p = write_bytes_field(p, r.key);
  p = write_bytes_field(p, r.value);
  p = write_varlong(p, static_cast<std::int64_t>(r.headers.size()));
  for (const auto& h : r.headers) {
    p = write_bytes_field(p, Bytes{h.key});
    p = write_bytes_field(p, h.value);
  }
  ++count_;
}

std::span<char> RecordBatchBuilder::finish(std::int64_t base_offset) {
  char* p = buffer_.data();
  store_be<std::int64_t>(p + L::base_offset, base_offset);
  store_be<std::int32_t>(p + L::batch_length, static_cast<std::int32_t>(buffer_.size() - L::log_overhead));
  store_be<std::int32_t>(p + L::partition_leader_epoch, 0);
  p[L::magic] = kMagicV2;
  store_be<std::int16_t>(p + L::attributes, 0);
  store_be<std::int32_t>(p + L::last_offset_delta, count_ > 0 ? count_ - 1 : 0);
  store_be<std::int64_t>(p + L::base_timestamp, base_timestamp_);
  store_be<std::int64_t>(p + L::max_timestamp, count_ > 0 ? max_timestamp_ : base_timestamp_);
  store_be<std::int64_t>(p + L::producer_id, producer_id_);
  store_be<std::int16_t>(p + L::producer_epoch, producer_epoch_);
  store_be<std::int32_t>(p + L::base_sequence, base_sequence_);
  store_be<std::int32_t>(p + L::record_count, count_);
  store_be<std::uint32_t>(p + L::crc, compute_batch_crc(buffer_.span()));
  return {buffer_.data(), buffer_.size()};
}

ByteBuffer RecordBatchBuilder::take() {
  ByteBuffer out = std::move(buffer_);
  buffer_ = ByteBuffer();
  reset();
  return out;
}

// ---------------------------------------------------------------------------------------------
Result<RecordBatchReader> RecordBatchReader::open(std::span<const char> batch, bool verify_crc) {
  RecordBatchReader r;
  TRIB_ASSIGN_OR_RETURN(r.header_, parse_batch_header(batch));
  if (r.header_.total_size() > batch.size()) {
    return error(ErrorCode::corrupt, "batch truncated: " + std::to_string(batch.size()) + " of " +
                                         std::to_string(r.header_.total_size()) + " bytes");
  }
  batch = batch.first(r.header_.total_size());
  if (verify_crc) TRIB_RETURN_IF_ERROR(verify_batch(batch));
  auto body = batch.subspan(L::header_size);
  if (r.header_.compression() != Compression::none) {
    TRIB_RETURN_IF_ERROR(decompress(r.header_.compression(), body, r.decompressed_));
    body = r.decompressed_.span();
  }
  r.p_ = body.data();
  r.end_ = body.data() + body.size();
  r.remaining_ = r.header_.record_count;
  return r;
}

bool RecordBatchReader::next(RecordView& out) {
  if (remaining_ <= 0 || !status_.ok()) return false;
  auto fail = [&](const char* what) {
    status_ = error(ErrorCode::corrupt, std::string("malformed record at offset delta ") +
                                            std::to_string(header_.record_count - remaining_) + ": " + what);
    return false;
  };
  std::int32_t length;
  const char* p = read_varint(p_, end_, length);
  if (p == nullptr || length < 0 || length > end_ - p) return fail("bad length");
  const char* rec_end = p + length;
  if (p >= rec_end) return fail("empty record");
  ++p;  // attributes
  std::int64_t ts_delta;
  std::int32_t offset_delta;
  if ((p = read_varlong(p, rec_end, ts_delta)) == nullptr) return fail("bad timestamp delta");
  if ((p = read_varint(p, rec_end, offset_delta)) == nullptr) return fail("bad offset delta");
  auto read_bytes = [&](Bytes& field) -> bool {
    std::int32_t n;
    if ((p = read_varint(p, rec_end, n)) == nullptr) return false;
    if (n < 0) {
      field.reset();
      return true;
    }
    if (n > rec_end - p) return false;
    field = std::string_view(p, static_cast<std::size_t>(n));
    p += n;
    return true;
  };
  if (!read_bytes(out.key)) return fail("bad key");
  if (!read_bytes(out.value)) return fail("bad value");
  if ((p = read_varint(p, rec_end, out.header_count)) == nullptr || out.header_count < 0) return fail("bad header count");
  out.header_bytes = std::string_view(p, static_cast<std::size_t>(rec_end - p));
  out.offset = header_.base_offset + offset_delta;
  // Kafka: with LogAppendTime (attribute bit 3) every record carries the batch's max timestamp.
  out.timestamp = (header_.attributes & 0x08) ? header_.max_timestamp : header_.base_timestamp + ts_delta;
  p_ = rec_end;
  --remaining_;
  return true;
}

Status read_headers(const RecordView& record, std::vector<RecordHeader>& out) {
  out.clear();
  const char* p = record.header_bytes.data();
  const char* end = p + record.header_bytes.size();
  for (std::int32_t i = 0; i < record.header_count; ++i) {
    std::int32_t klen;
    if ((p = read_varint(p, end, klen)) == nullptr || klen < 0 || klen > end - p) {
      return error(ErrorCode::corrupt, "bad header key at offset " + std::to_string(record.offset));
    }
    RecordHeader h{std::string_view(p, static_cast<std::size_t>(klen)), std::nullopt};
    p += klen;
    std::int32_t vlen;
    if ((p = read_varint(p, end, vlen)) == nullptr || vlen > end - p) {
      return error(ErrorCode::corrupt, "bad header value at offset " + std::to_string(record.offset));
    }
    if (vlen >= 0) {
      h.value = std::string_view(p, static_cast<std::size_t>(vlen));
      p += vlen;
    }
    out.push_back(h);
  }
  return {};
}

std::size_t for_each_batch(std::span<const char> bytes,
                           const std::function<bool(const BatchHeader&, std::span<const char>)>& fn) {
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    auto rest = bytes.subspan(pos);
    const std::size_t size = peek_batch_size(rest);
    if (size == 0 || size > rest.size() || rest.size() < L::header_size) break;
    auto h = parse_batch_header(rest);
    if (!h.ok()) break;
    if (!fn(*h, rest.first(size))) return pos;
    pos += size;
  }
  return pos;
}

}  // namespace tributary::log
