#include "ui/document/graph_edit.h"

#include <cmath>
#include <vector>

namespace tributary::ui {

std::string idStemOfKind(const std::string& kind) {
  const auto dot = kind.rfind('.');
  std::string stem = dot == std::string::npos ? kind : kind.substr(dot + 1);
  return stem.empty() ? "node" : stem;
}

std::string idStemOfId(const std::string& id) {
  const auto dash = id.rfind('-');
  if (dash == std::string::npos || dash == 0 || dash + 1 == id.size()) return id;
  for (std::size_t i = dash + 1; i < id.size(); ++i) {
    if (id[i] < '0' || id[i] > '9') return id;
  }
  return id.substr(0, dash);
}

std::string uniqueNodeId(const std::string& stem,
                         const std::function<bool(const std::string&)>& taken) {
  if (!taken(stem)) return stem;
  for (int n = 2;; ++n) {
    std::string id = stem + "-" + std::to_string(n);
    if (!taken(id)) return id;
  }
}

QPointF nodePosition(const pipeline::Node& node) {
  auto coordinate = [&](const char* key) {
    const auto it = node.ui.find(key);
    return it != node.ui.end() && it->is_number() ? it->get<double>() : 0.0;
  };
  return {coordinate("x"), coordinate("y")};
}

void setNodePosition(pipeline::Node& node, QPointF at) {
  if (!node.ui.is_object()) node.ui = nlohmann::json::object();
  node.ui["x"] = static_cast<std::int64_t>(std::lround(at.x()));
  node.ui["y"] = static_cast<std::int64_t>(std::lround(at.y()));
}

pipeline::Pipeline selectionFragment(const pipeline::Pipeline& p,
                                     const std::set<std::string>& ids) {
  pipeline::Pipeline out;
  out.name = p.name;
  for (const auto& n : p.nodes) {
    if (ids.count(n.id)) out.nodes.push_back(n);
  }
  for (const auto& e : p.edges) {
    if (ids.count(e.from.node) && ids.count(e.to.node)) out.edges.push_back(e);
  }
  return out;
}

std::map<std::string, std::string> remapFragment(
    pipeline::Pipeline& fragment, const std::function<bool(const std::string&)>& taken,
    QPointF offset) {
  std::map<std::string, std::string> renamed;
  std::set<std::string> given;  // ids handed out to earlier nodes of the fragment
  auto used = [&](const std::string& id) { return given.count(id) > 0 || taken(id); };
  for (auto& n : fragment.nodes) {
    const std::string id = used(n.id) ? uniqueNodeId(idStemOfId(n.id), used) : n.id;
    renamed[n.id] = id;
    given.insert(id);
    n.id = id;
    setNodePosition(n, nodePosition(n) + offset);
  }
  std::vector<pipeline::Edge> edges;
  for (auto e : fragment.edges) {
    const auto a = renamed.find(e.from.node), b = renamed.find(e.to.node);
    if (a == renamed.end() || b == renamed.end()) continue;
    e.from.node = a->second;
    e.to.node = b->second;
    edges.push_back(std::move(e));
  }
  fragment.edges = std::move(edges);
  return renamed;
}

bool reaches(const pipeline::Pipeline& p, const std::string& from, const std::string& to) {
  std::set<std::string> seen{from};
  std::vector<std::string> todo{from};
  while (!todo.empty()) {
    const std::string v = todo.back();
    todo.pop_back();
    if (v == to) return true;
    for (const auto& e : p.edges) {
      if (e.from.node == v && seen.insert(e.to.node).second) todo.push_back(e.to.node);
    }
  }
  return false;
}

}  // namespace tributary::ui
