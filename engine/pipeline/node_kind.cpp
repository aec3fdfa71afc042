#include "pipeline/node_kind.h"

namespace tributary::pipeline {

const char* param_type_name(ParamType t) {
  switch (t) {
    case ParamType::string:
      return "a string";
    case ParamType::integer:
      return "an integer";
    case ParamType::number:
      return "a number";
    case ParamType::boolean:
      return "true or false";
    case ParamType::choice:
      return "one of the choices";
    case ParamType::string_list:
      return "a list of strings";
    case ParamType::field:
      return "a field name";
    case ParamType::field_list:
      return "a list of field names";
    case ParamType::expression:
      return "an expression";
    case ParamType::expression_list:
      return "a list of expressions";
    case ParamType::aggregates:
      return "a list of aggregates";
    case ParamType::map_fields:
      return "a list of {as, expr}";
    case ParamType::fields:
      return "an object of field types";
    case ParamType::path:
      return "a path";
  }
  return "?";
}

void NodeRegistry::add(NodeKind kind) {
  auto owned = std::make_unique<NodeKind>(std::move(kind));
  by_id_[owned->id] = owned.get();
  kinds_.push_back(std::move(owned));
}

const NodeKind* NodeRegistry::find(const std::string& id) const {
  const auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : it->second;
}

}  // namespace tributary::pipeline
