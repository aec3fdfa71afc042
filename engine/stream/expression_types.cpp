// Type checking: resolves names, applies int64 -> double promotion, and refuses what cannot
// be evaluated, naming the column of the offending token.
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "stream/expression_ast.h"

namespace tributary::stream {
namespace {

struct Signature {
  Fn fn;
  int min_args;
  int max_args;  // -1: any number
};

const std::map<std::string, Signature>& functions() {
  static const std::map<std::string, Signature> table = {
      {"abs", {Fn::abs, 1, 1}},         {"round", {Fn::round, 1, 2}},        {"floor", {Fn::floor, 1, 1}},
      {"ceil", {Fn::ceil, 1, 1}},       {"sqrt", {Fn::sqrt, 1, 1}},          {"ln", {Fn::ln, 1, 1}},
      {"exp", {Fn::exp, 1, 1}},         {"pow", {Fn::pow, 2, 2}},            {"min", {Fn::min, 2, -1}},
      {"max", {Fn::max, 2, -1}},        {"lower", {Fn::lower, 1, 1}},        {"upper", {Fn::upper, 1, 1}},
      {"length", {Fn::length, 1, 1}},   {"substr", {Fn::substr, 2, 3}},      {"concat", {Fn::concat, 1, -1}},
      {"contains", {Fn::contains, 2, 2}}, {"starts_with", {Fn::starts_with, 2, 2}},
      {"regex_match", {Fn::regex_match, 2, 2}}, {"coalesce", {Fn::coalesce, 1, -1}}, {"if", {Fn::if_, 3, 3}},
      {"to_number", {Fn::to_number, 1, 1}}, {"to_string", {Fn::to_string, 1, 1}},
  };
  return table;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Status type_error(const Expr& e, const std::string& message) { return syntax_error(e.column, message); }

// The common type two operands are brought to, if any: int64 meets double as double; null
// meets anything as that thing.
std::optional<DataType> unify(DataType a, DataType b) {
  if (a == b) return a;
  if (a == DataType::null) return b;
  if (b == DataType::null) return a;
  if (is_numeric(a) && is_numeric(b)) return DataType::float64;
  if ((a == DataType::timestamp && b == DataType::int64) || (a == DataType::int64 && b == DataType::timestamp)) {
    return DataType::timestamp;
  }
  return std::nullopt;
}

Status expect(const Expr& arg, bool ok, const std::string& what) {
  if (ok || arg.type == DataType::null) return {};
  return type_error(arg, "expected " + what + ", got " + type_name(arg.type));
}

bool numeric_or_null(DataType t) { return is_numeric(t) || t == DataType::null; }

Status check(Expr& e, const Schema& input) {
  for (auto& a : e.args) TRIB_RETURN_IF_ERROR(check(*a, input));
  switch (e.kind) {
    case Expr::Kind::literal: return {};
    case Expr::Kind::field: {
      auto index = input.index_of(e.name);
      if (!index) return type_error(e, "unknown field '" + e.name + "'");
      e.field_index = *index;
      e.type = input.field(*index).type;
      return {};
    }
    case Expr::Kind::is_null: e.type = DataType::boolean; return {};
    case Expr::Kind::unary: {
      const Expr& a = *e.args[0];
      if (e.op == Op::logical_not) {
        TRIB_RETURN_IF_ERROR(expect(a, a.type == DataType::boolean, "a boolean after 'not'"));
        e.type = DataType::boolean;
      } else {
        TRIB_RETURN_IF_ERROR(expect(a, is_numeric(a.type), "a number after '-'"));
        e.type = a.type == DataType::null ? DataType::int64 : a.type;
      }
      return {};
    }
    case Expr::Kind::binary: {
      const Expr& a = *e.args[0];
      const Expr& b = *e.args[1];
      switch (e.op) {
        case Op::logical_and:
        case Op::logical_or:
          TRIB_RETURN_IF_ERROR(expect(a, a.type == DataType::boolean, "a boolean"));
          TRIB_RETURN_IF_ERROR(expect(b, b.type == DataType::boolean, "a boolean"));
          e.type = DataType::boolean;
          return {};
        case Op::eq: case Op::ne: case Op::lt: case Op::le: case Op::gt: case Op::ge:
          if (!unify(a.type, b.type)) {
            return type_error(e, std::string("cannot compare ") + type_name(a.type) + " with " + type_name(b.type));
          }
          e.type = DataType::boolean;
          return {};
        case Op::add: case Op::sub:
          // Timestamps move by milliseconds; two timestamps subtract to a duration.
          if (a.type == DataType::timestamp && (b.type == DataType::int64 || b.type == DataType::null)) {
            e.type = DataType::timestamp;
            return {};
          }
          if (e.op == Op::sub && a.type == DataType::timestamp && b.type == DataType::timestamp) {
            e.type = DataType::int64;
            return {};
          }
          if (e.op == Op::add && b.type == DataType::timestamp && a.type == DataType::int64) {
            e.type = DataType::timestamp;
            return {};
          }
          [[fallthrough]];
        case Op::mul: case Op::div: case Op::mod: {
          if (!numeric_or_null(a.type) || !numeric_or_null(b.type)) {
            const Expr& bad = numeric_or_null(a.type) ? b : a;
            return type_error(e, std::string("arithmetic needs numbers, got ") + type_name(bad.type));
          }
          if (e.op == Op::div) e.type = DataType::float64;  // 7 / 2 = 3.5, as in Spark
          else e.type = (a.type == DataType::float64 || b.type == DataType::float64) ? DataType::float64 : DataType::int64;
          return {};
        }
        default: break;
      }
      return type_error(e, "unknown operator");
    }
    case Expr::Kind::in_list: {
      const Expr& needle = *e.args[0];
      for (std::size_t i = 1; i < e.args.size(); ++i) {
        if (!unify(needle.type, e.args[i]->type)) {
          return type_error(*e.args[i], std::string("cannot compare ") + type_name(needle.type) + " with " +
                                            type_name(e.args[i]->type) + " in 'in'");
        }
      }
      e.type = DataType::boolean;
      return {};
    }
    case Expr::Kind::call: break;
  }

  const auto& table = functions();
  auto it = table.find(lower(e.name));
  if (it == table.end()) return type_error(e, "unknown function '" + e.name + "'");
  const Signature sig = it->second;
  const int n = static_cast<int>(e.args.size());
  if (n < sig.min_args || (sig.max_args >= 0 && n > sig.max_args)) {
    std::string expected = std::to_string(sig.min_args);
    if (sig.max_args != sig.min_args) expected += sig.max_args < 0 ? " or more" : " to " + std::to_string(sig.max_args);
    return type_error(e, it->first + "() takes " + expected + " argument(s), got " + std::to_string(n));
  }
  e.fn = sig.fn;
  auto arg = [&](int i) -> Expr& { return *e.args[static_cast<std::size_t>(i)]; };
  auto all_strings = [&](int from, int to) -> Status {
    for (int i = from; i < to; ++i) TRIB_RETURN_IF_ERROR(expect(arg(i), arg(i).type == DataType::string, "a string"));
    return {};
  };
  switch (sig.fn) {
    case Fn::abs:
      TRIB_RETURN_IF_ERROR(expect(arg(0), is_numeric(arg(0).type), "a number"));
      e.type = arg(0).type == DataType::null ? DataType::int64 : arg(0).type;
      break;
    case Fn::round:
      TRIB_RETURN_IF_ERROR(expect(arg(0), is_numeric(arg(0).type), "a number"));
      if (n == 2) TRIB_RETURN_IF_ERROR(expect(arg(1), arg(1).type == DataType::int64, "whole digits"));
      e.type = arg(0).type == DataType::int64 ? DataType::int64 : DataType::float64;
      break;
    case Fn::floor: case Fn::ceil:
      TRIB_RETURN_IF_ERROR(expect(arg(0), is_numeric(arg(0).type), "a number"));
      e.type = DataType::int64;
      break;
    case Fn::sqrt: case Fn::ln: case Fn::exp: case Fn::pow:
      for (int i = 0; i < n; ++i) TRIB_RETURN_IF_ERROR(expect(arg(i), is_numeric(arg(i).type), "a number"));
      e.type = DataType::float64;
      break;
    case Fn::min: case Fn::max: {
      DataType t = DataType::null;
      for (int i = 0; i < n; ++i) {
        TRIB_RETURN_IF_ERROR(expect(arg(i), is_numeric(arg(i).type) || arg(i).type == DataType::timestamp, "a number"));
        auto u = unify(t, arg(i).type);
        if (!u) return type_error(arg(i), std::string("cannot mix ") + type_name(t) + " and " + type_name(arg(i).type));
        t = *u;
      }
      e.type = t == DataType::null ? DataType::int64 : t;
      break;
    }
    case Fn::lower: case Fn::upper:
      TRIB_RETURN_IF_ERROR(all_strings(0, 1));
      e.type = DataType::string;
      break;
    case Fn::length:
      TRIB_RETURN_IF_ERROR(all_strings(0, 1));
      e.type = DataType::int64;
      break;
    case Fn::substr:
      TRIB_RETURN_IF_ERROR(all_strings(0, 1));
      for (int i = 1; i < n; ++i) TRIB_RETURN_IF_ERROR(expect(arg(i), arg(i).type == DataType::int64, "a whole number"));
      e.type = DataType::string;
      break;
    case Fn::concat: e.type = DataType::string; break;
    case Fn::contains: case Fn::starts_with:
      TRIB_RETURN_IF_ERROR(all_strings(0, 2));
      e.type = DataType::boolean;
      break;
    case Fn::regex_match: {
      TRIB_RETURN_IF_ERROR(all_strings(0, 1));
      const Expr& pattern = arg(1);
      if (pattern.kind != Expr::Kind::literal || pattern.type != DataType::string) {
        return type_error(pattern, "regex_match() needs a 'quoted' pattern");
      }
      auto re = std::make_shared<re2::RE2>(pattern.string_value, re2::RE2::Quiet);
      if (!re->ok()) return type_error(pattern, "bad regular expression: " + re->error());
      e.regex = std::move(re);
      e.type = DataType::boolean;
      break;
    }
    case Fn::coalesce: {
      DataType t = DataType::null;
      for (int i = 0; i < n; ++i) {
        auto u = unify(t, arg(i).type);
        if (!u) return type_error(arg(i), std::string("coalesce() cannot mix ") + type_name(t) + " and " + type_name(arg(i).type));
        t = *u;
      }
      e.type = t;
      break;
    }
    case Fn::if_: {
      TRIB_RETURN_IF_ERROR(expect(arg(0), arg(0).type == DataType::boolean, "a boolean condition"));
      auto u = unify(arg(1).type, arg(2).type);
      if (!u) return type_error(arg(2), std::string("if() branches differ: ") + type_name(arg(1).type) + " and " + type_name(arg(2).type));
      e.type = *u;
      break;
    }
    case Fn::to_number:
      TRIB_RETURN_IF_ERROR(expect(arg(0), arg(0).type != DataType::boolean, "a string or a number"));
      e.type = DataType::float64;
      break;
    case Fn::to_string: e.type = DataType::string; break;
  }
  return {};
}

}  // namespace

Status type_check(Expr& root, const Schema& input) { return check(root, input); }

}  // namespace tributary::stream
