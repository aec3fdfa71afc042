// Short ways to declare parameters in the kind files.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pipeline/node_kind.h"

namespace tributary::nodes {

inline pipeline::ParamSpec required(std::string name, pipeline::ParamType type, std::string help) {
  pipeline::ParamSpec p;
  p.name = std::move(name);
  p.type = type;
  p.required = true;
  p.help = std::move(help);
  return p;
}

inline pipeline::ParamSpec optional(std::string name, pipeline::ParamType type,
                                    nlohmann::json default_value, std::string help) {
  pipeline::ParamSpec p;
  p.name = std::move(name);
  p.type = type;
  p.default_value = std::move(default_value);
  p.help = std::move(help);
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
