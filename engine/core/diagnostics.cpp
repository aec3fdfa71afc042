#include "core/diagnostics.h"

#include <cstdio>
#include <mutex>

namespace tributary {
namespace {

std::mutex& sink_mutex() {
  static std::mutex m;
  return m;
}

DiagnosticSink& current_sink() {
  static DiagnosticSink sink = [](Severity severity, const std::string& message) {
    const char* tag = severity == Severity::error ? "error" : severity == Severity::warning ? "warning" : "info";
    std::fprintf(stderr, "tributary: %s: %s\n", tag, message.c_str());
  };
  return sink;
}

}  // namespace

DiagnosticSink set_diagnostic_sink(DiagnosticSink sink) {
  std::lock_guard lock(sink_mutex());
  auto previous = std::move(current_sink());
  current_sink() = std::move(sink);
  return previous;
}

void report(Severity severity, const std::string& message) {
  std::lock_guard lock(sink_mutex());
  if (current_sink()) current_sink()(severity, message);
}

}  // namespace tributary
