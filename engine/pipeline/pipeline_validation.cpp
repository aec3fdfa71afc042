#include "pipeline/pipeline_validation.h"

#include <algorithm>
#include <set>

#include "pipeline/pipeline_format.h"
#include "stream/operator.h"

namespace tributary::pipeline {
namespace {

bool faulted(const Diagnostics& d, const std::string& id) {
  return std::any_of(d.begin(), d.end(), [&](const Diagnostic& x) {
    return x.where == id || (x.where.size() > id.size() && x.where.compare(0, id.size(), id) == 0 &&
                             x.where[id.size()] == '.');
  });
}

std::string port_names(const std::vector<PortSpec>& ports) {
  std::string s;
  for (const auto& p : ports) s += (s.empty() ? "" : ", ") + p.name;
  return s.empty() ? "none" : s;
}

const PortSpec* find_port(const std::vector<PortSpec>& ports, const std::string& name) {
  for (const auto& p : ports) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

}  // namespace

std::vector<const Edge*> edges_into(const Pipeline& pipeline, const std::string& node,
                                    const std::string& port) {
  std::vector<const Edge*> out;
  for (const auto& e : pipeline.edges) {
    if (e.to.node == node && e.to.port == port) out.push_back(&e);
  }
  return out;
}

Validation validate_pipeline(const Pipeline& p, const NodeRegistry& kinds,
                             const std::filesystem::path& base_dir, const Diagnostics& load) {
  Validation v;
  Diagnostics& d = v.diagnostics;
  auto kind_of = [&](const std::string& id) -> const NodeKind* {
    const Node* n = p.node(id);
    return n ? kinds.find(n->kind) : nullptr;
  };

  // Edges.
  std::set<std::pair<std::string, std::string>> seen;
  std::vector<const Edge*> good;
  for (std::size_t i = 0; i < p.edges.size(); ++i) {
    const Edge& e = p.edges[i];
    const std::string at = "edges[" + std::to_string(i) + "]";
    bool ok = true;
    const NodeKind* from = kind_of(e.from.node);
    const NodeKind* to = kind_of(e.to.node);
    if (!p.node(e.from.node))
      d.push_back({at + ".from", "unknown node '" + e.from.node + "'"}), ok = false;
    if (!p.node(e.to.node))
      d.push_back({at + ".to", "unknown node '" + e.to.node + "'"}), ok = false;
    if (ok && from && !find_port(from->outputs, e.from.port)) {
      d.push_back({e.from.text(), "no output port '" + e.from.port + "' (" + from->id +
                                      " has: " + port_names(from->outputs) + ")"});
      ok = false;
    }
    if (ok && to && !find_port(to->inputs, e.to.port)) {
      d.push_back({e.to.text(), "no input port '" + e.to.port + "' (" + to->id +
                                    " has: " + port_names(to->inputs) + ")"});
      ok = false;
    }
    if (ok && !seen.insert({e.from.text(), e.to.text()}).second) {
      d.push_back({at, "duplicate edge " + e.from.text() + " -> " + e.to.text()});
      ok = false;
    }
    if (ok && from && to) good.push_back(&e);
  }
  // Inputs: connected, and single ones once.
  for (const auto& n : p.nodes) {
    const NodeKind* kind = kinds.find(n.kind);
    if (!kind) continue;
    for (const auto& port : kind->inputs) {
      const std::size_t count =
          static_cast<std::size_t>(std::count_if(good.begin(), good.end(), [&](const Edge* e) {
            return e->to.node == n.id && e->to.port == port.name;
          }));
      if (count == 0) d.push_back({n.id + "." + port.name, "not connected"});
      if (count > 1 && !port.multiple) {
        d.push_back({n.id + "." + port.name, "takes one edge, has " + std::to_string(count)});
      }
    }
  }
  // Topological order (Kahn); what is left is on a cycle.
  std::map<std::string, int> indegree;
  for (const auto& n : p.nodes) indegree[n.id] = 0;
  for (const Edge* e : good) ++indegree[e->to.node];
  std::vector<std::string> ready;
  for (const auto& n : p.nodes) {
    if (indegree[n.id] == 0) ready.push_back(n.id);
  }
  for (std::size_t i = 0; i < ready.size(); ++i) {
    v.order.push_back(ready[i]);
    for (const Edge* e : good) {
      if (e->from.node == ready[i] && --indegree[e->to.node] == 0) ready.push_back(e->to.node);
    }
  }
  for (const auto& n : p.nodes) {
    if (indegree[n.id] > 0) d.push_back({n.id, "is part of a cycle"});
  }

  // Schemas, in order. A node is typed only when it and all its inputs are sound.
  Diagnostics before = load;
  before.insert(before.end(), d.begin(), d.end());
  std::set<std::string> typed;
  for (const auto& id : v.order) {
    const Node& node = *p.node(id);
    const NodeKind* kind = kinds.find(node.kind);
    if (!kind || faulted(before, id)) continue;
    v.params[id] = resolved_params(node, *kind);
    NodeContext ctx{id, v.params[id], {}, base_dir, ""};
    bool inputs_ok = true;
    for (const auto& port : kind->inputs) {
      std::vector<Schema> arriving;
      for (const Edge* e : good) {
        if (e->to.node != id || e->to.port != port.name) continue;
        if (!typed.count(e->from.node)) {
          inputs_ok = false;
        } else {
          arriving.push_back(v.outputs[e->from.node]);
          if (ctx.inputs.empty() && arriving.size() == 1)
            ctx.event_time = v.event_time[e->from.node];
        }
      }
      if (!inputs_ok) break;
      if (arriving.size() == 1) {
        ctx.inputs.push_back(arriving.front());
        continue;
      }
      auto unified = stream::make_union_check(arriving);
      if (!unified.ok()) {
        d.push_back(
            {id + "." + port.name, "the inputs do not match: " + unified.status().message()});
        inputs_ok = false;
        break;
      }
      ctx.inputs.push_back(*unified);
    }
    if (!inputs_ok) continue;
    auto schema = kind->output_schema ? kind->output_schema(ctx) : Result<Schema>(Schema());
    if (!schema.ok()) {
      const std::string m = schema.status().message();
      // "param: message" or "param[i]: message" names a parameter.
      const auto colon = m.find(": ");
      const std::string head = colon == std::string::npos ? "" : m.substr(0, colon);
      const auto bracket = head.find('[');
      const std::string param = head.substr(0, bracket);
      if (!param.empty() && kind->param(param)) {
        const std::string index = bracket == std::string::npos ? "" : head.substr(bracket) + " ";
        d.push_back({id + "." + param, index + m.substr(colon + 2)});
      } else {
        d.push_back({id, m});
      }
      continue;
    }
    v.outputs[id] = *schema;
    typed.insert(id);
    std::string time;
    if (kind->event_time) {
      time = kind->event_time(ctx);
    } else if (kind->category == "source") {
      const auto& tf = v.params[id].value("time_field", nlohmann::json());
      if (tf.is_string()) time = tf.get<std::string>();
    } else if (kind->category == "window") {
      time = "window_start";
    } else if (!ctx.event_time.empty() && schema->index_of(ctx.event_time)) {
      time = ctx.event_time;
    }
    v.event_time[id] = time;
  }
  return v;
}

}  // namespace tributary::pipeline
