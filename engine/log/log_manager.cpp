#include "log/log_manager.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/diagnostics.h"
#include "log/file.h"

namespace tributary::log {
namespace fs = std::filesystem;

LogManager::LogManager(Options options) : options_(std::move(options)), groups_(options_.data_dir / "groups") {}

Result<std::unique_ptr<LogManager>> LogManager::open(const Options& options) {
  std::unique_ptr<LogManager> m(new LogManager(options));
  const fs::path& dir = options.data_dir;
  std::error_code ec;
  if (options.access == Access::owner) {
    fs::create_directories(dir / "topics", ec);
    if (ec) return error(ErrorCode::io_error, "cannot create data dir " + dir.string() + ": " + ec.message());
    m->lock_fd_ = ::open((dir / ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (m->lock_fd_ < 0) return errno_status("cannot open data dir", dir);
    if (::flock(m->lock_fd_, LOCK_EX | LOCK_NB) != 0) {
      std::string pid(32, '\0');
      const ssize_t n = ::pread(m->lock_fd_, pid.data(), pid.size(), 0);
      pid.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
      while (!pid.empty() && (pid.back() == '\n' || pid.back() == '\0')) pid.pop_back();
      return error(ErrorCode::busy, "data dir " + dir.string() + " is in use by another process" +
                                        (pid.empty() ? "" : " (pid " + pid + ")"));
    }
    const std::string me = std::to_string(::getpid()) + "\n";
    if (::ftruncate(m->lock_fd_, 0) != 0 || ::pwrite(m->lock_fd_, me.data(), me.size(), 0) < 0) {
      return errno_status("cannot write lock file in", dir);
    }
    if (options.background_tasks) {
      m->background_ = std::jthread([raw = m.get()](std::stop_token stop) { raw->background_loop(stop); });
    }
  } else {
    if (!fs::is_directory(dir / "topics", ec)) {
      return error(ErrorCode::not_found, "data dir " + dir.string() + " does not exist or holds no topics");
    }
  }
  return m;
}

LogManager::~LogManager() {
  Status st = close();
  if (!st.ok()) report(Severity::error, "closing data dir: " + st.message());
}

fs::path LogManager::topic_dir(const std::string& name) const { return options_.data_dir / "topics" / name; }

Result<std::shared_ptr<Topic>> LogManager::create_topic(const std::string& name, const TopicConfig& config) {
  if (options_.access != Access::owner) return error(ErrorCode::invalid_argument, "data dir is open read-only");
  TRIB_RETURN_IF_ERROR(validate_topic_name(name));
  std::lock_guard lock(topics_mutex_);
  std::error_code ec;
  if (topics_.count(name) || fs::exists(topic_dir(name) / "topic.json", ec)) {
    return error(ErrorCode::already_exists, "topic " + name + " already exists");
  }
  fs::remove_all(topic_dir(name), ec);  // leftovers of a creation that crashed half-way
  TRIB_ASSIGN_OR_RETURN(std::unique_ptr<Topic> t, Topic::create(topic_dir(name), name, config));
  std::shared_ptr<Topic> shared = std::move(t);
  topics_[name] = shared;
  return shared;
}

Result<std::shared_ptr<Topic>> LogManager::topic(const std::string& name) {
  TRIB_RETURN_IF_ERROR(validate_topic_name(name));
  std::lock_guard lock(topics_mutex_);
  if (auto it = topics_.find(name); it != topics_.end()) return it->second;
  std::error_code ec;
  if (!fs::exists(topic_dir(name) / "topic.json", ec)) return error(ErrorCode::not_found, "unknown topic " + name);
  TRIB_ASSIGN_OR_RETURN(std::unique_ptr<Topic> t, Topic::open(topic_dir(name), name, options_.access));
  std::shared_ptr<Topic> shared = std::move(t);
  topics_[name] = shared;
  return shared;
}

Result<std::vector<std::string>> LogManager::list_topics() const {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(options_.data_dir / "topics", ec)) {
    if (fs::exists(entry.path() / "topic.json")) names.push_back(entry.path().filename().string());
  }
  if (ec) return error(ErrorCode::io_error, "cannot list topics in " + options_.data_dir.string() + ": " + ec.message());
  std::sort(names.begin(), names.end());
  return names;
}

Status LogManager::delete_topic(const std::string& name) {
  if (options_.access != Access::owner) return error(ErrorCode::invalid_argument, "data dir is open read-only");
  TRIB_RETURN_IF_ERROR(validate_topic_name(name));
  std::shared_ptr<Topic> open_topic;
  {
    std::lock_guard lock(topics_mutex_);
    std::error_code ec;
    if (!fs::exists(topic_dir(name) / "topic.json", ec)) return error(ErrorCode::not_found, "unknown topic " + name);
    if (auto it = topics_.find(name); it != topics_.end()) {
      open_topic = it->second;
      topics_.erase(it);
    }
  }
  if (open_topic) TRIB_RETURN_IF_ERROR(open_topic->close());
  // Rename first so that a crash half-way never leaves a topic that looks complete.
  const fs::path doomed = options_.data_dir / "topics" / (".deleted-" + name);
  std::error_code ec;
  fs::remove_all(doomed, ec);
  fs::rename(topic_dir(name), doomed, ec);
  if (ec) return error(ErrorCode::io_error, "cannot delete topic " + name + ": " + ec.message());
  TRIB_RETURN_IF_ERROR(sync_directory(options_.data_dir / "topics"));
  fs::remove_all(doomed, ec);
  return groups_.forget_topic(name);
}

std::vector<std::shared_ptr<Topic>> LogManager::open_topics() const {
  std::lock_guard lock(topics_mutex_);
  std::vector<std::shared_ptr<Topic>> out;
  for (const auto& [name, t] : topics_) out.push_back(t);
  return out;
}

Status LogManager::run_maintenance(bool retention) {
  const auto now = std::chrono::steady_clock::now();
  const auto wall = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::system_clock::now().time_since_epoch()).count();
  for (const auto& t : open_topics()) {
    TRIB_RETURN_IF_ERROR(t->flush_if_due(now));
    if (retention) TRIB_RETURN_IF_ERROR(t->enforce_retention(wall));
  }
  return {};
}

void LogManager::background_loop(std::stop_token stop) {
  auto next_retention = std::chrono::steady_clock::now();
  while (!stop.stop_requested()) {
    const auto now = std::chrono::steady_clock::now();
    const bool retention = now >= next_retention;
    if (retention) next_retention = now + options_.retention_check_interval;
    Status st = run_maintenance(retention);
    if (!st.ok()) report(Severity::error, st.message());
    std::unique_lock lock(wake_mutex_);
    // 10 ms granularity is well under the smallest sensible flush interval.
    wake_.wait_for(lock, stop, std::chrono::milliseconds(10), [] { return false; });
  }
}

Status LogManager::close() {
  if (closed_) return {};
  closed_ = true;
  if (background_.joinable()) {
    background_.request_stop();
    background_.join();
  }
  Status first;
  for (const auto& t : open_topics()) {
    Status st = t->close();
    if (first.ok() && !st.ok()) first = st;
  }
  {
    std::lock_guard lock(topics_mutex_);
    topics_.clear();
  }
  if (lock_fd_ >= 0) {
    ::close(lock_fd_);
    lock_fd_ = -1;
  }
  return first;
}

}  // namespace tributary::log
