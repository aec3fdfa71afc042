// ml.linreg and ml.logreg: SGD steps checked by hand, convergence on clean data, prequential
// metrics, label checks, and the same output across batch cuts and restarts.
#include <QtTest>

#include <cmath>

#include "ml/linear_model.h"
#include "model_harness.h"

using namespace tributary;
using namespace tributary::ml;
using namespace tributary::testing;

namespace {

Schema xy_schema() { return Schema({{"x", DataType::float64}, {"y", DataType::float64}}); }
Schema xyl_schema() {
  return Schema({{"x", DataType::float64}, {"y", DataType::float64}, {"label", DataType::int64}});
}

std::unique_ptr<ModelOperator> linreg(const LinearModelSpec& spec, const Schema& schema = xy_schema()) {
  auto op = make_linreg(spec, schema);
  if (!op.ok()) qFatal("make_linreg: %s", op.status().message().c_str());
  return std::move(op).value();
}

std::unique_ptr<ModelOperator> logreg(const LinearModelSpec& spec, const Schema& schema = xyl_schema()) {
  auto op = make_logreg(spec, schema);
  if (!op.ok()) qFatal("make_logreg: %s", op.status().message().c_str());
  return std::move(op).value();
}

LinearModelSpec spec(std::vector<std::string> features, std::string label, double lr, bool standardize) {
  LinearModelSpec s;
  s.features = std::move(features);
  s.label = std::move(label);
  s.lr = lr;
  s.intercept_lr = lr;
  s.standardize = standardize;
  return s;
}

// y = 2x + 1 for x uniform in [-1, 1) (x scaled by `scale`).
Batch line(int n, double scale, std::uint64_t seed) {
  Lcg rng{seed};
  Batch b(xy_schema());
  for (int i = 0; i < n; ++i) {
    const double x = (2 * rng.next() - 1) * scale;
    b.column(0).append_double(x);
    b.column(1).append_double(2 * x + 1);
  }
  return b;
}

// label = 1 when x + y > 0, points within 0.2 of the boundary left out: separable.
Batch separable(int n, std::uint64_t seed) {
  Lcg rng{seed};
  Batch b(xyl_schema());
  while (b.num_rows() < static_cast<std::size_t>(n)) {
    const double x = 4 * rng.next() - 2, y = 4 * rng.next() - 2;
    if (std::abs(x + y) < 0.2) continue;
    b.column(0).append_double(x);
    b.column(1).append_double(y);
    b.column(2).append_int(x + y > 0 ? 1 : 0);
  }
  return b;
}

bool near(double a, double b, double tolerance) { return std::abs(a - b) <= tolerance; }

}  // namespace

class TestLinearModels : public QObject {
  Q_OBJECT
 private slots:
  void outputSchemas() {
    QCOMPARE(schema_text(linreg(spec({"x"}, "y", 0.1, false))->output_schema()),
             QString("x:double y:double prediction:double"));
    QCOMPARE(schema_text(logreg(spec({"x", "y"}, "label", 0.1, false))->output_schema()),
             QString("x:double y:double label:int64 probability:double prediction:int64"));
  }

  void linregStepsByHand() {
    // lr = intercept_lr = 0.1, no standardisation. g = prediction - y; w -= 0.1 g x; b -= 0.1 g.
    auto op = linreg(spec({"x"}, "y", 0.1, false));
    const Batch out = run_once(*op, batch_of(xy_schema(), {{"1", "3"}, {"2", "5"}, {"0", "1"}}));
    // 1: predict 0; g = -3: w = 0.3, b = 0.3.
    // 2: predict 0.3·2 + 0.3 = 0.9; g = -4.1: w = 0.3 + 0.82 = 1.12, b = 0.3 + 0.41 = 0.71.
    // 3: predict 0.71; g = -0.29: w = 1.12, b = 0.739.
    QCOMPARE(rows_of(out), (QStringList{"1 3 0", "2 5 0.9", "0 1 0.71"}));
    const QJsonObject s = snapshot_of(*op);
    QVERIFY(near(s["weights"].toArray()[0].toDouble(), 1.12, 1e-12));
    QVERIFY(near(s["intercept"].toDouble(), 0.739, 1e-12));
    QCOMPARE(s["count"].toInt(), 3);
    QVERIFY(near(s["mae"].toDouble(), (3 + 4.1 + 0.29) / 3, 1e-12));
    QVERIFY(near(s["rmse"].toDouble(), std::sqrt((9 + 4.1 * 4.1 + 0.29 * 0.29) / 3), 1e-12));
  }

