// The data directory: topics, consumer groups, the background flusher and retention.
//
//   <data-dir>/.lock                          held (flock) by the owning process
//   <data-dir>/topics/<topic>/topic.json      partitions and log settings
//   <data-dir>/topics/<topic>/<p>/<20-digit base offset>.log|.index|.timeindex
//   <data-dir>/topics/<topic>/<p>/recovery-point, clean-shutdown
//   <data-dir>/groups/<group>.json            committed offsets
#pragma once

#include <condition_variable>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/status.h"
#include "log/consumer_group_store.h"
#include "log/topic.h"

namespace tributary::log {

class LogManager {
 public:
  struct Options {
    std::filesystem::path data_dir;
    Access access = Access::owner;
    // Runs interval flushes and retention on a thread of its own (owner only).
    bool background_tasks = true;
    std::chrono::milliseconds retention_check_interval{5000};
  };

  // An owner fails with ErrorCode::busy while another process owns the directory.
  static Result<std::unique_ptr<LogManager>> open(const Options& options);
  ~LogManager();
  LogManager(const LogManager&) = delete;
  LogManager& operator=(const LogManager&) = delete;

  const std::filesystem::path& data_dir() const { return options_.data_dir; }
  Access access() const { return options_.access; }

  Result<std::shared_ptr<Topic>> create_topic(const std::string& name, const TopicConfig& config);
  // Opens (and, for an owner after a crash, recovers) a topic on first use.
  Result<std::shared_ptr<Topic>> topic(const std::string& name);
  Result<std::vector<std::string>> list_topics() const;
  Status delete_topic(const std::string& name);

  ConsumerGroupStore& groups() { return groups_; }

  // Runs the background work once, now (tests and single-threaded callers).
  Status run_maintenance(bool retention);
  // Flushes and closes every topic cleanly; later calls do nothing.
  Status close();

 private:
  explicit LogManager(Options options);
  std::filesystem::path topic_dir(const std::string& name) const;
  void background_loop(std::stop_token stop);
  std::vector<std::shared_ptr<Topic>> open_topics() const;

  Options options_;
  int lock_fd_ = -1;
  ConsumerGroupStore groups_;
  mutable std::mutex topics_mutex_;
  std::map<std::string, std::shared_ptr<Topic>> topics_;
  std::mutex wake_mutex_;
  std::condition_variable_any wake_;
  std::jthread background_;
  bool closed_ = false;
};

}  // namespace tributary::log
