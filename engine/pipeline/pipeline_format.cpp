#include "pipeline/pipeline_format.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace tributary::pipeline {
namespace {

using json = nlohmann::json;
using ordered = nlohmann::ordered_json;

// Document versions this program migrates from: migrations[v - 1] turns version v into v + 1.
const std::vector<std::function<void(json&)>> kMigrations = {};

// 1-based line and column of a byte offset, for "not JSON" messages.
std::string line_column(std::string_view text, std::size_t byte) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n')
      ++line, column = 1;
    else
      ++column;
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

bool is_valid_id(const std::string& id) {
  if (id.empty()) return false;
  for (char c : id) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) return false;
  }
  return true;
}

const char* json_kind(const json& v) {
  switch (v.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::boolean:
      return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      return "an integer";
    case json::value_t::number_float:
      return "a number";
    case json::value_t::string:
      return "a string";
    case json::value_t::array:
      return "a list";
    case json::value_t::object:
      return "an object";
    default:
      return "something else";
  }
}

bool is_string_list(const json& v) {
  if (!v.is_array()) return false;
  for (const auto& e : v) {
    if (!e.is_string()) return false;
  }
  return true;
}

// Type of one parameter value against its declaration; empty when it fits.
std::string check_param(const ParamSpec& spec, const json& v) {
  const std::string expected =
      std::string("expected ") + param_type_name(spec.type) + ", got " + json_kind(v);
  auto number = [](double x) {
    return x == static_cast<double>(static_cast<std::int64_t>(x))
               ? std::to_string(static_cast<std::int64_t>(x))
               : json(x).dump();
  };
  auto in_range = [&](double x) -> std::string {
    if (spec.min && x < *spec.min) return "must be at least " + number(*spec.min);
    if (spec.max && x > *spec.max) return "must be at most " + number(*spec.max);
    return {};
  };
  switch (spec.type) {
    case ParamType::string:
    case ParamType::field:
    case ParamType::expression:
    case ParamType::path:
      if (!v.is_string()) return expected;
      if (spec.type != ParamType::string && v.get<std::string>().empty())
        return "must not be empty";
      return {};
    case ParamType::integer:
      if (!v.is_number_integer()) return expected;
      return in_range(v.get<double>());
    case ParamType::number:
      if (!v.is_number()) return expected;
      return in_range(v.get<double>());
    case ParamType::boolean:
      return v.is_boolean() ? "" : expected;
    case ParamType::choice: {
      std::string list;
      for (const auto& c : spec.choices) list += (list.empty() ? "" : ", ") + c;
      if (!v.is_string()) return "expected one of " + list + ", got " + json_kind(v);
      for (const auto& c : spec.choices) {
        if (v.get<std::string>() == c) return {};
      }
      return "'" + v.get<std::string>() + "' is not one of " + list;
    }
    case ParamType::string_list:
    case ParamType::field_list:
    case ParamType::expression_list:
      if (!is_string_list(v)) return expected;
      if (spec.min && v.size() < static_cast<std::size_t>(*spec.min)) {
        return "needs at least " + std::to_string(static_cast<int>(*spec.min)) + " entries";
      }
      return {};
    case ParamType::aggregates: {
      if (!v.is_array() || v.empty()) return "expected a non-empty list of {fn, field, as}";
      for (std::size_t i = 0; i < v.size(); ++i) {
        const auto& a = v[i];
        const std::string at = "[" + std::to_string(i) + "] ";
        if (!a.is_object()) return at + "expected {fn, field, as}, got " + json_kind(a);
        for (const auto& [k, x] : a.items()) {
          if (k != "fn" && k != "field" && k != "as") return at + "unknown key '" + k + "'";
          if (!x.is_string()) return at + k + ": expected a string";
        }
        if (!a.contains("fn")) return at + "fn is missing";
        if (!a.contains("as")) return at + "as is missing";
      }
      return {};
    }
    case ParamType::map_fields: {
      if (!v.is_array() || v.empty()) return "expected a non-empty list of {as, expr}";
      for (std::size_t i = 0; i < v.size(); ++i) {
        const auto& a = v[i];
        const std::string at = "[" + std::to_string(i) + "] ";
        if (!a.is_object() || !a.contains("as") || !a.contains("expr") || a.size() != 2 ||
            !a["as"].is_string() || !a["expr"].is_string()) {
          return at + "expected {\"as\": name, \"expr\": expression}";
        }
      }
      return {};
    }
    case ParamType::fields: {
      if (!v.is_object() || v.empty())
        return "expected an object of field types, e.g. {\"ts\": \"timestamp\"}";
      for (const auto& [name, t] : v.items()) {
        if (!t.is_string() || !parse_type_name(t.get<std::string>())) {
          return "field '" + name + "': unknown type " + t.dump() +
                 " (bool, int64, double, string, timestamp)";
        }
      }
      return {};
    }
  }
  return {};
}

