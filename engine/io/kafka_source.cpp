#include "io/kafka_source.h"

#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <chrono>
#include <deque>

#include "io/csv_decoder.h"
#include "io/json_decoder.h"
#include "io/kafka_client.h"

namespace tributary::io {
namespace {

using Clock = std::chrono::steady_clock;

struct PartitionList {
  rd_kafka_topic_partition_list_t* list;
  explicit PartitionList(int size) : list(rd_kafka_topic_partition_list_new(size)) {}
  ~PartitionList() { rd_kafka_topic_partition_list_destroy(list); }
  PartitionList(const PartitionList&) = delete;
  PartitionList& operator=(const PartitionList&) = delete;
};

}  // namespace

struct KafkaSource::Impl {
  KafkaSourceSpec spec;
  std::unique_ptr<KafkaClient> client;
  int partitions = 0;
  std::vector<std::int64_t> low, end, committed;  // per partition, as seen at open
  std::vector<std::int64_t> read_to;              // the next offset not yet read
  std::vector<bool> finished;                     // stop_at_end: read up to `end`
  // Offsets after each next() that read something, with the ordinal after its rows: they
  // may be committed once stored() reaches that ordinal.
  std::deque<std::pair<std::int64_t, std::vector<std::int64_t>>> pending;
  std::vector<std::int64_t> acknowledged, sent;  // may be committed / were committed
  Clock::time_point last_commit{};
  std::unique_ptr<JsonDecoder> json;
  std::unique_ptr<CsvDecoder> csv;

  std::string where() const { return spec.bootstrap; }

  bool all_finished() const {
    return spec.stop_at_end &&
           std::all_of(finished.begin(), finished.end(), [](bool f) { return f; });
  }

  Status commit() {
    if (!spec.commit || acknowledged == sent) return {};
    PartitionList list(partitions);
    for (int p = 0; p < partitions; ++p) {
      if (acknowledged[p] >= 0 && acknowledged[p] != sent[p])
        rd_kafka_topic_partition_list_add(list.list, spec.topic.c_str(), p)->offset =
            acknowledged[p];
    }
    if (list.list->cnt == 0) return {};
    const rd_kafka_resp_err_t err = rd_kafka_commit(client->handle(), list.list, 0);
    last_commit = Clock::now();
    if (err) {
      return error(ErrorCode::io_error, "group: cannot commit the offsets of group '" + spec.group +
                                            "' at " + where() + ": " + client->describe(err));
    }
    sent = acknowledged;
    return {};
  }

  std::string position_of(const rd_kafka_message_t* m) const {
    return "kafka " + spec.topic + "[" + std::to_string(m->partition) + "]@" +
           std::to_string(m->offset);
  }

  Status decode(const rd_kafka_message_t* m, Batch& out, std::vector<DeadLetter>& dead) {
    std::string_view value(static_cast<const char*>(m->payload), m->payload ? m->len : 0);
    while (!value.empty() && (value.back() == '\n' || value.back() == '\r')) value.remove_suffix(1);
    if (spec.format == KafkaSourceSpec::Format::jsonl) {
      if (!json) json = std::make_unique<JsonDecoder>(spec.schema);
      return json->decode_value(value, position_of(m), out, dead);
    }
    if (!csv) csv = CsvDecoder::for_schema(spec.schema);
    // Each value is a whole record: finish() ends it, so that an unterminated quote cannot
    // swallow the records that follow.
    csv->feed(value);
    csv->finish();
    for (auto& d : csv->take_dead_letters()) {
      d.position = position_of(m);
      dead.push_back(std::move(d));
    }
    const Batch rows = csv->take_batch();
    for (std::size_t r = 0; r < rows.num_rows(); ++r) {
      for (std::size_t c = 0; c < out.num_columns(); ++c)
        out.column(c).append_from(rows.column(c), r);
    }
    return {};
  }

