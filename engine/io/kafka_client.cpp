#include "io/kafka_client.h"

#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <thread>

namespace tributary::io {
namespace {

KafkaEvents& events_of(rd_kafka_t* rk) {
  return *static_cast<KafkaEvents*>(rd_kafka_opaque(rk));
}

extern "C" void on_kafka_error(rd_kafka_t* rk, int err, const char* reason, void*) {
  KafkaEvents& e = events_of(rk);
  std::lock_guard lock(e.mutex);
  if (err == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN) {
    if (!e.all_down) e.all_down_since = std::chrono::steady_clock::now();
    e.all_down = true;
  }
  if (err == RD_KAFKA_RESP_ERR__FATAL) e.fatal = true;
  e.last_error = reason ? reason : rd_kafka_err2str(static_cast<rd_kafka_resp_err_t>(err));
}

// librdkafka would print to stderr; the run reports errors itself.
extern "C" void on_kafka_log(const rd_kafka_t*, int, const char*, const char*) {}

extern "C" void on_kafka_delivery(rd_kafka_t* rk, const rd_kafka_message_t* m, void*) {
  if (!m->err) return;
  KafkaEvents& e = events_of(rk);
  std::lock_guard lock(e.mutex);
  if (e.failed_deliveries++ == 0) e.delivery_error = rd_kafka_err2str(m->err);
}

}  // namespace

Result<std::unique_ptr<KafkaClient>> KafkaClient::open(const KafkaClientSpec& spec) {
  if (spec.bootstrap.empty())
    return error(ErrorCode::invalid_argument, "bootstrap: no broker address");
  std::unique_ptr<KafkaClient> c(new KafkaClient());
  c->spec_ = spec;
  c->events_ = std::make_unique<KafkaEvents>();
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  std::map<std::string, std::string> settings = {
      {"bootstrap.servers", spec.bootstrap},
      {"client.id", "tributary"},
      {"socket.connection.setup.timeout.ms", std::to_string(std::max(1000, spec.timeout_ms))},
      {"socket.timeout.ms", std::to_string(std::max(10, spec.timeout_ms))},
      {"log.connection.close", "false"},
      // A broker that is down is tried again soon, not after librdkafka's 1 s back-off growth.
      {"reconnect.backoff.max.ms", "1000"},
  };
  for (const auto& [k, v] : spec.settings) settings[k] = v;
  char err[512];
  for (const auto& [k, v] : settings) {
    if (rd_kafka_conf_set(conf, k.c_str(), v.c_str(), err, sizeof err) != RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      return error(ErrorCode::invalid_argument, std::string("librdkafka ") + k + ": " + err);
    }
  }
  rd_kafka_conf_set_opaque(conf, c->events_.get());
  rd_kafka_conf_set_error_cb(conf, on_kafka_error);
  rd_kafka_conf_set_log_cb(conf, on_kafka_log);
  if (!spec.consumer) rd_kafka_conf_set_dr_msg_cb(conf, on_kafka_delivery);
  c->rk_ = rd_kafka_new(spec.consumer ? RD_KAFKA_CONSUMER : RD_KAFKA_PRODUCER, conf, err,
                        sizeof err);
  if (!c->rk_) {
    rd_kafka_conf_destroy(conf);
    return error(ErrorCode::invalid_argument, std::string("bootstrap: ") + err);
  }
  if (spec.consumer) rd_kafka_poll_set_consumer(c->rk_);
  return c;
}

KafkaClient::~KafkaClient() {
  if (rk_) rd_kafka_destroy(rk_);
}

std::string KafkaClient::unreachable() const {
  std::string s = "cannot reach a Kafka broker at " + spec_.bootstrap + " within " +
                  std::to_string(spec_.timeout_ms) + " ms";
  std::lock_guard lock(events_->mutex);
  if (!events_->last_error.empty()) s += " (" + events_->last_error + ")";
  return s;
}

std::string KafkaClient::describe(int code) const {
  std::string s = rd_kafka_err2str(static_cast<rd_kafka_resp_err_t>(code));
  std::lock_guard lock(events_->mutex);
  if (!events_->last_error.empty() && events_->last_error != s) s += " (" + events_->last_error + ")";
  return s;
}

Result<int> KafkaClient::partitions(const std::string& topic) {
  rd_kafka_topic_t* rkt = rd_kafka_topic_new(rk_, topic.c_str(), nullptr);
  if (!rkt) {
    return error(ErrorCode::invalid_argument,
                 "topic: '" + topic + "': " + rd_kafka_err2str(rd_kafka_last_error()));
  }
  const rd_kafka_metadata_t* md = nullptr;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(spec_.timeout_ms);
  rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR_NO_ERROR;
  int count = 0;
  // A topic a broker creates on first use may need a second look before it has partitions.
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                          deadline - std::chrono::steady_clock::now())
                          .count();
    err = rd_kafka_metadata(rk_, 0, rkt, &md, static_cast<int>(std::max<std::int64_t>(1, left)));
    rd_kafka_poll(rk_, 0);  // serves the error events behind a failure
    if (err) break;
    rd_kafka_resp_err_t topic_err = RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART;
    for (int t = 0; t < md->topic_cnt; ++t) {
      if (topic == md->topics[t].topic) {
        topic_err = md->topics[t].err;
        count = md->topics[t].partition_cnt;
      }
    }
    rd_kafka_metadata_destroy(md);
    md = nullptr;
    if (!topic_err && count > 0) break;
    if (topic_err != RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE && topic_err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      err = topic_err;
      break;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      err = RD_KAFKA_RESP_ERR__TIMED_OUT;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  rd_kafka_topic_destroy(rkt);
  if (err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART || err == RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC)
    return error(ErrorCode::not_found, "topic: no topic '" + topic + "' at " + spec_.bootstrap);
  if (err == RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED)
    return error(ErrorCode::invalid_argument,
                 "topic: not allowed to use '" + topic + "' at " + spec_.bootstrap);
  if (err == RD_KAFKA_RESP_ERR__TIMED_OUT || err == RD_KAFKA_RESP_ERR__TRANSPORT ||
      err == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN)
    return error(ErrorCode::io_error, "bootstrap: " + unreachable());
  if (err)
    return error(ErrorCode::io_error,
                 "bootstrap: " + spec_.bootstrap + ": topic '" + topic + "': " + describe(err));
  return count;
}

}  // namespace tributary::io
