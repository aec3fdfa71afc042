#include "ml/model_output.h"

namespace tributary::ml {

Result<Schema> model_output_schema(const Schema& input, const std::vector<Field>& added) {
  Schema out = input;
  for (const auto& f : added) {
    if (input.index_of(f.name)) {
      return error(ErrorCode::invalid_argument,
                   "the input already has a field '" + f.name + "', which this model adds; rename it first");
    }
    out.add(f);
  }
  return out;
}

void append_input_rows(const Batch& in, const std::vector<std::int64_t>& rows, Batch& out) {
  // append_take copies whole buffers when every row of `in` is kept into an empty column.
  for (std::size_t c = 0; c < in.num_columns(); ++c) out.column(c).append_take(in.column(c), rows.data(), rows.size());
}

}  // namespace tributary::ml