  void l2ShrinksTheWeights() {
    LinearModelSpec s = spec({"x"}, "y", 0.1, false);
    s.l2 = 0.5;
    auto op = linreg(s);
    run_once(*op, batch_of(xy_schema(), {{"1", "3"}, {"2", "5"}}));
    // 1: w = 0 - 0.1 (-3·1 + 0.5·0) = 0.3, b = 0.3.
    // 2: predict 0.9, g = -4.1: w = 0.3 - 0.1 (-4.1·2 + 0.5·0.3) = 0.3 + 0.82 - 0.015 = 1.105.
    QVERIFY(near(snapshot_of(*op)["weights"].toArray()[0].toDouble(), 1.105, 1e-12));
    QVERIFY(near(snapshot_of(*op)["intercept"].toDouble(), 0.71, 1e-12));
  }

  void standardizedStepsByHand() {
    // Predict with the statistics of the earlier records, learn with the updated ones.
    auto op = linreg(spec({"x"}, "y", 0.1, true));
    const Batch out = run_once(*op, batch_of(xy_schema(), {{"1", "3"}, {"3", "7"}, {"2", "0"}}));
    // 1: no statistics: z = 0, predict 0. Then mean 1, variance 0: z = 0, g = -3: b = 0.3.
    // 2: z = 0 (variance 0): predict 0.3. Then mean 2, variance 1: z = 1, score 0.3,
    //    g = -6.7: w = 0.67, b = 0.97.
    // 3: z = (2 - 2) / 1 = 0: predict 0.97.
    QCOMPARE(rows_of(out), (QStringList{"1 3 0", "3 7 0.3", "2 0 0.97"}));
    const QJsonObject s = snapshot_of(*op);
    QVERIFY(near(s["means"].toArray()[0].toDouble(), 2, 1e-12));
    QVERIFY(near(s["deviations"].toArray()[0].toDouble(), std::sqrt(2.0 / 3), 1e-12));
  }

  void linregConvergesToTheLine() {
    // Raw x in [-1, 1): w -> 2, b -> 1. Standardised x in [-100, 100): the running mean and
    // deviation keep moving a little, so the model trails them slightly: within 0.1% of the
    // range of y (400).
    for (bool standardize : {false, true}) {
      auto op = linreg(spec({"x"}, "y", 0.05, standardize));
      const Batch out = run_once(*op, line(5000, standardize ? 100 : 1, 1));
      double worst = 0;
      for (std::size_t r = out.num_rows() - 100; r < out.num_rows(); ++r) {
        worst = std::max(worst, std::abs(out.column(2).doubles()[r] - out.column(1).doubles()[r]));
      }
      QVERIFY2(worst < (standardize ? 0.4 : 1e-3), qPrintable(QString::number(worst)));
      const QJsonObject s = snapshot_of(*op);
      if (!standardize) {
        QVERIFY(near(s["weights"].toArray()[0].toDouble(), 2, 1e-3));
        QVERIFY(near(s["intercept"].toDouble(), 1, 1e-3));
      } else {
        // In standardised units: w = 2σ(x), b = 2μ(x) + 1.
        const double mean = s["means"].toArray()[0].toDouble(), sd = s["deviations"].toArray()[0].toDouble();
        QVERIFY(near(s["weights"].toArray()[0].toDouble(), 2 * sd, 0.2));
        QVERIFY(near(s["intercept"].toDouble(), 2 * mean + 1, 0.2));
      }
    }
  }

