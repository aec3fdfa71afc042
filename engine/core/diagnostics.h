// Where the engine reports events worth a human's attention (recovery cuts, retention).
// The CLI prints them to stderr; the GUI will show them; tests capture them.
#pragma once

#include <functional>
#include <string>

namespace tributary {

enum class Severity { info, warning, error };

using DiagnosticSink = std::function<void(Severity, const std::string&)>;

// Replaces the process-wide sink; returns the previous one. The default writes to stderr.
DiagnosticSink set_diagnostic_sink(DiagnosticSink sink);
void report(Severity severity, const std::string& message);

}  // namespace tributary
