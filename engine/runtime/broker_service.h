// The app's Kafka-compatible broker: while it serves, it owns the data directory's log, and
// pipeline runs of the same process share that log (RunOptions::logs), so Kafka clients and
// pipelines read and write the same topics at once.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "broker/broker.h"
#include "core/status.h"

namespace tributary::log {
class LogManager;
}

namespace tributary::runtime {

class BrokerService {
 public:
  static Result<std::unique_ptr<BrokerService>> start(const std::filesystem::path& data_dir,
                                                      const broker::BrokerOptions& options);
  ~BrokerService();  // stops serving, then closes the log cleanly

  log::LogManager& logs() { return *logs_; }
  std::string address() const { return broker_->address(); }
  broker::BrokerStats stats() const { return broker_->stats(); }

 private:
  BrokerService() = default;
  std::unique_ptr<log::LogManager> logs_;
  std::unique_ptr<broker::Broker> broker_;
};

}  // namespace tributary::runtime