  void logregStepsByHand() {
    // lr = intercept_lr = 0.5. g = p - y.
    auto op = logreg(spec({"x"}, "label", 0.5, false));
    const Batch out = run_once(*op, batch_of(xyl_schema(), {{"1", "0", "1"}, {"-1", "0", "0"}, {"1", "0", "1"}}));
    // 1: p = σ(0) = 0.5, predicted 1 (right); g = -0.5: w = 0.25, b = 0.25.
    // 2: p = σ(-0.25 + 0.25) = 0.5, predicted 1 (wrong); g = 0.5: w = 0.5, b = 0.
    // 3: p = σ(0.5).
    const double p3 = 1 / (1 + std::exp(-0.5));
    QCOMPARE(rows_of(out), (QStringList{"1 0 1 0.5 1", "-1 0 0 0.5 1", "1 0 1 " + QString::number(p3, 'g', 15) + " 1"}));
    const QJsonObject s = snapshot_of(*op);
    QVERIFY(near(s["accuracy"].toDouble(), 2.0 / 3, 1e-12));
    QVERIFY(near(s["log_loss"].toDouble(), (2 * std::log(2.0) - std::log(p3)) / 3, 1e-12));
  }

  void logLossClipsCertainMistakes() {
    LinearModelSpec s = spec({"x"}, "label", 1000, false);
    s.intercept_lr = 0;
    auto op = logreg(s);
    // 1: p = 0.5, g = -0.5: w = 500. 2: p = σ(500) = 1 exactly, label 0: the loss is
    // -ln(1 - (1 - 1e-15)), not infinity.
    run_once(*op, batch_of(xyl_schema(), {{"1", "0", "1"}, {"1", "0", "0"}}));
    const double clipped = -std::log(1 - (1 - 1e-15));
    QVERIFY(near(snapshot_of(*op)["log_loss"].toDouble(), (std::log(2.0) + clipped) / 2, 1e-9));
    QVERIFY(clipped > 34 && clipped < 35);
  }

  void logregSeparatesASeparableSet() {
    for (bool standardize : {false, true}) {
      auto op = logreg(spec({"x", "y"}, "label", 0.1, standardize));
      const Batch out = run_once(*op, separable(2000, 5));
      const QJsonObject s = snapshot_of(*op);
      QVERIFY2(s["accuracy"].toDouble() > 0.95, op->snapshot_json().c_str());
      std::size_t wrong = 0;
      for (std::size_t r = 1000; r < out.num_rows(); ++r) wrong += out.column(4).ints()[r] != out.column(2).ints()[r];
      QVERIFY(wrong <= 10);
      // The boundary x + y = 0: equal weights.
      const QJsonArray w = s["weights"].toArray();
      QVERIFY(w[0].toDouble() > 0 && near(w[0].toDouble() / w[1].toDouble(), 1, 0.2));
    }
  }

  void boolLabels() {
    const Schema schema({{"x", DataType::float64}, {"ok", DataType::boolean}});
    auto op = logreg(spec({"x"}, "ok", 0.5, false), schema);
    const Batch out = run_once(*op, batch_of(schema, {{"1", "true"}, {"-1", "false"}}));
    QCOMPARE(rows_of(out), (QStringList{"1 true 0.5 1", "-1 false 0.5 1"}));
    // A comparison is a label too.
    auto cmp = logreg(spec({"x"}, "x > 0", 0.5, false), schema);
    QCOMPARE(run_once(*cmp, batch_of(schema, {{"1", "true"}})).num_rows(), 1u);
  }

  void badLabelsAreRejected() {
    auto op = logreg(spec({"x"}, "label", 0.5, false));
    std::vector<stream::Rejected> rejected;
    const Batch out =
        run_once(*op, batch_of(xyl_schema(), {{"1", "0", "2"}, {"1", "0", "null"}, {"null", "0", "1"}, {"1", "0", "1"}}),
                 &rejected);
    QCOMPARE(out.num_rows(), 1u);
    QCOMPARE(rejected.size(), 3u);
    QCOMPARE(rejected[0].reason, std::string("label 'label' must be 0 or 1, got 2"));
    QCOMPARE(rejected[1].reason, std::string("null label 'label'"));
    QCOMPARE(rejected[2].reason, std::string("null feature 'x'"));
    QCOMPARE(rejected[2].row, 2u);
    QCOMPARE(snapshot_of(*op)["count"].toInt(), 1);
    auto reg = linreg(spec({"x * 2"}, "y", 0.5, false));
    rejected.clear();
    run_once(*reg, batch_of(xy_schema(), {{"null", "1"}, {"1", "null"}}), &rejected);
    QCOMPARE(rejected.size(), 2u);
    QCOMPARE(rejected[0].reason, std::string("null feature 'x * 2'"));
    QCOMPARE(rejected[1].reason, std::string("null label 'y'"));
  }

