// One problem found in a pipeline document, said the way pipeline-format.md asks:
// `node-id.param: message` (or `node-id: message`, or for the document itself `key: message`).
#pragma once

#include <string>
#include <vector>

namespace tributary::pipeline {

struct Diagnostic {
  std::string where;  // "sessions.gap_ms", "sessions", "version", "edges[2].to"
  std::string message;
  std::string text() const { return where.empty() ? message : where + ": " + message; }
};

using Diagnostics = std::vector<Diagnostic>;

}  // namespace tributary::pipeline
