// consume TOPIC: prints records' values (and optionally timestamp, offset, key), following the
// log as it grows unless --exit-at-end. Reads as an observer, so a producer can run alongside.
#include <signal.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "console/context.h"
#include "log/record_batch.h"

namespace tributary::console {
namespace {

struct ConsumeArgs {
  std::string topic;
  bool from_beginning = false;
  std::optional<std::int64_t> offset;
  std::optional<std::int64_t> from_time;
  std::optional<int> partition;
  std::optional<std::string> group;
  bool exit_at_end = false;
  std::optional<std::uint64_t> max;
  bool print_key = false;
  bool print_offset = false;
  bool print_timestamp = false;
};

std::atomic<bool> g_stop{false};
extern "C" void on_stop_signal(int) {
  g_stop.store(true);
}

constexpr std::size_t kFetchBytes = 1024 * 1024;
constexpr auto kCommitEvery = std::chrono::seconds(1);
constexpr auto kPollInterval = std::chrono::milliseconds(50);

class Consumer {
 public:
  Consumer(Context& ctx, const ConsumeArgs& args, log::LogManager& logs, log::Topic& topic)
      : ctx_(ctx), args_(args), logs_(logs), topic_(topic) {}

  bool start() {
    for (int p = 0; p < topic_.partition_count(); ++p) {
      if (args_.partition && *args_.partition != p) continue;
      auto pos = start_position(p);
      if (!pos.ok()) {
        ctx_.fail(pos.status());
        return false;
      }
      positions_[p] = *pos;
    }
    return true;
  }

  void run() {
    auto last_commit = std::chrono::steady_clock::now();
    while (!g_stop.load()) {
      bool any = false;
      for (auto& [p, position] : positions_) {
        if (done()) break;
        auto fetched = fetch(p, position);
        if (!fetched.ok()) {
          ctx_.fail(fetched.status());
          finish();
          return;
        }
        any = any || *fetched;
      }
      if (std::fflush(stdout) != 0) break;  // the reader went away (e.g. `| head`)
      if (done()) break;
      const auto now = std::chrono::steady_clock::now();
      if (!any || now - last_commit >= kCommitEvery) {
        if (!commit()) return;
        last_commit = now;
      }
      if (!any) {
        if (args_.exit_at_end) break;
        std::this_thread::sleep_for(kPollInterval);
        Status st = topic_.refresh();
        if (!st.ok()) {
          ctx_.fail(st);
          break;
        }
      }
    }
    finish();
  }

 private:
  bool done() const { return args_.max && printed_ >= *args_.max; }

  Result<std::int64_t> start_position(int p) {
    const auto& log = topic_.partition(p);
    if (args_.offset) {
      if (*args_.offset < log.start_offset() || *args_.offset > log.end_offset()) {
        return error(ErrorCode::out_of_range,
                     "offset " + std::to_string(*args_.offset) + " is out of range for " +
                         log.name() + " (log has offsets " + std::to_string(log.start_offset()) +
                         " to " + std::to_string(log.end_offset()) + ")");
      }
      return *args_.offset;
    }
    if (args_.group) {
      TRIB_ASSIGN_OR_RETURN(auto committed,
                            logs_.groups().committed(*args_.group, topic_.name(), p));
      if (committed) return std::clamp(*committed, log.start_offset(), log.end_offset());
    }
    if (args_.from_time) {
      TRIB_ASSIGN_OR_RETURN(auto at, log.offset_for_timestamp(*args_.from_time));
      return at.value_or(log.end_offset());
    }
    return args_.from_beginning ? log.start_offset() : log.end_offset();
  }

  // Prints what one fetch returns; true if it printed anything.
  Result<bool> fetch(int p, std::int64_t& position) {
    auto& log = topic_.partition(p);
    buffer_.clear();
    auto r = log.read(position, kFetchBytes, buffer_);
    if (!r.ok()) {
      if (r.status().code() == ErrorCode::out_of_range && position < log.start_offset()) {
        position = log.start_offset();  // retention removed what we had not read yet
        return true;
      }
      return r.status();
    }
    if (r->bytes == 0) return false;
    std::size_t pos = 0;
    const auto bytes = buffer_.span();
    while (pos < bytes.size() && !done()) {
      const std::size_t size = log::peek_batch_size(bytes.subspan(pos));
      auto reader = log::RecordBatchReader::open(bytes.subspan(pos, size), /*verify_crc=*/true);
      if (!reader.ok()) {
        return error(ErrorCode::corrupt, "corrupt batch in " + log.name() + " near offset " +
                                             std::to_string(position) + ": " +
                                             reader.status().message());
      }
      log::RecordView rec;
      while (!done() && reader->next(rec)) {
        if (rec.offset < position) continue;
        print(rec);
        position = rec.offset + 1;
      }
      if (!reader->status().ok())
        return error(ErrorCode::corrupt, log.name() + ": " + reader->status().message());
      if (!done()) position = std::max(position, reader->header().next_offset());
      pos += size;
    }
    dirty_ = true;
    return true;
  }

