// The syntax tree shared by the parser, the type checker and the evaluator.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/types.h"

namespace re2 {
class RE2;
}

namespace tributary::stream {

enum class Op { add, sub, mul, div, mod, eq, ne, lt, le, gt, ge, logical_and, logical_or, logical_not, negate };

enum class Fn {
  abs, round, floor, ceil, sqrt, ln, exp, pow, min, max, lower, upper, length, substr, concat, contains,
  starts_with, regex_match, coalesce, if_, to_number, to_string
};

struct Expr {
  enum class Kind { literal, field, unary, binary, in_list, is_null, call };

  Kind kind = Kind::literal;
  int column = 0;                    // 1-based position of the token in the source
  DataType type = DataType::null;    // set by the type checker

  // literal (type says which member holds it; DataType::null is the null literal)
  bool bool_value = false;
  std::int64_t int_value = 0;
  double double_value = 0;
  std::string string_value;

  std::string name;                  // field name or function name as written
  std::size_t field_index = 0;       // resolved by the type checker
  Op op = Op::add;
  Fn fn = Fn::abs;
  bool negated = false;              // `not in`, `is not null`
  std::vector<std::unique_ptr<Expr>> args;
  std::shared_ptr<re2::RE2> regex;   // regex_match's compiled pattern
};

Status syntax_error(int column, const std::string& message);
Result<std::unique_ptr<Expr>> parse_expression(std::string_view text);
// Resolves fields and functions, checks and records every node's type.
Status type_check(Expr& root, const Schema& input);

}  // namespace tributary::stream
