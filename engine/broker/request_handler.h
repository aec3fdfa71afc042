// Turns one decoded request into its response. Produce, Fetch, ListOffsets, Metadata,
// FindCoordinator, InitProducerId and ApiVersions are answered here; the group APIs go to the
// GroupCoordinator. Runs on the connection's strand; a response may come later (Fetch
// long-polls, JoinGroup and SyncGroup wait for the other members).
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <functional>
#include <memory>
#include <optional>

#include "broker/api_keys.h"
#include "broker/broker.h"
#include "broker/broker_metrics.h"
#include "broker/group_coordinator.h"
#include "broker/message_codec.h"
#include "broker/messages/request_header.h"
#include "broker/producer_state.h"
#include "broker/protocol_reader.h"
#include "core/byte_buffer.h"

namespace tributary::log {
class LogManager;
class Topic;
}  // namespace tributary::log

namespace tributary::broker {

struct Request {
  RequestHeader header;
  const ApiSupport* api = nullptr;
  bool flexible = false;
  std::shared_ptr<ByteBuffer> frame;  // owns the bytes `body` points into
  Bytes body;
  std::string client_host;
};

// The response body (the connection adds size and header), or none: acks=0 produces get no
// response at all. An empty ByteBuffer with `close` set asks the connection to hang up.
struct Reply {
  std::optional<ByteBuffer> body;
  bool close = false;
  // Large byte fields sent from where they lie (see ProtocolWriter::splice_into), and what
  // owns the memory they point into until the response is written.
  std::vector<Splice> splices;
  std::shared_ptr<void> keep;
};
using Respond = std::function<void(Reply)>;

inline Reply hang_up() {
  Reply r;
  r.close = true;
  return r;
}
inline Reply no_response() {
  return Reply{};
}
inline Reply with_body(ByteBuffer body) {
  Reply r;
  r.body.emplace(std::move(body));
  return r;
}

// Why a frame could not become a Request; each closes the connection.
enum class FrameProblem {
  none,
  truncated_header,
  unknown_api,
  unsupported_version,
  malformed_header
};
const char* frame_problem_text(FrameProblem problem);

// Reads the request header of a frame (without its size prefix). An ApiVersions request of a
// version the broker does not know is accepted (it is answered as v0, KIP-511).
FrameProblem parse_request(std::shared_ptr<ByteBuffer> frame, Request& out);

struct FetchState;

class RequestHandler {
 public:
  RequestHandler(log::LogManager& logs, const BrokerOptions& options, BrokerMetrics& metrics,
                 GroupCoordinator& groups);

  // Sets where clients are told to connect, once the listener knows its port.
  void set_advertised(std::string host, std::int32_t port);
  void handle(Request request, boost::asio::any_io_executor executor, Respond respond);

 private:
  Reply api_versions(const Request& r);
  Reply metadata(const Request& r);
  Reply produce(Request& r);
  void fetch(const Request& r, boost::asio::any_io_executor executor, Respond respond);
  void fetch_attempt(std::shared_ptr<FetchState> state);
  Reply list_offsets(const Request& r);
  Reply find_coordinator(const Request& r);
  Reply init_producer_id(const Request& r);
  void join_group(const Request& r, Respond respond);
  void sync_group(const Request& r, Respond respond);
  Reply heartbeat(const Request& r);
  Reply leave_group(const Request& r);
  Reply offset_commit(const Request& r);
  Reply offset_fetch(const Request& r);

  // The topic, created with the default partition count when `create` and allowed.
  std::shared_ptr<log::Topic> find_topic(const std::string& name, bool create, ErrorCode& error);

  log::LogManager& logs_;
  BrokerOptions options_;
  BrokerMetrics& metrics_;
  GroupCoordinator& groups_;
  ProducerState producers_;
  std::string advertised_host_;
  std::int32_t advertised_port_ = 0;
};

// Encodes a response body of `request`'s version.
template <class Message>
Reply reply_with(const Request& request, const Message& m) {
  ByteBuffer out;
  encode(m, request.header.api_version, request.flexible, out);
  return with_body(std::move(out));
}

// The same, with large byte fields spliced rather than copied; `keep` owns their memory.
template <class Message>
Reply reply_spliced(const Request& request, const Message& m, std::shared_ptr<void> keep) {
  Reply reply;
  reply.body.emplace();
  ProtocolWriter w(*reply.body, request.flexible);
  w.splice_into(&reply.splices);
  const_cast<Message&>(m).serde(w, request.header.api_version);
  reply.keep = std::move(keep);
  return reply;
}

// Decodes the body of `request`; null when it is malformed.
template <class Message>
std::optional<Message> decode_body(const Request& request) {
  return decode<Message>(request.body, request.header.api_version, request.flexible);
}

}  // namespace tributary::broker