  // Fails the run when no broker has answered for longer than the timeout (after a last
  // look at the metadata, as librdkafka says nothing when a broker comes back).
  Status check_connection() {
    KafkaEvents& e = client->events();
    bool down = false;
    Clock::time_point since;
    {
      std::lock_guard lock(e.mutex);
      if (e.fatal) return error(ErrorCode::io_error, "bootstrap: " + where() + ": " + e.last_error);
      down = e.all_down;
      since = e.all_down_since;
    }
    if (!down || Clock::now() - since < std::chrono::milliseconds(spec.timeout_ms)) return {};
    auto probe = client->partitions(spec.topic);
    if (!probe.ok())
      return error(ErrorCode::io_error, "bootstrap: lost the connection: " + client->unreachable());
    std::lock_guard lock(e.mutex);
    e.all_down = false;
    return {};
  }
};

Result<std::unique_ptr<KafkaSource>> KafkaSource::open(const KafkaSourceSpec& spec) {
  if (spec.topic.empty()) return error(ErrorCode::invalid_argument, "topic: no topic named");
  if (spec.timeout_ms <= 0)
    return error(ErrorCode::invalid_argument, "timeout_ms: must be positive");
  std::unique_ptr<KafkaSource> s(new KafkaSource());
  s->impl_ = std::make_unique<Impl>();
  Impl& k = *s->impl_;
  k.spec = spec;
  if (k.spec.group.empty()) k.spec.group = "tributary-" + spec.topic;
  KafkaClientSpec c;
  c.bootstrap = spec.bootstrap;
  c.consumer = true;
  c.timeout_ms = spec.timeout_ms;
  c.settings = {{"group.id", k.spec.group},
                {"enable.auto.commit", "false"},
                {"enable.auto.offset.store", "false"},
                {"auto.offset.reset", "earliest"},
                {"allow.auto.create.topics", "false"},
                {"enable.partition.eof", "true"},
                {"fetch.wait.max.ms", "100"}};
  TRIB_ASSIGN_OR_RETURN(k.client, KafkaClient::open(c));
  TRIB_ASSIGN_OR_RETURN(k.partitions, k.client->partitions(spec.topic));
  const auto n = static_cast<std::size_t>(k.partitions);
  k.low.assign(n, 0);
  k.end.assign(n, 0);
  k.committed.assign(n, -1);
  for (int p = 0; p < k.partitions; ++p) {
    int64_t lo = 0, hi = 0;
    const rd_kafka_resp_err_t err = rd_kafka_query_watermark_offsets(
        k.client->handle(), spec.topic.c_str(), p, &lo, &hi, spec.timeout_ms);
    if (err == RD_KAFKA_RESP_ERR__TIMED_OUT || err == RD_KAFKA_RESP_ERR__TRANSPORT)
      return error(ErrorCode::io_error, "bootstrap: " + k.client->unreachable());
    if (err) {
      return error(ErrorCode::io_error, "bootstrap: " + k.where() + ": the offsets of " +
                                            spec.topic + "[" + std::to_string(p) +
                                            "]: " + k.client->describe(err));
    }
    k.low[static_cast<std::size_t>(p)] = lo;
    k.end[static_cast<std::size_t>(p)] = hi;
  }
  PartitionList list(k.partitions);
  for (int p = 0; p < k.partitions; ++p)
    rd_kafka_topic_partition_list_add(list.list, spec.topic.c_str(), p);
  const rd_kafka_resp_err_t err =
      rd_kafka_committed(k.client->handle(), list.list, spec.timeout_ms);
  if (err) {
    return error(ErrorCode::io_error, "group: cannot read the committed offsets of group '" +
                                          k.spec.group + "' at " + k.where() + ": " +
                                          k.client->describe(err));
  }
  for (int i = 0; i < list.list->cnt; ++i) {
    const auto& e = list.list->elems[i];
    if (e.partition >= 0 && e.partition < k.partitions && !e.err && e.offset >= 0)
      k.committed[static_cast<std::size_t>(e.partition)] = e.offset;
  }
  return s;
}

KafkaSource::~KafkaSource() {
  if (!impl_ || !impl_->client) return;
  // What stored() acknowledged but a commit interval held back.
  (void)impl_->commit();
  rd_kafka_consumer_close(impl_->client->handle());
}

const Schema& KafkaSource::schema() const {
  return impl_->spec.schema;
}

Status KafkaSource::seek(std::int64_t n) {
  Impl& k = *impl_;
  next_ = n;
  const bool first_run = n == 0;
  const auto count = static_cast<std::size_t>(k.partitions);
  k.read_to.assign(count, 0);
  k.finished.assign(count, false);
  PartitionList list(k.partitions);
  for (std::size_t p = 0; p < count; ++p) {
    const bool from_group = k.spec.start == KafkaSourceSpec::Start::committed || !first_run;
    std::int64_t start = k.spec.start == KafkaSourceSpec::Start::latest ? k.end[p] : k.low[p];
    if (from_group && k.committed[p] >= 0) start = std::clamp(k.committed[p], k.low[p], k.end[p]);
    k.read_to[p] = start;
    k.finished[p] = k.spec.stop_at_end && start >= k.end[p];
    if (!k.finished[p]) {
      rd_kafka_topic_partition_list_add(list.list, k.spec.topic.c_str(), static_cast<int>(p))
          ->offset = start;
    }
  }
  k.acknowledged = k.committed;
  k.sent = k.committed;
  const rd_kafka_resp_err_t err = rd_kafka_assign(k.client->handle(), list.list);
  if (err) {
    return error(ErrorCode::io_error, "bootstrap: " + k.where() + ": cannot assign " +
                                          k.spec.topic + ": " + k.client->describe(err));
  }
  return {};
}

Status KafkaSource::next(std::size_t max, Batch& out, std::vector<DeadLetter>& dead) {
  Impl& k = *impl_;
  if (out.num_columns() == 0 && out.num_rows() == 0) out = Batch(k.spec.schema);
  if (out.schema() != k.spec.schema)
    return error(ErrorCode::invalid_argument, "batch schema differs from the source's");
  TRIB_RETURN_IF_ERROR(k.check_connection());
  if (k.all_finished()) return {};
  const std::size_t rows_before = out.num_rows();
  bool progressed = false;
  for (std::size_t polled = 0; polled < max; ++polled) {
    rd_kafka_message_t* m = rd_kafka_consumer_poll(k.client->handle(), polled == 0 ? 50 : 0);
    if (!m) break;
    struct Release {
      rd_kafka_message_t* m;
      ~Release() { rd_kafka_message_destroy(m); }
    } release{m};
    const int p = m->partition;
    const bool ours = p >= 0 && p < k.partitions;
    const auto pi = static_cast<std::size_t>(ours ? p : 0);
    if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
      // The partition's end as the broker knows it now: with stop_at_end, offsets that hold
      // no record (transaction markers, compacted away) are passed here.
      if (ours && k.spec.stop_at_end && m->offset >= k.end[pi]) k.finished[pi] = true;
      continue;
    }
    if (m->err) {
      if (m->err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART ||
          m->err == RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC ||
          m->err == RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION) {
        return error(ErrorCode::not_found,
                     "topic: no topic '" + k.spec.topic + "' at " + k.where() + " any more");
      }
      if (m->err == RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED ||
          m->err == RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED ||
          m->err == RD_KAFKA_RESP_ERR__FATAL) {
        return error(ErrorCode::io_error,
                     "bootstrap: " + k.where() + ": " + rd_kafka_message_errstr(m));
      }
      continue;  // transient (a broker reconnecting): librdkafka tries again
    }
    if (!ours || (k.spec.stop_at_end && (k.finished[pi] || m->offset >= k.end[pi]))) {
      if (ours && m->offset >= k.end[pi]) k.finished[pi] = true;
      continue;  // beyond the end seen at start
    }
    TRIB_RETURN_IF_ERROR(k.decode(m, out, dead));
    k.read_to[pi] = m->offset + 1;
    progressed = true;
    if (k.spec.stop_at_end && k.read_to[pi] >= k.end[pi]) k.finished[pi] = true;
    if (k.all_finished()) break;
  }
  next_ += static_cast<std::int64_t>(out.num_rows() - rows_before);
  if (progressed) k.pending.emplace_back(next_, k.read_to);
  return {};
}

bool KafkaSource::done() const {
  return impl_->all_finished();
}

Status KafkaSource::stored(std::int64_t n) {
  Impl& k = *impl_;
  while (!k.pending.empty() && k.pending.front().first <= n) {
    k.acknowledged = std::move(k.pending.front().second);
    k.pending.pop_front();
  }
  // At most a few commits a second: each is a round trip to the group's coordinator.
  if (k.pending.empty() && k.all_finished()) return k.commit();
  if (Clock::now() - k.last_commit < std::chrono::milliseconds(200)) return {};
  return k.commit();
}

}  // namespace tributary::io