  void divisionByZeroIsANullFeature() {
    auto op = linreg(spec({"1 / (x - 1)"}, "y", 0.5, false));
    std::vector<stream::Rejected> rejected;
    run_once(*op, batch_of(xy_schema(), {{"1", "1"}, {"2", "1"}}), &rejected);
    QCOMPARE(rejected.size(), 1u);
    QCOMPARE(rejected[0].reason, std::string("null feature '1 / (x - 1)'"));
    auto branch = linreg(spec({"if(x > 1, null, x)"}, "y", 0.5, false));
    rejected.clear();
    const Batch out = run_once(*branch, batch_of(xy_schema(), {{"1", "1"}, {"2", "1"}}), &rejected);
    QCOMPARE(out.num_rows(), 1u);
    QCOMPARE(rejected.size(), 1u);
    QCOMPARE(rejected[0].row, 1u);
  }

  void noMetricsBeforeTheFirstRecord() {
    const QJsonObject s = snapshot_of(*linreg(spec({"x"}, "y", 0.1, true)));
    QVERIFY(s["mae"].isNull());
    QCOMPARE(s["count"].toInt(), 0);
    QVERIFY(snapshot_of(*logreg(spec({"x"}, "label", 0.1, true)))["accuracy"].isNull());
  }

  void deterministicAcrossBatchesAndRestarts() {
    Batch noisy = line(600, 10, 3);
    Lcg rng{9};
    for (std::size_t r = 0; r < noisy.num_rows(); ++r) noisy.column(1).doubles()[r] += rng.next() - 0.5;
    noisy.column(1).set_null(50);
    noisy.column(0).set_null(51);
    for (bool standardize : {false, true}) {
      LinearModelSpec s = spec({"x", "x * x"}, "y", 0.001, standardize);
      s.l2 = 0.01;
      check_deterministic(maker(make_linreg, s, xy_schema()), noisy);
    }
    Batch labelled = separable(600, 11);
    labelled.column(2).set_null(10);
    labelled.column(2).ints()[20] = 3;
    for (bool standardize : {false, true}) {
      check_deterministic(maker(make_logreg, spec({"x", "y"}, "label", 0.2, standardize), xyl_schema()), labelled);
    }
  }

  void badParameters() {
    auto message = [](const LinearModelSpec& s, bool logistic = false) {
      return (logistic ? make_logreg(s, xyl_schema()) : make_linreg(s, xyl_schema())).status().message();
    };
    QCOMPARE(message(spec({"x"}, "y", 0, false)), std::string("lr: must be a positive number"));
    LinearModelSpec s = spec({"x"}, "y", 0.1, false);
    s.intercept_lr = -1;
    QCOMPARE(message(s), std::string("intercept_lr: must not be negative"));
    s = spec({"x"}, "y", 0.1, false);
    s.l2 = -0.1;
    QCOMPARE(message(s), std::string("l2: must not be negative"));
    QCOMPARE(message(spec({}, "y", 0.1, false)), std::string("features: at least one feature is needed"));
    QCOMPARE(message(spec({"x"}, "", 0.1, false)), std::string("label: an expression is needed"));
    QCOMPARE(message(spec({"x"}, "x > 0", 0.1, false)), std::string("label: 'x > 0' must be a number, not bool"));
    QCOMPARE(message(spec({"x"}, "'a'", 0.1, false), true),
             std::string("label: ''a'' must be a bool or a number (0 or 1), not string"));
    QCOMPARE(message(spec({"x > 0"}, "y", 0.1, false)),
             std::string("features[0]: 'x > 0' must be a number (int64 or double), not bool"));
    QVERIFY(QString::fromStdString(message(spec({"x"}, "nope", 0.1, false))).startsWith("label: column 1: "));
  }
};

QTEST_GUILESS_MAIN(TestLinearModels)
#include "test_linear_models.moc"