  void print(const log::RecordView& r) {
    if (args_.print_timestamp)
      std::printf("CreateTime:%lld\t", static_cast<long long>(r.timestamp));
    if (args_.print_offset) std::printf("Offset:%lld\t", static_cast<long long>(r.offset));
    if (args_.print_key) {
      if (r.key)
        std::fwrite(r.key->data(), 1, r.key->size(), stdout);
      else
        std::fputs("null", stdout);
      std::fputc('\t', stdout);
    }
    if (r.value)
      std::fwrite(r.value->data(), 1, r.value->size(), stdout);
    else
      std::fputs("null", stdout);
    std::fputc('\n', stdout);
    ++printed_;
  }

  bool commit() {
    if (!args_.group || !dirty_) return true;
    std::map<log::TopicPartition, std::int64_t> offsets;
    for (const auto& [p, position] : positions_) offsets[{topic_.name(), p}] = position;
    Status st = logs_.groups().commit(*args_.group, offsets);
    if (!st.ok()) {
      ctx_.fail(st);
      return false;
    }
    dirty_ = false;
    return true;
  }

  void finish() {
    std::fflush(stdout);
    commit();
  }

  Context& ctx_;
  const ConsumeArgs& args_;
  log::LogManager& logs_;
  log::Topic& topic_;
  std::map<int, std::int64_t> positions_;
  ByteBuffer buffer_;
  std::uint64_t printed_ = 0;
  bool dirty_ = false;
};

void consume(Context& ctx, const ConsumeArgs& args) {
  if (args.offset && !args.partition) return ctx.fail("--offset needs --partition");
  auto logs = ctx.open_log(log::Access::observer);
  if (!logs.ok()) return ctx.fail(logs.status());
  auto topic = (*logs)->topic(args.topic);
  if (!topic.ok()) return ctx.fail(topic.status());
  if (args.partition && (*args.partition < 0 || *args.partition >= (*topic)->partition_count())) {
    return ctx.fail("topic " + args.topic + " has no partition " + std::to_string(*args.partition));
  }
  ::signal(SIGPIPE, SIG_IGN);
  ::signal(SIGINT, on_stop_signal);
  ::signal(SIGTERM, on_stop_signal);
  Consumer consumer(ctx, args, **logs, **topic);
  if (!consumer.start()) return;
  consumer.run();
}

}  // namespace

void add_consume_command(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<ConsumeArgs>();
  CLI::App* cmd = app.add_subcommand("consume", "Print the records of a topic");
  cmd->add_option("topic", args->topic, "Topic name")->required();
  auto* begin =
      cmd->add_flag("--from-beginning", args->from_beginning, "Start at the oldest record");
  auto* offset =
      cmd->add_option("--offset", args->offset, "Start at this offset (needs --partition)");
  auto* time =
      cmd->add_option("--from-time", args->from_time,
                      "Start at the first record with a timestamp >= this (ms since the epoch)");
  begin->excludes(offset)->excludes(time);
  offset->excludes(time);
  cmd->add_option("--partition", args->partition, "Read only this partition");
  cmd->add_option("--group", args->group, "Consumer group: start from and commit its offsets");
  cmd->add_flag("--exit-at-end", args->exit_at_end, "Stop once every partition is read to its end");
  cmd->add_option("--max", args->max, "Stop after this many records");
  cmd->add_flag("--print-key", args->print_key, "Print the key before the value");
  cmd->add_flag("--print-offset", args->print_offset, "Print each record's offset");
  cmd->add_flag("--print-timestamp", args->print_timestamp, "Print each record's timestamp");
  cmd->callback([&ctx, args] { consume(ctx, *args); });
}

}  // namespace tributary::console
