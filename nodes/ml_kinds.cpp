// ml.kmeans, ml.linreg, ml.logreg, ml.anomaly: online models (engine/ml) whose outputs are
// appended to each record. Output schema and compilation both build the engine's operator.
#include "catalogue.h"
#include "ml/ml_operators.h"
#include "param_specs.h"
#include "param_values.h"

namespace tributary::nodes {
namespace {

using pipeline::NodeContext;
using pipeline::ParamType;
using json = nlohmann::json;
using Make = std::function<Result<std::unique_ptr<ml::ModelOperator>>(const json& params,
                                                                      const Schema& input)>;

std::optional<double> optional_number(const json& p, const char* name) {
  return p.contains(name) && p[name].is_number() ? std::optional<double>(p[name].get<double>())
                                                 : std::nullopt;
}

pipeline::NodeKind model(const char* id, const char* title, const char* help, Make make) {
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
  k.output_schema = [make](const NodeContext& ctx) -> Result<Schema> {
    auto op = make(ctx.params, ctx.inputs[0]);
    if (!op.ok()) return op.status();
    return (*op)->output_schema();
  };
  k.compile = [make](const NodeContext& ctx) -> Result<pipeline::CompiledNode> {
    pipeline::CompiledNode c;
    c.op = [make,
            params = ctx.params](const Schema& in) -> Result<std::unique_ptr<stream::Operator>> {
      TRIB_ASSIGN_OR_RETURN(auto op, make(params, in));
      return std::unique_ptr<stream::Operator>(std::move(op));
    };
    return c;
  };
  return k;
}

ml::LinearModelSpec linear_spec(const json& p) {
  ml::LinearModelSpec s;
  s.features = string_list(p, "features");
  s.label = string_param(p, "label");
  s.lr = p.value("lr", 0.01);
  s.intercept_lr = p.value("intercept_lr", 0.01);
  s.l2 = p.value("l2", 0.0);
  s.standardize = p.value("standardize", true);
  return s;
}

}  // namespace

void add_ml_kinds(pipeline::NodeRegistry& r) {
  {
    auto k = model("ml.kmeans", "Streaming k-means",
                   "Clusters records online (Spark MLlib's update rule, per record).",
                   [](const json& p, const Schema& in) {
                     ml::KMeansSpec s;
                     s.features = string_list(p, "features");
                     s.k = int_param(p, "k");
                     s.decay = optional_number(p, "decay");
                     s.half_life = optional_number(p, "half_life");
                     s.seed = static_cast<std::uint64_t>(int_param(p, "seed"));
                     return ml::make_kmeans(s, in);
                   });
    k.params.push_back(between(required("k", ParamType::integer, "Number of clusters"), 1, 1000));
    k.params.push_back(at_least(optional("half_life", ParamType::number, json(),
                                         "Forget old points after this many records"),
                                0));
    k.params.push_back(between(optional("decay", ParamType::number, json(),
                                        "Weight kept by old points per record (1 = never forget)"),
                               0, 1));
    r.add(std::move(k));
  }
  for (const bool logistic : {false, true}) {
    auto k = logistic ? model("ml.logreg", "Logistic regression",
                              "Online logistic regression by SGD; predicts before it learns.",
                              [](const json& p, const Schema& in) {
                                return ml::make_logreg(linear_spec(p), in);
                              })
                      : model("ml.linreg", "Linear regression",
                              "Online linear regression by SGD; predicts before it learns.",
                              [](const json& p, const Schema& in) {
                                return ml::make_linreg(linear_spec(p), in);
                              });
    k.params.push_back(required("label", ParamType::expression,
                                logistic ? "The 0/1 outcome" : "The value to predict"));
    k.params.push_back(
        at_least(optional("lr", ParamType::number, 0.01, "Learning rate of the weights"), 0));
    k.params.push_back(at_least(
        optional("intercept_lr", ParamType::number, 0.01, "Learning rate of the intercept"), 0));
    k.params.push_back(
        at_least(optional("l2", ParamType::number, 0.0, "L2 regularisation of the weights"), 0));
    k.params.push_back(
        optional("standardize", ParamType::boolean, true, "Standardise features online"));
    r.add(std::move(k));
  }
  {
    auto k = model("ml.anomaly", "Anomaly score",
                   "Scores each value against the recent values of its key.",
                   [](const json& p, const Schema& in) {
                     ml::AnomalySpec s;
                     s.features = string_list(p, "features");
                     s.key = string_list(p, "key");
                     s.method = string_param(p, "method");
                     s.window = int_param(p, "window");
                     s.step = int_param(p, "step");
                     s.alpha = p.value("alpha", 0.1);
                     s.threshold = optional_number(p, "threshold");
                     return ml::make_anomaly(s, in);
                   });
    k.params.push_back(optional("key", ParamType::field_list, json::array(), "One series per key"));
    k.params.push_back(choice("method", {"zscore", "gaussian"}, "zscore",
                              "zscore: EWMA z-score; gaussian: tail probability"));
    k.params.push_back(at_least(
        optional("window", ParamType::integer, 100, "gaussian: values the window holds"), 1));
    k.params.push_back(at_least(
        optional("step", ParamType::integer, 1, "gaussian: values the window slides by"), 1));
    k.params.push_back(
        optional("alpha", ParamType::number, 0.1, "zscore: weight of the newest value, in (0, 1]"));
    k.params.push_back(
        at_least(optional("threshold", ParamType::number, json(),
                          "anomaly when score >= threshold; default 3 (zscore), 0.997 (gaussian)"),
                 0));
    r.add(std::move(k));
  }
}

}  // namespace tributary::nodes
