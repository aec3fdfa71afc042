#include "log/topic.h"

#include <nlohmann/json.hpp>

#include "log/file.h"

namespace tributary::log {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {
constexpr const char* kConfigFile = "topic.json";
}

Status validate_topic_name(const std::string& name) {
  if (name.empty() || name.size() > 249 || name == "." || name == "..") {
    return error(ErrorCode::invalid_argument, "invalid topic name '" + name + "': use 1 to 249 characters");
  }
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '-';
    if (!ok) {
      return error(ErrorCode::invalid_argument,
                   "invalid topic name '" + name + "': only letters, digits, '.', '_' and '-' are allowed");
    }
  }
  return {};
}

Result<TopicConfig> Topic::read_config(const fs::path& dir) {
  TRIB_ASSIGN_OR_RETURN(std::string text, read_file(dir / kConfigFile));
  try {
    const json j = json::parse(text);
    TopicConfig c;
    c.partitions = j.at("partitions").get<int>();
    auto flush = parse_flush_policy(j.value("flush", std::string("interval")));
    if (!flush || c.partitions < 1) throw std::runtime_error("bad partitions or flush policy");
    c.log.flush = *flush;
    c.log.flush_interval_ms = j.value("flush_interval_ms", c.log.flush_interval_ms);
    c.log.retention_ms = j.value("retention_ms", c.log.retention_ms);
    c.log.retention_bytes = j.value("retention_bytes", c.log.retention_bytes);
    c.log.segment_bytes = j.value("segment_bytes", c.log.segment_bytes);
    c.log.segment_ms = j.value("segment_ms", c.log.segment_ms);
    c.log.index_interval_bytes = j.value("index_interval_bytes", c.log.index_interval_bytes);
    return c;
  } catch (const std::exception& e) {
    return error(ErrorCode::corrupt, (dir / kConfigFile).string() + ": " + e.what());
  }
}

Result<std::unique_ptr<Topic>> Topic::create(const fs::path& dir, const std::string& name, const TopicConfig& config) {
  TRIB_RETURN_IF_ERROR(validate_topic_name(name));
  if (config.partitions < 1 || config.partitions > 10000) {
    return error(ErrorCode::invalid_argument, "topic " + name + ": partitions must be between 1 and 10000");
  }
  if (config.log.segment_bytes < 1024 || config.log.segment_bytes > (1ull << 31)) {
    return error(ErrorCode::invalid_argument, "topic " + name + ": segment size must be between 1 KiB and 2 GiB");
  }
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return error(ErrorCode::io_error, "cannot create " + dir.string() + ": " + ec.message());
  const json j = {{"name", name},
                  {"partitions", config.partitions},
                  {"flush", flush_policy_name(config.log.flush)},
                  {"flush_interval_ms", config.log.flush_interval_ms},
                  {"retention_ms", config.log.retention_ms},
                  {"retention_bytes", config.log.retention_bytes},
                  {"segment_bytes", config.log.segment_bytes},
                  {"segment_ms", config.log.segment_ms},
                  {"index_interval_bytes", config.log.index_interval_bytes}};
  std::unique_ptr<Topic> t(new Topic(dir, name, config));
  TRIB_RETURN_IF_ERROR(t->open_partitions(Access::owner));
  // Written last: a topic whose config exists is complete.
  TRIB_RETURN_IF_ERROR(write_file_atomically(dir / kConfigFile, j.dump(2) + "\n", true));
  TRIB_RETURN_IF_ERROR(sync_directory(dir.parent_path()));
  return t;
}

Result<std::unique_ptr<Topic>> Topic::open(const fs::path& dir, const std::string& name, Access access) {
  TRIB_ASSIGN_OR_RETURN(TopicConfig config, read_config(dir));
  std::unique_ptr<Topic> t(new Topic(dir, name, config));
  TRIB_RETURN_IF_ERROR(t->open_partitions(access));
  return t;
}

Status Topic::open_partitions(Access access) {
  for (int p = 0; p < config_.partitions; ++p) {
    TRIB_ASSIGN_OR_RETURN(auto log, PartitionLog::open(dir_ / std::to_string(p), name_ + "-" + std::to_string(p),
                                                       config_.log, access));
    partitions_.push_back(std::move(log));
  }
  return {};
}

Result<std::vector<int>> Topic::assign_partitions(std::span<const Record> records, std::optional<int> partition) {
  const int n = partition_count();
  if (partition && (*partition < 0 || *partition >= n)) {
    return error(ErrorCode::not_found, "topic " + name_ + " has no partition " + std::to_string(*partition) +
                                           " (it has " + std::to_string(n) + ")");
  }
  std::vector<int> out(records.size());
  std::size_t sticky_bytes = 0;
  bool used_sticky = false;
  std::lock_guard lock(sticky_mutex_);
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (partition) {
      out[i] = *partition;
    } else if (records[i].key) {
      out[i] = partition_for_key(*records[i].key, n);
    } else {
      out[i] = sticky_.partition(n);
      sticky_bytes += records[i].value ? records[i].value->size() : 0;
      used_sticky = true;
    }
  }
  if (used_sticky) sticky_.on_appended(sticky_bytes, n);
  return out;
}

Result<std::vector<ProducedRecord>> Topic::produce(std::span<const Record> records, std::optional<int> partition) {
  TRIB_ASSIGN_OR_RETURN(std::vector<int> assigned, assign_partitions(records, partition));
  std::vector<ProducedRecord> out(records.size());
  std::vector<Record> group;
  for (int p = 0; p < partition_count(); ++p) {
    group.clear();
    std::vector<std::size_t> index;
    for (std::size_t i = 0; i < records.size(); ++i) {
      if (assigned[i] != p) continue;
      group.push_back(records[i]);
      index.push_back(i);
    }
    if (group.empty()) continue;
    TRIB_ASSIGN_OR_RETURN(AppendResult r, partitions_[static_cast<std::size_t>(p)]->append(group));
    for (std::size_t k = 0; k < index.size(); ++k) {
      out[index[k]] = {p, r.base_offset + static_cast<std::int64_t>(k)};
    }
  }
  return out;
}

Status Topic::flush_if_due(std::chrono::steady_clock::time_point now) {
  for (auto& p : partitions_) TRIB_RETURN_IF_ERROR(p->flush_if_due(now));
  return {};
}

Status Topic::enforce_retention(std::int64_t now_ms) {
  for (auto& p : partitions_) TRIB_RETURN_IF_ERROR(p->enforce_retention(now_ms));
  return {};
}

Status Topic::refresh() {
  for (auto& p : partitions_) TRIB_RETURN_IF_ERROR(p->refresh());
  return {};
}

Status Topic::close() {
  Status first;
  for (auto& p : partitions_) {
    Status st = p->close();
    if (first.ok() && !st.ok()) first = st;
  }
  return first;
}

}  // namespace tributary::log
