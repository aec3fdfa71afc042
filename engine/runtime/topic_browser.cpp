#include "runtime/topic_browser.h"

#include <algorithm>
#include <map>

#include "core/byte_buffer.h"
#include "log/log_manager.h"
#include "log/record_batch.h"

namespace tributary::runtime {
namespace {

Result<std::unique_ptr<log::LogManager>> observe(const std::filesystem::path& data_dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(data_dir / "topics", ec))
    return error(ErrorCode::not_found, "no topics in " + data_dir.string() + " yet");
  log::LogManager::Options o;
  o.data_dir = data_dir;
  o.access = log::Access::observer;
  return log::LogManager::open(o);
}

}  // namespace

Result<std::vector<TopicSummary>> list_topics(const std::filesystem::path& data_dir) {
  TRIB_ASSIGN_OR_RETURN(auto logs, observe(data_dir));
  TRIB_ASSIGN_OR_RETURN(auto names, logs->list_topics());
  // Committed offsets of every group, the same ones `tributary-cli group describe` shows.
  std::map<std::string, std::map<std::string, std::map<int, std::int64_t>>>
      committed;  // topic, group
  if (auto groups = logs->groups().list(); groups.ok()) {
    for (const auto& g : *groups) {
      auto offsets = logs->groups().offsets(g);
      if (!offsets.ok()) continue;
      for (const auto& [tp, offset] : *offsets) committed[tp.first][g][tp.second] = offset;
    }
  }
  std::vector<TopicSummary> out;
  for (const auto& name : names) {
    auto topic = logs->topic(name);
    if (!topic.ok()) continue;  // deleted meanwhile
    TopicSummary s;
    s.name = name;
    for (int p = 0; p < (*topic)->partition_count(); ++p)
      s.partitions.push_back(
          {(*topic)->partition(p).start_offset(), (*topic)->partition(p).end_offset()});
    for (const auto& [group, offsets] : committed[name]) {
      GroupLag g{group, 0};
      for (int p = 0; p < (*topic)->partition_count(); ++p) {
        auto it = offsets.find(p);
        const std::int64_t from =
            it == offsets.end() ? s.partitions[static_cast<std::size_t>(p)].start : it->second;
        g.lag += std::max<std::int64_t>(0, s.partitions[static_cast<std::size_t>(p)].end - from);
      }
      s.groups.push_back(std::move(g));
    }
    out.push_back(std::move(s));
  }
  return out;
}

Result<std::vector<BrowsedRecord>> read_records(const std::filesystem::path& data_dir,
                                                const std::string& name, int partition,
                                                std::int64_t offset, std::size_t max) {
  TRIB_ASSIGN_OR_RETURN(auto logs, observe(data_dir));
  TRIB_ASSIGN_OR_RETURN(auto topic, logs->topic(name));
  if (partition < 0 || partition >= topic->partition_count())
    return error(ErrorCode::out_of_range, name + " has no partition " + std::to_string(partition));
  const auto& log = topic->partition(partition);
  std::int64_t position = std::clamp(offset, log.start_offset(), log.end_offset());
  std::vector<BrowsedRecord> out;
  ByteBuffer buffer;
  while (out.size() < max && position < log.end_offset()) {
    buffer.clear();
    TRIB_ASSIGN_OR_RETURN(auto fetched, log.read(position, 1 << 20, buffer));
    if (fetched.bytes == 0) break;
    const auto bytes = buffer.span();
    std::size_t at = 0;
    const std::int64_t before = position;
    while (at < bytes.size() && out.size() < max) {
      const std::size_t size = log::peek_batch_size(bytes.subspan(at));
      TRIB_ASSIGN_OR_RETURN(auto reader,
                            log::RecordBatchReader::open(bytes.subspan(at, size), true));
      log::RecordView r;
      while (out.size() < max && reader.next(r)) {
        if (r.offset < position) continue;
        BrowsedRecord b;
        b.offset = r.offset;
        b.timestamp = r.timestamp;
        if (r.key) b.key = std::string(*r.key);
        if (r.value) b.value = std::string(*r.value);
        out.push_back(std::move(b));
        position = r.offset + 1;
      }
      TRIB_RETURN_IF_ERROR(reader.status());
      if (out.size() < max) position = std::max(position, reader.header().next_offset());
      at += size;
    }
    if (position == before) break;  // nothing new: a gap we cannot pass
  }
  return out;
}

}  // namespace tributary::runtime
