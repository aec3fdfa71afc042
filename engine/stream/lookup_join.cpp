// The stream-table join (operator.h, make_lookup_join): one hash probe per row into the
// job's table, then the output is gathered column by column.
#include "stream/lookup_table.h"
#include "stream/operator.h"

namespace tributary::stream {
namespace {

class LookupJoin final : public Operator {
 public:
  LookupJoin(std::shared_ptr<const LookupTable> table, RowKey key, JoinType type, Schema schema,
             std::vector<std::size_t> table_columns)
      : table_(std::move(table)),
        key_(std::move(key)),
        type_(type),
        schema_(std::move(schema)),
        table_columns_(std::move(table_columns)) {}

  const Schema& output_schema() const override { return schema_; }

  void process(const Batch& in, Batch& out, std::vector<Rejected>&) override {
    rows_.clear();
    matches_.clear();
    for (std::size_t r = 0; r < in.num_rows(); ++r) {
      const std::int64_t found = key_.encode(in, r, key_buffer_) ? table_->find(key_buffer_) : -1;
      if (found < 0 && type_ == JoinType::inner) continue;
      rows_.push_back(static_cast<std::int64_t>(r));
      matches_.push_back(found);
    }
    const std::size_t left = in.num_columns();
    for (std::size_t c = 0; c < left; ++c)
      out.column(c).append_take(in.column(c), rows_.data(), rows_.size());
    const Batch& table = table_->rows();
    for (std::size_t i = 0; i < table_columns_.size(); ++i) {
      out.column(left + i).append_take(table.column(table_columns_[i]), matches_.data(),
                                       matches_.size());
    }
  }

 private:
  std::shared_ptr<const LookupTable> table_;
  RowKey key_;
  JoinType type_;
  Schema schema_;
  std::vector<std::size_t> table_columns_;
  // Per batch, reused.
  std::vector<std::int64_t> rows_;
  std::vector<std::int64_t> matches_;
  std::string key_buffer_;
};

}  // namespace

Result<std::unique_ptr<Operator>> make_lookup_join(std::shared_ptr<const LookupTable> table,
                                                   const std::vector<std::string>& key,
                                                   JoinType type, const Schema& input) {
  if (!table) return error(ErrorCode::invalid_argument, "lookup join: no table");
  TRIB_ASSIGN_OR_RETURN(RowKey bound, RowKey::bind(key, input, "key"));
  TRIB_RETURN_IF_ERROR(RowKey::check_comparable(bound, input, table->key(), table->schema()));
  std::vector<std::size_t> table_columns;
  Schema schema = joined_schema(input, table->schema(), table->key(), table_columns);
  return std::unique_ptr<Operator>(std::make_unique<LookupJoin>(
      std::move(table), std::move(bound), type, std::move(schema), std::move(table_columns)));
}

}  // namespace tributary::stream
