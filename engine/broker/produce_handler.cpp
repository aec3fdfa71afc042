// Produce: the client's RecordBatch is checked and stored byte for byte; only its base offset
// (outside the CRC) is rewritten. Compressed batches stay compressed.
#include <chrono>

#include "broker/messages/produce.h"
#include "broker/request_handler.h"
#include "log/log_manager.h"
#include "log/record_batch.h"

namespace tributary::broker {
namespace {

std::int32_t last_sequence_of(const log::BatchHeader& h) {
  // Sequences wrap at INT32_MAX back to 0.
  const std::int64_t last = static_cast<std::int64_t>(h.base_sequence) + h.last_offset_delta;
  return static_cast<std::int32_t>(last > INT32_MAX ? last - INT32_MAX - 1 : last);
}

ErrorCode check_batch(std::span<const char> bytes, std::int16_t version, std::size_t max_bytes,
                      log::BatchHeader& header) {
  if (bytes.size() < log::batch_layout::header_size) return ErrorCode::corrupt_message;
  if (bytes.size() > max_bytes) return ErrorCode::message_too_large;
  if (bytes[log::batch_layout::magic] != log::kMagicV2)
    return ErrorCode::unsupported_for_message_format;
  auto parsed = log::parse_batch_header(bytes);
  if (!parsed.ok()) return ErrorCode::corrupt_message;
  header = *parsed;
  // Produce v3+ carries exactly one batch per partition.
  if (header.total_size() != bytes.size()) return ErrorCode::corrupt_message;
  if (header.record_count <= 0 || header.last_offset_delta != header.record_count - 1)
    return ErrorCode::invalid_record;
  if (header.is_control()) return ErrorCode::invalid_record;
  if (header.is_transactional()) return ErrorCode::invalid_record;
  if (header.producer_id >= 0 && header.base_sequence < 0) return ErrorCode::invalid_record;
  const auto codec = header.compression();
  if (static_cast<int>(codec) > 4) return ErrorCode::unsupported_compression_type;
  if (codec == log::Compression::zstd && version < 7)
    return ErrorCode::unsupported_compression_type;
  // The CRC is checked once, by PartitionLog::append.
  return ErrorCode::none;
}

}  // namespace

Reply RequestHandler::produce(Request& r) {
  auto request = decode_body<ProduceRequest>(r);
  if (!request) return hang_up();
  const std::int16_t version = r.header.api_version;
  ProduceResponse response;
  for (auto& t : request->topics) {
    ProduceResponse::Topic out{t.name, {}};
    ErrorCode topic_error;
    auto topic = find_topic(t.name, true, topic_error);
    for (auto& p : t.partitions) {
      ProduceResponse::Partition part;
      part.index = p.index;
      ErrorCode error = ErrorCode::none;
      if (version < 3) {
        error = ErrorCode::unsupported_for_message_format;  // only RecordBatch v2 is stored
      } else if (request->acks != 0 && request->acks != 1 && request->acks != -1) {
        error = ErrorCode::invalid_required_acks;
      } else if (request->transactional_id) {
        error = ErrorCode::invalid_request;  // transactions are not served
      } else if (!topic) {
        error = topic_error;
      } else if (p.index < 0 || p.index >= topic->partition_count()) {
        error = ErrorCode::unknown_topic_or_partition;
      } else if (!p.records || p.records->empty()) {
        error = ErrorCode::invalid_record;
      }
      log::BatchHeader header;
      if (error == ErrorCode::none)
        error = check_batch(*p.records, version, options_.max_message_bytes, header);
      if (error == ErrorCode::none) {
        auto& log = topic->partition(p.index);
        // The request buffer is ours: the base offset is rewritten in place, then stored.
        std::span<char> batch(const_cast<char*>(p.records->data()), p.records->size());
        const bool idempotent = header.producer_id >= 0;
        std::unique_lock<std::mutex> sequence_lock;
        SequenceCheck seq;
        if (idempotent) {
          sequence_lock = std::unique_lock(producers_.lock_for(t.name, p.index));
          seq = producers_.check(t.name, p.index, header.producer_id, header.producer_epoch,
                                 header.base_sequence, last_sequence_of(header));
        }
        if (seq.error != ErrorCode::none) {
          error = seq.error;
        } else if (seq.duplicate) {
          part.base_offset =
              seq.duplicate_offset;  // a retry: the original offsets, nothing appended
        } else {
          auto appended = log.append(batch);
          if (!appended.ok()) {
            error = appended.status().code() == tributary::ErrorCode::corrupt
                        ? ErrorCode::corrupt_message
                        : ErrorCode::unknown_server_error;
          } else {
            part.base_offset = appended->base_offset;
            if (idempotent) {
              producers_.record(t.name, p.index, header.producer_id, header.producer_epoch,
                                header.base_sequence, last_sequence_of(header),
                                appended->base_offset);
            }
            metrics_.produced_batches.fetch_add(1, std::memory_order_relaxed);
            metrics_.produced_records.fetch_add(static_cast<std::uint64_t>(header.record_count),
                                                std::memory_order_relaxed);
          }
        }
        part.log_start_offset = log.start_offset();
      }
      part.error_code = wire_code(error);
      out.partitions.push_back(part);
    }
    response.topics.push_back(std::move(out));
  }
  if (request->acks == 0) return no_response();
  return reply_with(r, response);
}

}  // namespace tributary::broker
