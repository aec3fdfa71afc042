// Lexer and precedence-climbing parser for the expression language.
//   or  <  and  <  not  <  comparison / in / is null  <  + -  <  * / %  <  unary -  <  primary
#include <cctype>
#include <charconv>
#include <cstdlib>

#include "stream/expression_ast.h"

namespace tributary::stream {

Status syntax_error(int column, const std::string& message) {
  return error(ErrorCode::invalid_argument, "column " + std::to_string(column) + ": " + message);
}

namespace {

enum class Tok { end, number, string, ident, quoted_ident, op, lparen, rparen, comma };

struct Token {
  Tok kind = Tok::end;
  std::string text;  // identifiers lower-cased only where compared as keywords
  int column = 0;
  bool is_float = false;
};

bool keyword(const Token& t, std::string_view word) {
  if (t.kind != Tok::ident || t.text.size() != word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(t.text[i])) != word[i]) return false;
  }
  return true;
}

Result<std::vector<Token>> lex(std::string_view s) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    const int col = static_cast<int>(i) + 1;
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
      continue;
    }
    Token t;
    t.column = col;
    if (std::isdigit(static_cast<unsigned char>(c)) || (c == '.' && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
      std::size_t j = i;
      while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
      if (j < s.size() && s[j] == '.') {
        t.is_float = true;
        ++j;
        while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
      }
      if (j < s.size() && (s[j] == 'e' || s[j] == 'E')) {
        std::size_t k = j + 1;
        if (k < s.size() && (s[k] == '+' || s[k] == '-')) ++k;
        if (k < s.size() && std::isdigit(static_cast<unsigned char>(s[k]))) {
          t.is_float = true;
          j = k;
          while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
        }
      }
      if (j < s.size() && (std::isalpha(static_cast<unsigned char>(s[j])) || s[j] == '_')) {
        return syntax_error(static_cast<int>(j) + 1, "unexpected '" + std::string(1, s[j]) + "' in a number");
      }
      t.kind = Tok::number;
      t.text = std::string(s.substr(i, j - i));
      i = j;
    } else if (c == '\'' || c == '"') {
      // A quote inside is written twice, as in SQL: 'it''s'.
      std::string text;
      std::size_t j = i + 1;
      for (;;) {
        if (j >= s.size()) return syntax_error(col, "unterminated string");
        if (s[j] == c) {
          if (j + 1 < s.size() && s[j + 1] == c) {
            text += c;
            j += 2;
            continue;
          }
          break;
        }
        text += s[j++];
      }
      t.kind = Tok::string;
      t.text = std::move(text);
      i = j + 1;
    } else if (c == '`') {
      const std::size_t close = s.find('`', i + 1);
      if (close == std::string_view::npos) return syntax_error(col, "unterminated `quoted name`");
      if (close == i + 1) return syntax_error(col, "empty `quoted name`");
      t.kind = Tok::quoted_ident;
      t.text = std::string(s.substr(i + 1, close - i - 1));
      i = close + 1;
    } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      std::size_t j = i;
      while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_')) ++j;
      t.kind = Tok::ident;
      t.text = std::string(s.substr(i, j - i));
      i = j;
    } else if (c == '(') {
      t.kind = Tok::lparen, t.text = "(", ++i;
    } else if (c == ')') {
      t.kind = Tok::rparen, t.text = ")", ++i;
    } else if (c == ',') {
      t.kind = Tok::comma, t.text = ",", ++i;
    } else {
      static constexpr std::string_view two[] = {"==", "!=", "<>", "<=", ">=", "&&", "||"};
      t.kind = Tok::op;
      for (auto op : two) {
        if (s.substr(i, 2) == op) t.text = std::string(op);
      }
      if (t.text.empty()) {
        if (std::string_view("+-*/%=<>!").find(c) == std::string_view::npos) {
          return syntax_error(col, "unexpected character '" + std::string(1, c) + "'");
        }
        t.text = std::string(1, c);
      }
      i += t.text.size();
    }
    out.push_back(std::move(t));
  }
  Token end;
  end.column = static_cast<int>(s.size()) + 1;
  out.push_back(end);
  return out;
}

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : t_(std::move(tokens)) {}

  Result<std::unique_ptr<Expr>> parse() {
    TRIB_ASSIGN_OR_RETURN(auto e, parse_or());
    if (peek().kind != Tok::end) return unexpected(peek());
    return e;
  }

 private:
  const Token& peek() const { return t_[pos_]; }
  const Token& take() { return t_[pos_++]; }
  bool at_op(std::string_view op) const { return peek().kind == Tok::op && peek().text == op; }

  static Status unexpected(const Token& t) {
    if (t.kind == Tok::end) return syntax_error(t.column, "unexpected end of expression");
    return syntax_error(t.column, "unexpected '" + t.text + "'");
  }

  static std::unique_ptr<Expr> node(Expr::Kind kind, int column) {
    auto e = std::make_unique<Expr>();
    e->kind = kind;
    e->column = column;
    return e;
  }
  static std::unique_ptr<Expr> binary(Op op, int column, std::unique_ptr<Expr> a, std::unique_ptr<Expr> b) {
    auto e = node(Expr::Kind::binary, column);
    e->op = op;
    e->args.push_back(std::move(a));
    e->args.push_back(std::move(b));
    return e;
  }

  Result<std::unique_ptr<Expr>> parse_or() {
    TRIB_ASSIGN_OR_RETURN(auto left, parse_and());
    while (keyword(peek(), "or") || at_op("||")) {
      const int col = take().column;
      TRIB_ASSIGN_OR_RETURN(auto right, parse_and());
      left = binary(Op::logical_or, col, std::move(left), std::move(right));
    }
    return left;
  }

  Result<std::unique_ptr<Expr>> parse_and() {
    TRIB_ASSIGN_OR_RETURN(auto left, parse_not());
    while (keyword(peek(), "and") || at_op("&&")) {
      const int col = take().column;
      TRIB_ASSIGN_OR_RETURN(auto right, parse_not());
      left = binary(Op::logical_and, col, std::move(left), std::move(right));
    }
    return left;
  }

  Result<std::unique_ptr<Expr>> parse_not() {
    if (keyword(peek(), "not") || at_op("!")) {
      const int col = take().column;
      TRIB_ASSIGN_OR_RETURN(auto operand, parse_not());
      auto e = node(Expr::Kind::unary, col);
      e->op = Op::logical_not;
      e->args.push_back(std::move(operand));
      return e;
    }
    return parse_comparison();
  }

  Result<std::unique_ptr<Expr>> parse_comparison() {
    TRIB_ASSIGN_OR_RETURN(auto left, parse_additive());
    for (;;) {
      const Token& t = peek();
      if (t.kind == Tok::op && (t.text == "=" || t.text == "==" || t.text == "!=" || t.text == "<>" || t.text == "<" ||
                                t.text == "<=" || t.text == ">" || t.text == ">=")) {
        const Token& op = take();
        const Op o = op.text == "<" ? Op::lt : op.text == "<=" ? Op::le : op.text == ">" ? Op::gt
                   : op.text == ">=" ? Op::ge : (op.text == "!=" || op.text == "<>") ? Op::ne : Op::eq;
        TRIB_ASSIGN_OR_RETURN(auto right, parse_additive());
        left = binary(o, op.column, std::move(left), std::move(right));
      } else if (keyword(t, "is")) {
        const int col = take().column;
        auto e = node(Expr::Kind::is_null, col);
        if (keyword(peek(), "not")) {
          take();
          e->negated = true;
        }
        if (!keyword(peek(), "null")) return syntax_error(peek().column, "expected 'null' after 'is'");
        take();
        e->args.push_back(std::move(left));
        left = std::move(e);
      } else if (keyword(t, "in") || (keyword(t, "not") && keyword(t_[pos_ + 1], "in"))) {
        auto e = node(Expr::Kind::in_list, t.column);
        if (keyword(t, "not")) {
          take();
          e->negated = true;
        }
        take();  // in
        if (peek().kind != Tok::lparen) return syntax_error(peek().column, "expected '(' after 'in'");
        take();
        e->args.push_back(std::move(left));
        for (;;) {
          TRIB_ASSIGN_OR_RETURN(auto item, parse_or());
          e->args.push_back(std::move(item));
          if (peek().kind == Tok::comma) {
            take();
            continue;
          }
          if (peek().kind != Tok::rparen) return syntax_error(peek().column, "expected ',' or ')' in the 'in' list");
          take();
          break;
        }
        left = std::move(e);
      } else {
        return left;
      }
    }
  }

  Result<std::unique_ptr<Expr>> parse_additive() {
    TRIB_ASSIGN_OR_RETURN(auto left, parse_multiplicative());
    while (at_op("+") || at_op("-")) {
      const Token& op = take();
      TRIB_ASSIGN_OR_RETURN(auto right, parse_multiplicative());
      left = binary(op.text == "+" ? Op::add : Op::sub, op.column, std::move(left), std::move(right));
    }
    return left;
  }

  Result<std::unique_ptr<Expr>> parse_multiplicative() {
    TRIB_ASSIGN_OR_RETURN(auto left, parse_unary());
    while (at_op("*") || at_op("/") || at_op("%")) {
      const Token& op = take();
      TRIB_ASSIGN_OR_RETURN(auto right, parse_unary());
      left = binary(op.text == "*" ? Op::mul : op.text == "/" ? Op::div : Op::mod, op.column, std::move(left),
                    std::move(right));
    }
    return left;
  }

  Result<std::unique_ptr<Expr>> parse_unary() {
    if (at_op("-") || at_op("+")) {
      const Token& op = take();
      TRIB_ASSIGN_OR_RETURN(auto operand, parse_unary());
      if (op.text == "+") return operand;
      auto e = node(Expr::Kind::unary, op.column);
      e->op = Op::negate;
      e->args.push_back(std::move(operand));
      return e;
    }
    return parse_primary();
  }

  Result<std::unique_ptr<Expr>> parse_primary() {
    const Token& t = take();
    switch (t.kind) {
      case Tok::number: {
        auto e = node(Expr::Kind::literal, t.column);
        if (t.is_float) {
          e->type = DataType::float64;
          e->double_value = std::strtod(t.text.c_str(), nullptr);
        } else {
          e->type = DataType::int64;
          const auto [p, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), e->int_value);
          if (ec != std::errc()) return syntax_error(t.column, "integer " + t.text + " is too large");
        }
        return e;
      }
      case Tok::string: {
        auto e = node(Expr::Kind::literal, t.column);
        e->type = DataType::string;
        e->string_value = t.text;
        return e;
      }
      case Tok::quoted_ident: {
        auto e = node(Expr::Kind::field, t.column);
        e->name = t.text;
        return e;
      }
      case Tok::ident: {
        if (keyword(t, "true") || keyword(t, "false")) {
          auto e = node(Expr::Kind::literal, t.column);
          e->type = DataType::boolean;
          e->bool_value = keyword(t, "true");
          return e;
        }
        if (keyword(t, "null")) return node(Expr::Kind::literal, t.column);
        for (auto word : {"and", "or", "not", "in", "is"}) {
          if (keyword(t, word)) return syntax_error(t.column, "unexpected '" + t.text + "'");
        }
        if (peek().kind == Tok::lparen) {
          take();
          auto e = node(Expr::Kind::call, t.column);
          e->name = t.text;
          if (peek().kind == Tok::rparen) {
            take();
            return e;
          }
          for (;;) {
            TRIB_ASSIGN_OR_RETURN(auto arg, parse_or());
            e->args.push_back(std::move(arg));
            if (peek().kind == Tok::comma) {
              take();
              continue;
            }
            if (peek().kind != Tok::rparen) return syntax_error(peek().column, "expected ',' or ')' after an argument");
            take();
            return e;
          }
        }
        auto e = node(Expr::Kind::field, t.column);
        e->name = t.text;
        return e;
      }
      case Tok::lparen: {
        TRIB_ASSIGN_OR_RETURN(auto inner, parse_or());
        if (peek().kind != Tok::rparen) return syntax_error(peek().column, "expected ')'");
        take();
        return inner;
      }
      default:
        --pos_;
        return unexpected(t);
    }
  }

  std::vector<Token> t_;
  std::size_t pos_ = 0;
};

}  // namespace

Result<std::unique_ptr<Expr>> parse_expression(std::string_view text) {
  TRIB_ASSIGN_OR_RETURN(auto tokens, lex(text));
  Parser parser(std::move(tokens));
  return parser.parse();
}

}  // namespace tributary::stream
