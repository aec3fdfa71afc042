// The windowed aggregate as a chain operator.
#include "stream/operator.h"
#include "stream/windowed_aggregate.h"

namespace tributary::stream {
namespace {

class WindowOperator final : public Operator {
 public:
  explicit WindowOperator(std::unique_ptr<WindowedAggregate> agg) : agg_(std::move(agg)) {}
  const Schema& output_schema() const override { return agg_->output_schema(); }
  void process(const Batch& in, Batch& out, std::vector<Rejected>& rejected) override {
    late_.clear();
    agg_->process(in, out, late_);
    for (const auto& l : late_) rejected.push_back({l.row, l.time == INT64_MIN ? "no event time" : "late"});
  }
  void end_batch(Batch& out) override { agg_->end_batch(out); }
  void finish(Batch& out) override { agg_->finish(out); }
  void save_changes(const std::string& op, StateChanges& out) override { agg_->save_changes(op, out); }
  Status restore(std::string_view key, std::string_view value) override { return agg_->restore(key, value); }

 private:
  std::unique_ptr<WindowedAggregate> agg_;
  std::vector<LateRecord> late_;
};

}  // namespace

Result<std::unique_ptr<Operator>> make_window(const WindowedAggregateSpec& spec, const Schema& input) {
  TRIB_ASSIGN_OR_RETURN(auto agg, WindowedAggregate::create(spec, input));
  return std::unique_ptr<Operator>(std::make_unique<WindowOperator>(std::move(agg)));
}

}  // namespace tributary::stream
