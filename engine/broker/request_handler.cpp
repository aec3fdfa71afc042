#include "broker/request_handler.h"

#include "broker/messages/api_versions.h"
#include "broker/messages/find_coordinator.h"
#include "broker/messages/init_producer_id.h"
#include "broker/messages/list_offsets.h"
#include "broker/messages/metadata.h"
#include "log/log_manager.h"

namespace tributary::broker {

const char* frame_problem_text(FrameProblem problem) {
  switch (problem) {
    case FrameProblem::none:
      return "no problem";
    case FrameProblem::truncated_header:
      return "truncated request header";
    case FrameProblem::unknown_api:
      return "unknown API key";
    case FrameProblem::unsupported_version:
      return "unsupported API version";
    case FrameProblem::malformed_header:
      return "malformed request header";
  }
  return "?";
}

FrameProblem parse_request(std::shared_ptr<ByteBuffer> frame, Request& out) {
  const Bytes bytes = frame->span();
  if (bytes.size() < 4) return FrameProblem::truncated_header;
  const auto key = log::load_be<std::int16_t>(bytes.data());
  const auto version = log::load_be<std::int16_t>(bytes.data() + 2);
  const ApiSupport* api = find_api(key);
  if (api == nullptr) return FrameProblem::unknown_api;
  const bool known_version = version >= api->min_version && version <= api->max_version;
  if (!known_version && api->key != ApiKey::api_versions) return FrameProblem::unsupported_version;
  const bool flexible = known_version && is_flexible(*api, version);
  ProtocolReader reader(bytes, flexible);
  out.header = RequestHeader{};
  out.header.serde(reader, flexible);
  if (!reader.ok()) return FrameProblem::malformed_header;
  out.api = api;
  out.flexible = flexible;
  out.body = bytes.subspan(static_cast<std::size_t>(reader.position() - bytes.data()));
  out.frame = std::move(frame);
  return FrameProblem::none;
}

RequestHandler::RequestHandler(log::LogManager& logs, const BrokerOptions& options,
                               BrokerMetrics& metrics, GroupCoordinator& groups)
    : logs_(logs), options_(options), metrics_(metrics), groups_(groups) {}

void RequestHandler::set_advertised(std::string host, std::int32_t port) {
  advertised_host_ = std::move(host);
  advertised_port_ = port;
}

void RequestHandler::handle(Request request, boost::asio::any_io_executor executor,
                            Respond respond) {
  metrics_.by_api[static_cast<std::size_t>(request.header.api_key) % 64].fetch_add(
      1, std::memory_order_relaxed);
  switch (request.api->key) {
    case ApiKey::api_versions:
      return respond(api_versions(request));
    case ApiKey::metadata:
      return respond(metadata(request));
    case ApiKey::produce:
      return respond(produce(request));
    case ApiKey::fetch:
      return fetch(request, std::move(executor), std::move(respond));
    case ApiKey::list_offsets:
      return respond(list_offsets(request));
    case ApiKey::find_coordinator:
      return respond(find_coordinator(request));
    case ApiKey::init_producer_id:
      return respond(init_producer_id(request));
    case ApiKey::join_group:
      return join_group(request, std::move(respond));
    case ApiKey::sync_group:
      return sync_group(request, std::move(respond));
    case ApiKey::heartbeat:
      return respond(heartbeat(request));
    case ApiKey::leave_group:
      return respond(leave_group(request));
    case ApiKey::offset_commit:
      return respond(offset_commit(request));
    case ApiKey::offset_fetch:
      return respond(offset_fetch(request));
  }
  respond(hang_up());
}

Reply RequestHandler::api_versions(const Request& r) {
  ApiVersionsResponse response;
  if (r.header.api_version > r.api->max_version) {
    // Kafka answers a version it does not know as v0 with UNSUPPORTED_VERSION and its own
    // range, so the client can retry with one it does (KIP-511).
    response.error_code = wire_code(ErrorCode::unsupported_version);
    response.api_keys.push_back(
        {static_cast<std::int16_t>(ApiKey::api_versions), r.api->min_version, r.api->max_version});
    ByteBuffer out;
    encode(response, 0, false, out);
    return with_body(std::move(out));
  }
  if (!decode_body<ApiVersionsRequest>(r)) return hang_up();
  for (const auto& api : supported_apis()) {
    response.api_keys.push_back(
        {static_cast<std::int16_t>(api.key), api.min_version, api.max_version});
  }
  return reply_with(r, response);
}

std::shared_ptr<log::Topic> RequestHandler::find_topic(const std::string& name, bool create,
                                                       ErrorCode& error) {
  error = ErrorCode::none;
  auto topic = logs_.topic(name);
  if (topic.ok()) return *topic;
  if (topic.status().code() != tributary::ErrorCode::not_found) {
    error = log::validate_topic_name(name).ok() ? ErrorCode::unknown_server_error
                                                : ErrorCode::invalid_topic_exception;
    return nullptr;
  }
  if (!create || !options_.auto_create_topics) {
    error = ErrorCode::unknown_topic_or_partition;
    return nullptr;
  }
  log::TopicConfig config;
  config.partitions = options_.default_partitions;
  auto created = logs_.create_topic(name, config);
  if (created.ok()) return *created;
  // Another connection may have created it in between.
  topic = logs_.topic(name);
  if (topic.ok()) return *topic;
  error = ErrorCode::unknown_server_error;
  return nullptr;
}

Reply RequestHandler::metadata(const Request& r) {
  auto request = decode_body<MetadataRequest>(r);
  if (!request) return hang_up();
  MetadataResponse response;
  response.brokers.push_back({0, advertised_host_, advertised_port_, std::nullopt});
  response.cluster_id = "tributary";
  response.controller_id = 0;
  std::vector<std::string> names;
  if (request->topics) {
    names = *request->topics;
  } else if (auto all = logs_.list_topics(); all.ok()) {
    names = *all;
  }
  const bool create = r.header.api_version < 4 || request->allow_auto_topic_creation;
  for (const auto& name : names) {
    MetadataResponse::Topic t;
    t.name = name;
    ErrorCode error;
    auto topic = find_topic(name, create && request->topics.has_value(), error);
    t.error_code = wire_code(error);
    if (topic) {
      for (int p = 0; p < topic->partition_count(); ++p) {
        t.partitions.push_back({0, p, 0, {0}, {0}});
      }
    }
    response.topics.push_back(std::move(t));
  }
  return reply_with(r, response);
}

Reply RequestHandler::list_offsets(const Request& r) {
  auto request = decode_body<ListOffsetsRequest>(r);
  if (!request) return hang_up();
  ListOffsetsResponse response;
  for (const auto& t : request->topics) {
    ListOffsetsResponse::Topic out{t.name, {}};
    ErrorCode error;
    auto topic = find_topic(t.name, false, error);
    for (const auto& p : t.partitions) {
      ListOffsetsResponse::Partition part{p.partition_index, 0, -1, -1};
      if (!topic || p.partition_index < 0 || p.partition_index >= topic->partition_count()) {
        part.error_code = wire_code(topic ? ErrorCode::unknown_topic_or_partition : error);
      } else {
        const auto& log = topic->partition(p.partition_index);
        if (p.timestamp == kLatestTimestamp) {
          part.offset = log.end_offset();
        } else if (p.timestamp == kEarliestTimestamp) {
          part.offset = log.start_offset();
        } else if (auto found = log.offset_for_timestamp(p.timestamp); found.ok()) {
          // No record that late: Kafka answers offset -1 and timestamp -1.
          if (*found) {
            part.offset = **found;
            part.timestamp = p.timestamp;
          }
        } else {
          part.error_code = wire_code(ErrorCode::unknown_server_error);
        }
      }
      out.partitions.push_back(part);
    }
    response.topics.push_back(std::move(out));
  }
  return reply_with(r, response);
}

Reply RequestHandler::find_coordinator(const Request& r) {
  auto request = decode_body<FindCoordinatorRequest>(r);
  if (!request) return hang_up();
  FindCoordinatorResponse response;
  if (request->key_type != 0) {
    // Transactions are not served: no coordinator for them.
    response.error_code = wire_code(ErrorCode::coordinator_not_available);
    response.error_message = "transactions are not supported by this broker";
    response.node_id = -1;
    response.port = -1;
    return reply_with(r, response);
  }
  response.node_id = 0;
  response.host = advertised_host_;
  response.port = advertised_port_;
  return reply_with(r, response);
}

Reply RequestHandler::init_producer_id(const Request& r) {
  auto request = decode_body<InitProducerIdRequest>(r);
  if (!request) return hang_up();
  InitProducerIdResponse response;
  if (request->transactional_id) {
    response.error_code = wire_code(ErrorCode::invalid_request);  // transactions are not served
    return reply_with(r, response);
  }
  response.producer_id = producers_.next_producer_id();
  response.producer_epoch = 0;
  return reply_with(r, response);
}

}  // namespace tributary::broker
