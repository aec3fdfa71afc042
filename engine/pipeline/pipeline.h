// A pipeline as the app and the CLI hold it (pipeline-format.md): nodes with their kind and
// parameters, edges between named ports, run settings, and layout that never changes what
// the pipeline computes.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tributary::pipeline {

inline constexpr const char* kFormatName = "tributary-pipeline";
inline constexpr int kFormatVersion = 1;

struct Settings {
  std::string trigger = "interval";  // interval | available-now | continuous
  std::int64_t trigger_ms = 100;
  std::int64_t max_records_per_batch = 0;  // 0: no limit
  std::int64_t threads = 0;                // 0: one per core
};

struct Node {
  std::string id;
  std::string kind;
  int kind_version = 1;
  std::string label;
  nlohmann::json params = nlohmann::json::object();  // as written (defaults are not filled in)
  nlohmann::json ui = nlohmann::json::object();      // layout: x, y, ...
};

struct PortRef {
  std::string node;
  std::string port;
  std::string text() const { return node + "." + port; }
};

struct Edge {
  PortRef from;
  PortRef to;
};

struct Pipeline {
  std::string name;
  std::string description;
  Settings settings;
  std::vector<Node> nodes;
  std::vector<Edge> edges;
  nlohmann::json ui = nlohmann::json::object();  // view state of the canvas

  const Node* node(const std::string& id) const {
    for (const auto& n : nodes) {
      if (n.id == id) return &n;
    }
    return nullptr;
  }
};

}  // namespace tributary::pipeline
