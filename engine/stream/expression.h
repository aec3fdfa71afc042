// The expression language of filter, map and ML nodes (pipeline-format.md, "Expressions"):
// parsed once, type-checked against the input schema, then evaluated a whole batch at a time.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/batch.h"
#include "core/status.h"
#include "core/types.h"

namespace tributary::stream {

struct Expr;

class Expression {
 public:
  // Errors name the column (1-based) of the offending token: "column 7: unknown field 'x'".
  static Result<Expression> compile(std::string_view text, const Schema& input);

  DataType type() const;
  const std::string& text() const { return text_; }
  // One value per row of `batch`, whose schema is the one compiled against. Rows are
  // processed column-wise with one tight loop per operator: no per-row dispatch.
  Column evaluate(const Batch& batch) const;

 private:
  std::string text_;
  std::shared_ptr<const Expr> root_;
};

}  // namespace tributary::stream
