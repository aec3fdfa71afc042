#include "log/consumer_group_store.h"

#include <fcntl.h>
#include <sys/file.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "log/file.h"
#include "log/topic.h"

namespace tributary::log {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Serialises read-modify-write of group files between processes (several CLI consumers).
class DirectoryLock {
 public:
  explicit DirectoryLock(const fs::path& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    fd_ = ::open((dir / ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ >= 0) ::flock(fd_, LOCK_EX);
  }
  ~DirectoryLock() {
    if (fd_ >= 0) ::close(fd_);
  }
  DirectoryLock(const DirectoryLock&) = delete;
  DirectoryLock& operator=(const DirectoryLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace

fs::path ConsumerGroupStore::file_of(const std::string& group) const {
  return dir_ / (group + ".json");
}

Result<std::map<TopicPartition, std::int64_t>> ConsumerGroupStore::offsets(
    const std::string& group) const {
  TRIB_RETURN_IF_ERROR(validate_topic_name(group));
  std::map<TopicPartition, std::int64_t> out;
  auto text = read_file(file_of(group));
  if (!text.ok()) {
    if (text.status().code() == ErrorCode::not_found) return out;
    return text.status();
  }
  try {
    const json j = json::parse(*text);
    for (const auto& [topic, parts] : j.at("offsets").items()) {
      for (const auto& [partition, offset] : parts.items())
        out[{topic, std::stoi(partition)}] = offset.get<std::int64_t>();
    }
  } catch (const std::exception& e) {
    return error(ErrorCode::corrupt, file_of(group).string() + ": " + e.what());
  }
  return out;
}

Result<std::optional<std::int64_t>> ConsumerGroupStore::committed(const std::string& group,
                                                                  const std::string& topic,
                                                                  int partition) const {
  TRIB_ASSIGN_OR_RETURN(auto all, offsets(group));
  auto it = all.find({topic, partition});
  if (it == all.end()) return std::optional<std::int64_t>{};
  return std::optional<std::int64_t>{it->second};
}

Status ConsumerGroupStore::write(const std::string& group,
                                 const std::map<TopicPartition, std::int64_t>& offsets) {
  json parts = json::object();
  for (const auto& [tp, offset] : offsets) parts[tp.first][std::to_string(tp.second)] = offset;
  const json j = {{"group", group}, {"offsets", parts}};
  return write_file_atomically(file_of(group), j.dump(2) + "\n", true);
}

Status ConsumerGroupStore::commit(const std::string& group,
                                  const std::map<TopicPartition, std::int64_t>& offsets) {
  TRIB_RETURN_IF_ERROR(validate_topic_name(group));
  // Names come from the wire too (OffsetCommit): only valid topic names reach the file.
  for (const auto& [tp, offset] : offsets) {
    TRIB_RETURN_IF_ERROR(validate_topic_name(tp.first));
    if (tp.second < 0)
      return error(ErrorCode::invalid_argument, "negative partition " + std::to_string(tp.second));
  }
  std::lock_guard lock(mutex_);
  DirectoryLock dir_lock(dir_);
  TRIB_ASSIGN_OR_RETURN(auto merged, this->offsets(group));
  for (const auto& [tp, offset] : offsets) merged[tp] = offset;
  return write(group, merged);
}

Result<std::vector<std::string>> ConsumerGroupStore::list() const {
  std::vector<std::string> groups;
  std::error_code ec;
  if (!fs::exists(dir_)) return groups;
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    if (entry.path().extension() == ".json") groups.push_back(entry.path().stem().string());
  }
  if (ec) return error(ErrorCode::io_error, "cannot list " + dir_.string() + ": " + ec.message());
  std::sort(groups.begin(), groups.end());
  return groups;
}

Status ConsumerGroupStore::forget_topic(const std::string& topic) {
  TRIB_ASSIGN_OR_RETURN(auto groups, list());
  std::lock_guard lock(mutex_);
  DirectoryLock dir_lock(dir_);
  for (const auto& g : groups) {
    TRIB_ASSIGN_OR_RETURN(auto all, offsets(g));
    const auto before = all.size();
    std::erase_if(all, [&](const auto& kv) { return kv.first.first == topic; });
    if (all.size() != before) TRIB_RETURN_IF_ERROR(write(g, all));
  }
  return {};
}

}  // namespace tributary::log
