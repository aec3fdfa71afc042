// Fetch: whole stored batches from the one holding the fetch offset, as they lie on disk.
// With too little data it long-polls up to max_wait_ms, re-reading every few milliseconds,
// so appends from any writer of the process (pipelines included) wake it.
#include <boost/asio/steady_timer.hpp>
#include <chrono>

#include "broker/messages/fetch.h"
#include "broker/request_handler.h"
#include "log/log_manager.h"

namespace tributary::broker {
namespace {

constexpr auto kPollInterval = std::chrono::milliseconds(5);

}  // namespace

struct FetchState {
  Request request;
  FetchRequest fetch;
  Respond respond;
  std::chrono::steady_clock::time_point deadline;
  boost::asio::steady_timer timer;
  explicit FetchState(boost::asio::any_io_executor executor) : timer(std::move(executor)) {}
};

void RequestHandler::fetch(const Request& r, boost::asio::any_io_executor executor,
                           Respond respond) {
  auto request = decode_body<FetchRequest>(r);
  if (!request) return respond(hang_up());
  auto state = std::make_shared<FetchState>(std::move(executor));
  state->request = r;
  state->fetch = std::move(*request);
  state->respond = std::move(respond);
  state->deadline = std::chrono::steady_clock::now() +
                    std::chrono::milliseconds(std::max(0, state->fetch.max_wait_ms));
  fetch_attempt(std::move(state));
}

// One attempt: answers when there is enough data, an error, or the wait is over; else re-arms.
void RequestHandler::fetch_attempt(std::shared_ptr<FetchState> state) {
  const FetchRequest& f = state->fetch;
  bool failed = false;
  FetchResponse response;
  auto buffers = std::make_shared<std::vector<ByteBuffer>>();
  std::size_t budget = static_cast<std::size_t>(std::max(0, f.max_bytes));
  std::size_t total = 0;
  for (const auto& t : f.topics) buffers->reserve(buffers->size() + t.partitions.size());
  for (const auto& t : f.topics) {
    FetchResponse::Topic out{t.topic, {}};
    ErrorCode topic_error;
    auto topic = find_topic(t.topic, false, topic_error);
    for (const auto& p : t.partitions) {
      FetchResponse::Partition part;
      part.partition = p.partition;
      part.aborted_transactions.emplace();
      part.records = std::span<const char>();
      if (!topic || p.partition < 0 || p.partition >= topic->partition_count()) {
        part.error_code = wire_code(topic ? ErrorCode::unknown_topic_or_partition : topic_error);
        part.high_watermark = -1;
        failed = true;
        out.partitions.push_back(std::move(part));
        continue;
      }
      const auto& log = topic->partition(p.partition);
      const std::int64_t start = log.start_offset();
      const std::int64_t end = log.end_offset();
      part.high_watermark = end;
      part.last_stable_offset = end;
      part.log_start_offset = start;
      if (p.fetch_offset < start || p.fetch_offset > end) {
        part.error_code = wire_code(ErrorCode::offset_out_of_range);
        failed = true;
      } else if (p.fetch_offset < end && (budget > 0 || total == 0)) {
        // KIP-74: the first batch is returned even when it is larger than the limits.
        const std::size_t limit = std::max<std::size_t>(
            1, std::min<std::size_t>(budget,
                                     static_cast<std::size_t>(std::max(0, p.partition_max_bytes))));
        buffers->emplace_back();
        auto read = log.read(p.fetch_offset, limit, buffers->back());
        if (!read.ok()) {
          failed = true;
          part.error_code = wire_code(read.status().code() == tributary::ErrorCode::out_of_range
                                          ? ErrorCode::offset_out_of_range
                                          : ErrorCode::unknown_server_error);
        } else {
          part.records = buffers->back().span();
          total += read->bytes;
          budget = read->bytes >= budget ? 0 : budget - read->bytes;
        }
      }
      out.partitions.push_back(std::move(part));
    }
    response.topics.push_back(std::move(out));
  }
  const bool enough = total >= static_cast<std::size_t>(std::max(0, f.min_bytes)) &&
                      (total > 0 || f.min_bytes <= 0);
  if (enough || failed || std::chrono::steady_clock::now() + kPollInterval >= state->deadline) {
    metrics_.fetched_bytes.fetch_add(total, std::memory_order_relaxed);
    // The stored batches go out from the buffers they were read into: no copy.
    state->respond(reply_spliced(state->request, response, buffers));
    return;
  }
  state->timer.expires_after(kPollInterval);
  state->timer.async_wait([this, state](const boost::system::error_code& ec) {
    if (ec) return;  // the broker is stopping: the request is dropped with its connection
    fetch_attempt(state);
  });
}

}  // namespace tributary::broker