void read_settings(const json& s, Settings& out, Diagnostics& d) {
  if (!s.is_object())
    return d.push_back({"settings", std::string("expected an object, got ") + json_kind(s)});
  for (const auto& [key, v] : s.items()) {
    const std::string where = "settings." + key;
    if (key == "trigger") {
      if (!v.is_string() || (v != "interval" && v != "available-now" && v != "continuous")) {
        d.push_back({where, "expected interval, available-now or continuous"});
      } else {
        out.trigger = v.get<std::string>();
      }
    } else if (key == "trigger_ms" || key == "max_records_per_batch" || key == "threads") {
      const std::int64_t least = key == "trigger_ms" ? 1 : 0;
      if (!v.is_number_integer() || v.get<std::int64_t>() < least) {
        d.push_back({where, "expected an integer of at least " + std::to_string(least)});
        continue;
      }
      (key == "trigger_ms" ? out.trigger_ms
       : key == "threads"  ? out.threads
                           : out.max_records_per_batch) = v.get<std::int64_t>();
    } else {
      d.push_back({where, "unknown setting"});
    }
  }
}

std::optional<PortRef> parse_port(const json& v) {
  if (!v.is_string()) return std::nullopt;
  const std::string s = v.get<std::string>();
  const auto dot = s.rfind('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 == s.size()) return std::nullopt;
  return PortRef{s.substr(0, dot), s.substr(dot + 1)};
}

void read_node(const json& n, std::size_t index, const NodeRegistry& kinds, Pipeline& p,
               Diagnostics& d) {
  const std::string at = "nodes[" + std::to_string(index) + "]";
  if (!n.is_object())
    return d.push_back({at, std::string("expected an object, got ") + json_kind(n)});
  Node node;
  if (!n.contains("id") || !n["id"].is_string() || !is_valid_id(n["id"].get<std::string>())) {
    return d.push_back({at + ".id", "expected an id of letters, digits, '_' and '-'"});
  }
  node.id = n["id"].get<std::string>();
  if (p.node(node.id)) return d.push_back({node.id, "duplicate id"});
  for (const auto& [key, v] : n.items()) {
    if (key != "id" && key != "kind" && key != "kind_version" && key != "label" &&
        key != "params" && key != "ui") {
      d.push_back({node.id + "." + key,
                   "unknown key (a node has id, kind, kind_version, label, params, ui)"});
    }
  }
  if (!n.contains("kind") || !n["kind"].is_string())
    return d.push_back({node.id + ".kind", "missing"});
  node.kind = n["kind"].get<std::string>();
  const NodeKind* kind = kinds.find(node.kind);
  if (!kind) d.push_back({node.id + ".kind", "unknown kind '" + node.kind + "'"});
  if (n.contains("kind_version")) {
    const json& kv = n["kind_version"];
    if (!kv.is_number_integer() || kv.get<int>() < 1) {
      d.push_back({node.id + ".kind_version", "expected an integer of at least 1"});
    } else {
      node.kind_version = kv.get<int>();
    }
  }
  if (n.contains("label")) {
    if (n["label"].is_string())
      node.label = n["label"].get<std::string>();
    else
      d.push_back({node.id + ".label", "expected a string"});
  }
  if (n.contains("ui")) {
    if (n["ui"].is_object())
      node.ui = n["ui"];
    else
      d.push_back({node.id + ".ui", "expected an object"});
  }
  if (n.contains("params")) {
    if (n["params"].is_object())
      node.params = n["params"];
    else
      d.push_back(
          {node.id + ".params", std::string("expected an object, got ") + json_kind(n["params"])});
  }
  if (kind) {
    if (node.kind_version > kind->version) {
      d.push_back({node.id + ".kind_version", "version " + std::to_string(node.kind_version) +
                                                  " of " + kind->id +
                                                  " is newer than this program knows (" +
                                                  std::to_string(kind->version) + ")"});
    } else {
      for (int v = node.kind_version; v < kind->version; ++v) {
        if (static_cast<std::size_t>(v - 1) < kind->upgrades.size())
          kind->upgrades[static_cast<std::size_t>(v - 1)](node.params);
      }
      node.kind_version = kind->version;
      for (const auto& [name, value] : node.params.items()) {
        const ParamSpec* spec = kind->param(name);
        if (!spec) {
          d.push_back({node.id + "." + name, "unknown parameter of " + kind->id});
          continue;
        }
        if (std::string problem = check_param(*spec, value); !problem.empty())
          d.push_back({node.id + "." + name, problem});
      }
      for (const auto& spec : kind->params) {
        if (spec.required && !node.params.contains(spec.name))
          d.push_back({node.id + "." + spec.name, "missing"});
      }
    }
  }
  p.nodes.push_back(std::move(node));
}

}  // namespace

