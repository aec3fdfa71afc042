// produce TOPIC: one record per line of standard input, appended in batches as lines arrive.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "console/context.h"

namespace tributary::console {
namespace {

struct ProduceArgs {
  std::string topic;
  std::optional<std::string> key_separator;
  std::optional<int> partition;
  bool print_offsets = false;
};

// Bounds on one append, so that a large input becomes several reasonable batches.
constexpr std::size_t kMaxRecordsPerBatch = 10000;
constexpr std::size_t kMaxBytesPerBatch = 1024 * 1024;

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class LineProducer {
 public:
  LineProducer(Context& ctx, const ProduceArgs& args, log::Topic& topic)
      : ctx_(ctx), args_(args), topic_(topic) {}

  // Turns the complete lines in `text` into records and appends them. Returns false on error
  // (already reported); lines before the bad one are appended.
  bool add_lines(std::string_view text, bool final_chunk) {
    std::size_t pos = 0;
    while (pos < text.size()) {
      std::size_t nl = text.find('\n', pos);
      if (nl == std::string_view::npos) {
        if (!final_chunk) break;
        nl = text.size();
      }
      std::string_view line = text.substr(pos, nl - pos);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      ++line_number_;
      log::Record r;
      r.timestamp = now_ms();
      if (args_.key_separator) {
        const std::size_t sep = line.find(*args_.key_separator);
        if (sep == std::string_view::npos) {
          if (!flush()) return false;
          ctx_.fail("line " + std::to_string(line_number_) + " has no key separator '" +
                    *args_.key_separator + "'");
          return false;
        }
        r.key = line.substr(0, sep);
        r.value = line.substr(sep + args_.key_separator->size());
      } else {
        r.value = line;
      }
      pending_.push_back(r);
      pending_bytes_ += line.size();
      pos = nl + 1;
      if (pending_.size() >= kMaxRecordsPerBatch || pending_bytes_ >= kMaxBytesPerBatch) {
        if (!flush()) return false;
      }
    }
    consumed_ = std::min(pos, text.size());
    return flush();
  }
  std::size_t consumed() const { return consumed_; }

 private:
  bool flush() {
    if (pending_.empty()) return true;
    auto produced = topic_.produce(pending_, args_.partition);
    pending_.clear();
    pending_bytes_ = 0;
    if (!produced.ok()) {
      ctx_.fail(produced.status());
      return false;
    }
    if (args_.print_offsets) {
      for (const auto& p : *produced)
        std::printf("%d\t%lld\n", p.partition, static_cast<long long>(p.offset));
      std::fflush(stdout);
    }
    return true;
  }

  Context& ctx_;
  const ProduceArgs& args_;
  log::Topic& topic_;
  std::vector<log::Record> pending_;
  std::size_t pending_bytes_ = 0;
  std::size_t consumed_ = 0;
  std::uint64_t line_number_ = 0;
};

void produce(Context& ctx, const ProduceArgs& args) {
  if (args.key_separator && args.key_separator->empty())
    return ctx.fail("--key-separator must not be empty");
  auto logs = ctx.open_log(log::Access::owner);
  if (!logs.ok()) return ctx.fail(logs.status());
  auto topic = (*logs)->topic(args.topic);
  if (!topic.ok()) return ctx.fail(topic.status());
  if (args.partition && (*args.partition < 0 || *args.partition >= (*topic)->partition_count())) {
    return ctx.fail("topic " + args.topic + " has no partition " + std::to_string(*args.partition));
  }
  LineProducer producer(ctx, args, **topic);
  // Each read() returns what is available, so interactive lines are appended at once and
  // piped input is appended in large batches.
  std::string buffer;
  std::vector<char> chunk(256 * 1024);
  for (;;) {
    const ssize_t n = ::read(STDIN_FILENO, chunk.data(), chunk.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return ctx.fail(std::string("cannot read standard input: ") + std::strerror(errno));
    }
    const bool eof = n == 0;
    buffer.append(chunk.data(), static_cast<std::size_t>(n));
    if (!producer.add_lines(buffer, eof)) return;
    buffer.erase(0, producer.consumed());
    if (eof) break;
  }
  Status st = (*logs)->close();
  if (!st.ok()) ctx.fail(st);
}

}  // namespace

void add_produce_command(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<ProduceArgs>();
  CLI::App* cmd =
      app.add_subcommand("produce", "Append one record per line of standard input to a topic");
  cmd->add_option("topic", args->topic, "Topic name")->required();
  cmd->add_option("--key-separator", args->key_separator,
                  "Split each line into key and value at this text");
  cmd->add_option("--partition", args->partition, "Write every record to this partition");
  cmd->add_flag("--print-offsets", args->print_offsets,
                "Print 'partition<TAB>offset' for each record once it is appended (acknowledged)");
  cmd->callback([&ctx, args] { produce(ctx, *args); });
}

}  // namespace tributary::console
