#include "log/log_config.h"

namespace tributary::log {

const char* flush_policy_name(FlushPolicy policy) {
  switch (policy) {
    case FlushPolicy::always: return "always";
    case FlushPolicy::interval: return "interval";
    case FlushPolicy::never: return "never";
  }
  return "interval";
}

std::optional<FlushPolicy> parse_flush_policy(std::string_view text) {
  if (text == "always") return FlushPolicy::always;
  if (text == "interval") return FlushPolicy::interval;
  if (text == "never") return FlushPolicy::never;
  return std::nullopt;
}

}  // namespace tributary::log