nlohmann::json resolved_params(const Node& node, const NodeKind& kind) {
  json out = node.params;
  for (const auto& spec : kind.params) {
    if (!out.contains(spec.name) && !spec.default_value.is_null())
      out[spec.name] = spec.default_value;
  }
  return out;
}

LoadResult load_pipeline(std::string_view text, const NodeRegistry& kinds) {
  LoadResult r;
  Diagnostics& d = r.diagnostics;
  json doc;
  try {
    doc = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    // nlohmann's message repeats the position; keep only what went wrong.
    std::string what = e.what();
    if (const auto colon = what.rfind(": "); colon != std::string::npos)
      what = what.substr(colon + 2);
    d.push_back(
        {"pipeline", "not JSON: " + line_column(text, e.byte == 0 ? 0 : e.byte - 1) + ": " + what});
    return r;
  } catch (const json::exception& e) {  // e.g. a number out of range (found by the fuzzer)
    d.push_back({"pipeline", std::string("not JSON: ") + e.what()});
    return r;
  }
  if (!doc.is_object()) {
    d.push_back({"pipeline", std::string("expected a JSON object, got ") + json_kind(doc)});
    return r;
  }
  if (!doc.contains("format") || doc["format"] != kFormatName) {
    d.push_back({"format", doc.contains("format")
                               ? "unknown format " + doc["format"].dump() + " (expected \"" +
                                     std::string(kFormatName) + "\")"
                               : "missing (expected \"" + std::string(kFormatName) + "\")"});
    return r;
  }
  if (!doc.contains("version") || !doc["version"].is_number_integer() ||
      doc["version"].get<int>() < 1) {
    d.push_back({"version", "expected an integer of at least 1"});
    return r;
  }
  const int version = doc["version"].get<int>();
  if (version > kFormatVersion) {
    d.push_back({"version", "version " + std::to_string(version) +
                                " is newer than this program knows (" +
                                std::to_string(kFormatVersion) + ")"});
    return r;
  }
  for (int v = version; v < kFormatVersion; ++v) kMigrations[static_cast<std::size_t>(v - 1)](doc);

  for (const auto& [key, v] : doc.items()) {
    static const char* known[] = {"format",   "version", "name",  "description",
                                  "settings", "nodes",   "edges", "ui"};
    if (std::find(std::begin(known), std::end(known), key) == std::end(known))
      d.push_back({key, "unknown key"});
  }
  Pipeline& p = r.pipeline;
  if (!doc.contains("name") || !doc["name"].is_string() || doc["name"].get<std::string>().empty()) {
    d.push_back({"name", "expected a non-empty string"});
  } else {
    p.name = doc["name"].get<std::string>();
  }
  if (doc.contains("description")) {
    if (doc["description"].is_string())
      p.description = doc["description"].get<std::string>();
    else
      d.push_back({"description", "expected a string"});
  }
  if (doc.contains("settings")) read_settings(doc["settings"], p.settings, d);
  if (doc.contains("ui")) {
    if (doc["ui"].is_object())
      p.ui = doc["ui"];
    else
      d.push_back({"ui", "expected an object"});
  }
  if (!doc.contains("nodes") || !doc["nodes"].is_array()) {
    d.push_back({"nodes", "expected a list of nodes"});
  } else {
    for (std::size_t i = 0; i < doc["nodes"].size(); ++i)
      read_node(doc["nodes"][i], i, kinds, p, d);
  }
  if (doc.contains("edges")) {
    if (!doc["edges"].is_array()) {
      d.push_back({"edges", "expected a list of edges"});
    } else {
      for (std::size_t i = 0; i < doc["edges"].size(); ++i) {
        const json& e = doc["edges"][i];
        const std::string at = "edges[" + std::to_string(i) + "]";
        if (!e.is_object() || !e.contains("from") || !e.contains("to") || e.size() != 2) {
          d.push_back({at, "expected {\"from\": \"node.port\", \"to\": \"node.port\"}"});
          continue;
        }
        const auto from = parse_port(e["from"]);
        const auto to = parse_port(e["to"]);
        if (!from) d.push_back({at + ".from", "expected \"node.port\", got " + e["from"].dump()});
        if (!to) d.push_back({at + ".to", "expected \"node.port\", got " + e["to"].dump()});
        if (from && to) p.edges.push_back({*from, *to});
      }
    }
  }
  return r;
}

