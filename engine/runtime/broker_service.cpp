#include "runtime/broker_service.h"

#include "log/log_manager.h"

namespace tributary::runtime {

Result<std::unique_ptr<BrokerService>> BrokerService::start(const std::filesystem::path& data_dir,
                                                            const broker::BrokerOptions& options) {
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  log::LogManager::Options o;
  o.data_dir = data_dir;
  TRIB_ASSIGN_OR_RETURN(auto logs, log::LogManager::open(o));
  TRIB_ASSIGN_OR_RETURN(auto broker, broker::Broker::start(*logs, options));
  std::unique_ptr<BrokerService> service(new BrokerService());
  service->logs_ = std::move(logs);
  service->broker_ = std::move(broker);
  return service;
}

BrokerService::~BrokerService() {
  if (broker_) broker_->stop();
  if (logs_) (void)logs_->close();
}

}  // namespace tributary::runtime
