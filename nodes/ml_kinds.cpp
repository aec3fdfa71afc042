// ml.kmeans, ml.linreg, ml.logreg, ml.anomaly: online models whose outputs are appended to
// each record. Here: their parameters and output schema (features must be numeric).
#include "catalogue.h"
#include "param_specs.h"
#include "param_values.h"
#include "stream/expression.h"

namespace tributary::nodes {
namespace {

using pipeline::NodeContext;
using pipeline::ParamType;
using json = nlohmann::json;

Status numeric(const std::string& param, const std::string& text, const Schema& input) {
  auto e = stream::Expression::compile(text, input);
  if (!e.ok())
    return error(ErrorCode::invalid_argument, param + ": " + text + ": " + e.status().message());
  const DataType t = e->type();
  // Timestamps count as their ms since the epoch.
  if (t != DataType::int64 && t != DataType::float64 && t != DataType::boolean &&
      t != DataType::timestamp && t != DataType::null) {
    return error(ErrorCode::invalid_argument,
                 param + ": " + text + " is " + type_name(t) + ", not a number");
  }
  return {};
}

std::function<Result<Schema>(const NodeContext&)> appends(std::vector<Field> outputs,
                                                          bool with_label) {
  return [outputs, with_label](const NodeContext& ctx) -> Result<Schema> {
    const auto features = string_list(ctx.params, "features");
    if (features.empty())
      return error(ErrorCode::invalid_argument, "features: at least one is needed");
    for (const auto& f : features) TRIB_RETURN_IF_ERROR(numeric("features", f, ctx.inputs[0]));
    if (with_label)
      TRIB_RETURN_IF_ERROR(numeric("label", string_param(ctx.params, "label"), ctx.inputs[0]));
    for (const auto& k : string_list(ctx.params, "key")) {
      if (!ctx.inputs[0].index_of(k))
        return error(ErrorCode::invalid_argument, "key: unknown field '" + k + "'");
    }
    std::vector<Field> fields = ctx.inputs[0].fields();
    for (const auto& o : outputs) {
      if (ctx.inputs[0].index_of(o.name)) {
        return error(ErrorCode::invalid_argument,
                     "the input already has a field '" + o.name + "' (rename it with a map)");
      }
      fields.push_back(o);
    }
    return Schema(std::move(fields));
  };
}

pipeline::NodeKind model(const char* id, const char* title, const char* help) {
  pipeline::NodeKind k;
  k.id = id;
  k.category = "ml";
  k.title = title;
  k.help = help;
  k.inputs = {port("in")};
  k.outputs = {port("out")};
  auto features = required("features", ParamType::expression_list,
                           "Numeric expressions over the input's fields");
  features.min = 1;
  k.params = {features,
              optional("seed", ParamType::integer, 1, "The same seed gives the same results")};
  return k;
}

}  // namespace

void add_ml_kinds(pipeline::NodeRegistry& r) {
  {
    auto k = model("ml.kmeans", "Streaming k-means",
                   "Clusters records online (Spark MLlib's update rule).");
    k.params.push_back(between(required("k", ParamType::integer, "Number of clusters"), 1, 1000));
    k.params.push_back(at_least(optional("half_life", ParamType::number, json(),
                                         "Forget old points after this many records"),
                                0));
    k.params.push_back(between(optional("decay", ParamType::number, 1.0,
                                        "Weight kept by old points per record (1 = never forget)"),
                               0, 1));
    k.output_schema =
        appends({{"cluster", DataType::int64}, {"distance", DataType::float64}}, false);
    r.add(std::move(k));
  }
  for (const bool logistic : {false, true}) {
    auto k = logistic ? model("ml.logreg", "Logistic regression",
                              "Online logistic regression by SGD; predicts before it learns.")
                      : model("ml.linreg", "Linear regression",
                              "Online linear regression by SGD; predicts before it learns.");
    k.params.push_back(required("label", ParamType::expression,
                                logistic ? "The 0/1 outcome" : "The value to predict"));
    k.params.push_back(
        at_least(optional("lr", ParamType::number, 0.01, "Learning rate of the weights"), 0));
    k.params.push_back(at_least(
        optional("intercept_lr", ParamType::number, 0.01, "Learning rate of the intercept"), 0));
    k.params.push_back(at_least(optional("l2", ParamType::number, 0.0, "L2 regularisation"), 0));
    k.params.push_back(
        optional("standardize", ParamType::boolean, true, "Standardise features online"));
    k.output_schema =
        logistic
            ? appends({{"probability", DataType::float64}, {"prediction", DataType::int64}}, true)
            : appends({{"prediction", DataType::float64}}, true);
    r.add(std::move(k));
  }
  {
    auto k = model("ml.anomaly", "Anomaly score",
                   "Scores each value against the recent values of its key.");
    k.params.push_back(optional("key", ParamType::field_list, json::array(), "One series per key"));
    k.params.push_back(choice("method", {"zscore", "gaussian"}, "zscore",
                              "zscore: EWMA z-score; gaussian: tail probability"));
    k.params.push_back(at_least(
        optional("window", ParamType::integer, 100, "gaussian: values the window holds"), 1));
    k.params.push_back(at_least(
        optional("step", ParamType::integer, 10, "gaussian: values the window slides by"), 1));
    k.params.push_back(between(
        optional("alpha", ParamType::number, 0.1, "zscore: weight of the newest value"), 0, 1));
    k.params.push_back(at_least(
        optional("threshold", ParamType::number, 3.0, "anomaly when score >= threshold"), 0));
    auto base = appends({{"score", DataType::float64}, {"anomaly", DataType::boolean}}, false);
    k.output_schema = [base](const NodeContext& ctx) -> Result<Schema> {
      if (int_param(ctx.params, "step") > int_param(ctx.params, "window")) {
        return error(ErrorCode::invalid_argument, "step: must not be larger than window");
      }
      return base(ctx);
    };
    r.add(std::move(k));
  }
}

}  // namespace tributary::nodes
