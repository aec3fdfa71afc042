#include "core/failpoint.h"

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <string>

namespace tributary {
namespace {

struct Armed {
  std::string name;
  long remaining = -1;
};

Armed& armed() {
  static Armed a = [] {
    Armed x;
    if (const char* spec = std::getenv("TRIBUTARY_FAILPOINT")) {
      const char* colon = std::strrchr(spec, ':');
      x.name = colon ? std::string(spec, colon) : std::string(spec);
      x.remaining = colon ? std::strtol(colon + 1, nullptr, 10) : 1;
    }
    return x;
  }();
  return a;
}

}  // namespace

void failpoint(const char* name) {
  Armed& a = armed();
  if (a.remaining <= 0 || a.name != name) return;
  if (--a.remaining == 0) std::raise(SIGKILL);
}

}  // namespace tributary
