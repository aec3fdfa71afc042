// Short ways to declare parameters in the kind files.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pipeline/node_kind.h"

namespace tributary::nodes {

inline pipeline::ItemFieldSpec item_field(std::string name, pipeline::ParamType type, bool required,
                                          std::string help, std::vector<std::string> choices = {}) {
  pipeline::ItemFieldSpec f;
  f.name = std::move(name);
  f.type = type;
  f.required = required;
  f.choices = std::move(choices);
  f.help = std::move(help);
  return f;
}

// The keys of the objects of the list-valued types, as validate_pipeline() accepts them.
inline std::vector<pipeline::ItemFieldSpec> item_fields_of(pipeline::ParamType type) {
  using pipeline::ParamType;
  switch (type) {
    case ParamType::aggregates:
      return {item_field("fn", ParamType::choice, true, "The aggregate function",
                         {"count", "sum", "min", "max", "avg", "count_distinct", "first", "last"}),
              item_field("field", ParamType::field, false,
                         "The input field it reads (none for count: every record)"),
              item_field("as", ParamType::string, true, "The name of the output field")};
    case ParamType::map_fields:
      return {item_field("as", ParamType::string, true, "The name of the computed field"),
              item_field("expr", ParamType::expression, true, "Its expression over the input")};
    default:
      return {};
  }
}

inline pipeline::ParamSpec required(std::string name, pipeline::ParamType type, std::string help) {
  pipeline::ParamSpec p;
  p.name = std::move(name);
  p.type = type;
  p.required = true;
  p.help = std::move(help);
  p.item_fields = item_fields_of(type);
  return p;
}

inline pipeline::ParamSpec optional(std::string name, pipeline::ParamType type,
                                    nlohmann::json default_value, std::string help) {
  pipeline::ParamSpec p;
  p.name = std::move(name);
  p.type = type;
  p.default_value = std::move(default_value);
  p.help = std::move(help);
  p.item_fields = item_fields_of(type);
  return p;
}

inline pipeline::ParamSpec choice(std::string name, std::vector<std::string> choices,
                                  nlohmann::json default_value, std::string help) {
  pipeline::ParamSpec p = optional(std::move(name), pipeline::ParamType::choice,
                                   std::move(default_value), std::move(help));
  p.choices = std::move(choices);
  return p;
}

inline pipeline::ParamSpec at_least(pipeline::ParamSpec p, double min) {
  p.min = min;
  return p;
}

inline pipeline::ParamSpec between(pipeline::ParamSpec p, double min, double max) {
  p.min = min;
  p.max = max;
  return p;
}

inline pipeline::PortSpec port(std::string name, bool multiple = false) {
  return {std::move(name), multiple};
}

}  // namespace tributary::nodes
