#include "stream/kafka_sink.h"

#include <librdkafka/rdkafka.h>

#include <chrono>

#include "io/csv_encoder.h"
#include "io/json_encoder.h"
#include "io/kafka_client.h"

namespace tributary::stream {
namespace {

rd_kafka_topic_t* topic_of(void* t) {
  return static_cast<rd_kafka_topic_t*>(t);
}

}  // namespace

Result<std::unique_ptr<KafkaSink>> KafkaSink::open(const KafkaSinkSpec& spec) {
  if (spec.topic.empty()) return error(ErrorCode::invalid_argument, "topic: no topic named");
  if (spec.timeout_ms <= 0)
    return error(ErrorCode::invalid_argument, "timeout_ms: must be positive");
  if (spec.idempotent && spec.acks != "all")
    return error(ErrorCode::invalid_argument, "idempotent: needs acks \"all\"");
  std::unique_ptr<KafkaSink> s(new KafkaSink());
  s->spec_ = spec;
  io::KafkaClientSpec c;
  c.bootstrap = spec.bootstrap;
  c.timeout_ms = spec.timeout_ms;
  c.settings = {{"acks", spec.acks == "all" ? "-1" : spec.acks},
                {"compression.codec", spec.compression},
                {"enable.idempotence", spec.idempotent ? "true" : "false"},
                // A record not acknowledged in time fails its delivery (and the run) instead
                // of waiting for the broker forever.
                {"message.timeout.ms", std::to_string(spec.timeout_ms)},
                {"linger.ms", "5"}};
  TRIB_ASSIGN_OR_RETURN(s->client_, io::KafkaClient::open(c));
  TRIB_RETURN_IF_ERROR(s->client_->partitions(spec.topic).status());
  s->topic_ = rd_kafka_topic_new(s->client_->handle(), spec.topic.c_str(), nullptr);
  if (!s->topic_) {
    return error(ErrorCode::invalid_argument,
                 "topic: '" + spec.topic + "': " + rd_kafka_err2str(rd_kafka_last_error()));
  }
  return s;
}

KafkaSink::~KafkaSink() {
  if (!client_) return;
  // Whatever is still queued had no checkpoint after it: the next run sends it again.
  rd_kafka_purge(client_->handle(), RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
  rd_kafka_poll(client_->handle(), 0);
  if (topic_) rd_kafka_topic_destroy(topic_of(topic_));
}

Status KafkaSink::delivery_status() {
  io::KafkaEvents& e = client_->events();
  std::lock_guard lock(e.mutex);
  if (e.fatal)
    return error(ErrorCode::io_error, "bootstrap: " + spec_.bootstrap + ": " + e.last_error);
  if (e.failed_deliveries == 0) return {};
  std::string m = std::to_string(e.failed_deliveries) + " record" +
                  (e.failed_deliveries == 1 ? "" : "s") + " not delivered to " + spec_.topic +
                  " at " + spec_.bootstrap + ": " + e.delivery_error;
  if (!e.last_error.empty() && e.last_error != e.delivery_error) m += " (" + e.last_error + ")";
  return error(ErrorCode::io_error, "bootstrap: " + m);
}

Status KafkaSink::write(int, const Batch& rows) {
  TRIB_RETURN_IF_ERROR(delivery_status());
  std::optional<std::size_t> key_column;
  if (!spec_.key.empty()) {
    key_column = rows.schema().index_of(spec_.key);
    if (!key_column) return error(ErrorCode::invalid_argument, "key: unknown field '" + spec_.key + "'");
  }
  io::JsonEncoder json(rows.schema());
  io::CsvEncoder csv;
  std::string value, key;
  rd_kafka_t* rk = client_->handle();
  for (std::size_t r = 0; r < rows.num_rows(); ++r) {
    value.clear();
    if (spec_.format == KafkaSinkSpec::Format::csv) csv.append_row(rows, r, value);
    else json.append_row(rows, r, value);
    const bool keyed = key_column && !rows.column(*key_column).is_null(r);
    if (keyed) key = rows.column(*key_column).to_string(r);
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(spec_.timeout_ms);
    for (;;) {
      if (rd_kafka_produce(topic_of(topic_), RD_KAFKA_PARTITION_UA, RD_KAFKA_MSG_F_COPY,
                           value.data(), value.size(), keyed ? key.data() : nullptr,
                           keyed ? key.size() : 0, nullptr) == 0)
        break;
      const rd_kafka_resp_err_t err = rd_kafka_last_error();
      if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
        return error(ErrorCode::io_error, "bootstrap: cannot produce to " + spec_.topic + " at " +
                                              spec_.bootstrap + ": " + client_->describe(err));
      }
      // The producer's queue is full: wait for deliveries, for at most the timeout.
      if (std::chrono::steady_clock::now() >= deadline)
        return error(ErrorCode::io_error, "bootstrap: " + client_->unreachable());
      rd_kafka_poll(rk, 50);
      TRIB_RETURN_IF_ERROR(delivery_status());
    }
  }
  rd_kafka_poll(rk, 0);  // delivery reports of earlier records
  return delivery_status();
}

Status KafkaSink::flush() {
  const rd_kafka_resp_err_t err = rd_kafka_flush(client_->handle(), spec_.timeout_ms);
  TRIB_RETURN_IF_ERROR(delivery_status());
  if (err == RD_KAFKA_RESP_ERR__TIMED_OUT) {
    return error(ErrorCode::io_error,
                 "bootstrap: " + std::to_string(rd_kafka_outq_len(client_->handle())) +
                     " records not acknowledged: " + client_->unreachable());
  }
  if (err) {
    return error(ErrorCode::io_error,
                 "bootstrap: " + spec_.bootstrap + ": " + client_->describe(err));
  }
  return {};
}

}  // namespace tributary::stream