LoadResult load_pipeline_file(const std::filesystem::path& file, const NodeRegistry& kinds) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    LoadResult r;
    r.diagnostics.push_back({"pipeline", "cannot read " + file.string()});
    return r;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  return load_pipeline(buffer.str(), kinds);
}

std::string save_pipeline(const Pipeline& p) {
  ordered doc;
  doc["format"] = kFormatName;
  doc["version"] = kFormatVersion;
  doc["name"] = p.name;
  if (!p.description.empty()) doc["description"] = p.description;
  const Settings defaults;
  ordered settings = ordered::object();
  if (p.settings.trigger != defaults.trigger) settings["trigger"] = p.settings.trigger;
  if (p.settings.trigger_ms != defaults.trigger_ms) settings["trigger_ms"] = p.settings.trigger_ms;
  if (p.settings.max_records_per_batch != defaults.max_records_per_batch) {
    settings["max_records_per_batch"] = p.settings.max_records_per_batch;
  }
  if (p.settings.threads != defaults.threads) settings["threads"] = p.settings.threads;
  if (!settings.empty()) doc["settings"] = settings;
  ordered nodes = ordered::array();
  for (const auto& n : p.nodes) {
    ordered o;
    o["id"] = n.id;
    o["kind"] = n.kind;
    if (n.kind_version != 1) o["kind_version"] = n.kind_version;
    if (!n.label.empty()) o["label"] = n.label;
    // json objects keep their keys sorted: parameters and layout come out in one order.
    o["params"] = ordered::parse(n.params.dump());
    if (!n.ui.empty()) o["ui"] = ordered::parse(n.ui.dump());
    nodes.push_back(std::move(o));
  }
  doc["nodes"] = std::move(nodes);
  ordered edges = ordered::array();
  for (const auto& e : p.edges) edges.push_back({{"from", e.from.text()}, {"to", e.to.text()}});
  doc["edges"] = std::move(edges);
  if (!p.ui.empty()) doc["ui"] = ordered::parse(p.ui.dump());
  return doc.dump(2, ' ', false, json::error_handler_t::strict) + "\n";
}

}  // namespace tributary::pipeline
