// ml.anomaly: z-score and gaussian scores against the documented formulas (computed here by
// a plain reference: a list of the window's values), keys, spikes, incremental checkpoints,
// and the same output across batch cuts and restarts.
#include <QtTest>

#include <cmath>
#include <deque>
#include <map>

#include "ml/anomaly.h"
#include "model_harness.h"

using namespace tributary;
using namespace tributary::ml;
using namespace tributary::testing;

namespace {

Schema series_schema() { return Schema({{"k", DataType::string}, {"v", DataType::float64}}); }

std::unique_ptr<ModelOperator> anomaly(const AnomalySpec& spec, const Schema& schema = series_schema()) {
  auto op = make_anomaly(spec, schema);
  if (!op.ok()) qFatal("make_anomaly: %s", op.status().message().c_str());
  return std::move(op).value();
}

AnomalySpec zscore(double alpha, std::vector<std::string> key = {}) {
  AnomalySpec s;
  s.features = {"v"};
  s.key = std::move(key);
  s.method = "zscore";
  s.alpha = alpha;
  return s;
}

AnomalySpec gaussian(std::int64_t window, std::int64_t step, std::vector<std::string> key = {}) {
  AnomalySpec s;
  s.features = {"v"};
  s.key = std::move(key);
  s.method = "gaussian";
  s.window = window;
  s.step = step;
  return s;
}

Batch series(const QList<double>& values, const QString& key = "a") {
  Batch b(series_schema());
  for (double v : values) {
    b.column(0).append_string(key.toStdString());
    b.column(1).append_double(v);
  }
  return b;
}

std::vector<double> scores(const Batch& out) {
  const std::size_t c = out.schema().index_of("score").value();
  return std::vector<double>(out.column(c).doubles(), out.column(c).doubles() + out.num_rows());
}

// The gaussian rule, plainly: the window is a list of the preceding values.
std::vector<double> gaussian_reference(const QList<double>& values, std::size_t window, std::size_t step) {
  std::deque<double> w;
  std::vector<double> out;
  for (double x : values) {
    if (w.empty()) {
      out.push_back(0);
    } else {
      double mean = 0;
      for (double v : w) mean += v;
      mean /= static_cast<double>(w.size());
      double var = 0;
      for (double v : w) var += (v - mean) * (v - mean);
      double sigma = std::sqrt(var / static_cast<double>(w.size()));
      if (sigma == 0) sigma = 1e-6;
      const double z = std::abs(x - mean) / sigma;
      out.push_back(1 - std::erfc(z / std::sqrt(2.0)));  // 1 - P(|Z| >= z)
    }
    w.push_back(x);
    if (w.size() == window + step) {
      for (std::size_t i = 0; i < step; ++i) w.pop_front();
    }
  }
  return out;
}

std::vector<double> zscore_reference(const QList<double>& values, double alpha) {
  std::vector<double> out;
  double mean = 0, var = 0;
  bool first = true;
  for (double x : values) {
    if (first) {
      out.push_back(0);
      mean = x;
      first = false;
      continue;
    }
    const double sd = std::sqrt(var);
    out.push_back(std::abs(x - mean) / (sd == 0 ? 1e-6 : sd));
    const double diff = x - mean;
    mean += alpha * diff;
    var = (1 - alpha) * (var + alpha * diff * diff);
  }
  return out;
}

void compare_scores(const std::vector<double>& got, const std::vector<double>& want, double tolerance) {
  QCOMPARE(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    if (std::abs(got[i] - want[i]) > tolerance * std::max(1.0, std::abs(want[i]))) {
      QFAIL(qPrintable(QString("score %1: %2, expected %3").arg(i).arg(got[i], 0, 'g', 17).arg(want[i], 0, 'g', 17)));
    }
  }
}

}  // namespace

class TestAnomaly : public QObject {
  Q_OBJECT
 private slots:
  void outputSchema() {
    QCOMPARE(schema_text(anomaly(zscore(0.5))->output_schema()), QString("k:string v:double score:double anomaly:bool"));
  }

  void zscoreByHand() {
    // alpha 0.5. 10: first, 0. 12: std 0 counts as 1e-6: 2e6; then mean 11, var 0.5 (0 + 2·1) = 1.
    // 11: |11 - 11| / 1 = 0; var 0.5. 30: 19 / √0.5.
    auto op = anomaly(zscore(0.5));
    const Batch out = run_once(*op, series({10, 12, 11, 30}));
    compare_scores(scores(out), {0, 2e6, 0, 19 / std::sqrt(0.5)}, 1e-12);
    QCOMPARE(rows_of(out).last(), QString("a 30 26.8700576850888 true"));
    QCOMPARE(out.column(3).bools()[0], 0);  // threshold 3 by default
    QCOMPARE(out.column(3).bools()[2], 0);
  }

  void zscoreMatchesTheFormulaOnALongerSeries() {
    QList<double> values;
    Lcg rng{4};
    for (int i = 0; i < 500; ++i) values << 100 + 10 * rng.next() + (i == 300 ? 80 : 0);
    auto op = anomaly(zscore(0.05));
    compare_scores(scores(run_once(*op, series(values))), zscore_reference(values, 0.05), 1e-9);
  }

  void gaussianByHand() {
    // window 3, step 2. Windows before each value: [], [1], [1 2], [1 2 3], [1 2 3 4], then
    // 5 joins, 5 values = window + step: [3 4 5]; then [3 4 5 6].
    auto op = anomaly(gaussian(3, 2));
    const QList<double> values{1, 2, 3, 4, 5, 6, 100};
    const std::vector<double> got = scores(run_once(*op, series(values)));
    const double r2 = std::sqrt(2.0);
    compare_scores(got,
                   {0,
                    std::erf(1e6 / r2),                                  // σ 0 counts as 1e-6
                    std::erf(3 / r2),                                    // μ 1.5, σ 0.5
                    std::erf(2 / std::sqrt(2.0 / 3) / r2),               // μ 2, σ √(2/3)
                    std::erf(2.5 / std::sqrt(1.25) / r2),                // μ 2.5, σ √1.25
                    std::erf(2 / std::sqrt(2.0 / 3) / r2),               // [3 4 5]: μ 4
                    std::erf(95.5 / std::sqrt(1.25) / r2)},              // [3 4 5 6]: μ 4.5
                   1e-12);
    compare_scores(got, gaussian_reference(values, 3, 2), 1e-12);
    QVERIFY(std::abs(got[2] - 0.9973002039367398) < 1e-12);  // the 3σ rule
  }

  void gaussianMatchesTheReference() {
    QList<double> values;
    Lcg rng{8};
    for (int i = 0; i < 2000; ++i) values << 1e6 + 5 * rng.next();  // large values, small spread
    for (auto [window, step] : {std::pair{1, 1}, {10, 1}, {50, 7}, {40, 40}}) {
      auto op = anomaly(gaussian(window, step));
      compare_scores(scores(run_once(*op, series(values))),
                     gaussian_reference(values, static_cast<std::size_t>(window), static_cast<std::size_t>(step)), 1e-9);
    }
  }

  void aConstantSeriesScoresNothingButAChange() {
    QList<double> values(300, 0.1);
    values << 0.2;
    for (const AnomalySpec& spec : {gaussian(20, 3), zscore(0.1)}) {
      const std::vector<double> got = scores(run_once(*anomaly(spec), series(values)));
      for (std::size_t i = 0; i + 1 < got.size(); ++i) QCOMPARE(got[i], 0.0);
      QVERIFY(got.back() >= spec.threshold.value_or(spec.method == "zscore" ? 3 : 0.997));
    }
  }

  void anObviousSpikeIsAnAnomaly() {
    QList<double> values;
    Lcg rng{12};
    for (int i = 0; i < 200; ++i) values << 50 + rng.next() - 0.5;
    values << 80;
    for (const AnomalySpec& spec : {gaussian(50, 1), zscore(0.1)}) {
      auto op = anomaly(spec);
      const Batch out = run_once(*op, series(values));
      QVERIFY(out.column(3).bools()[200]);
      std::size_t flagged = 0;
      for (std::size_t r = 20; r < 200; ++r) flagged += out.column(3).bools()[r];
      QCOMPARE(flagged, 0u);
      const QJsonObject s = snapshot_of(*op);
      QCOMPARE(s["records"].toInt(), 201);
      QVERIFY(s["anomalies"].toInt() >= 1);
    }
  }

  void keysAreSeparateSeries() {
    QList<double> a{1, 2, 4, 8, 3, 5}, b{100, 90, 95, 200, 97, 96};
    Batch mixed(series_schema());
    for (int i = 0; i < a.size(); ++i) {
      mixed.column(0).append_string("a");
      mixed.column(1).append_double(a[i]);
      mixed.column(0).append_string("b");
      mixed.column(1).append_double(b[i]);
    }
    mixed.column(0).append_null();  // nulls form a key of their own
    mixed.column(1).append_double(7);
    for (const AnomalySpec& spec : {gaussian(3, 1, {"k"}), zscore(0.3, {"k"})}) {
      const std::vector<double> both = scores(run_once(*anomaly(spec), mixed));
      const std::vector<double> alone_a = scores(run_once(*anomaly(spec), series(a)));
      const std::vector<double> alone_b = scores(run_once(*anomaly(spec), series(b)));
      for (int i = 0; i < a.size(); ++i) {
        QCOMPARE(both[2 * i], alone_a[i]);
        QCOMPARE(both[2 * i + 1], alone_b[i]);
      }
      QCOMPARE(both.back(), 0.0);
    }
    auto op = anomaly(zscore(0.3, {"k"}));
    run_once(*op, mixed);
    QCOMPARE(snapshot_of(*op)["keys"].toInt(), 3);
  }

  void onlyTheFirstFeatureIsScoredButAllMustBePresent() {
    AnomalySpec spec = zscore(0.5);
    spec.features = {"v * 2", "length(k)"};
    auto op = anomaly(spec);
    std::vector<stream::Rejected> rejected;
    const Batch out = run_once(*op, batch_of(series_schema(), {{"a", "1"}, {"null", "2"}, {"a", "null"}, {"a", "2"}}),
                               &rejected);
    compare_scores(scores(out), {0, 2e6}, 1e-12);  // 2 then 4: |4 - 2| / 1e-6
    QCOMPARE(rejected.size(), 2u);
    QCOMPARE(rejected[0].row, 1u);
    QCOMPARE(rejected[0].reason, std::string("null feature 'length(k)'"));
    QCOMPARE(rejected[1].reason, std::string("null feature 'v * 2'"));
  }

  void thresholdIsAParameter() {
    AnomalySpec spec = zscore(0.5);
    spec.threshold = 1e7;
    auto op = anomaly(spec);
    const Batch out = run_once(*op, series({10, 12}));
    QCOMPARE(out.column(3).bools()[1], 0);
    QCOMPARE(snapshot_of(*op)["anomalies"].toInt(), 0);
  }

  void onlyChangedKeysAreCheckpointed() {
    auto op = anomaly(gaussian(5, 1, {"k"}));
    Batch first(series_schema());
    for (int i = 0; i < 100; ++i) {
      first.column(0).append_string("k" + std::to_string(i % 10));
      first.column(1).append_double(i);
    }
    run_once(*op, first);
    stream::StateChanges changes;
    op->save_changes("a", changes);
    QCOMPARE(changes.put.size(), 11u);  // ten keys and the counts
    changes.clear();
    Batch second = series({1, 2, 3}, "k3");
    second.column(0).append_string("k7");
    second.column(1).append_double(4);
    run_once(*op, second);
    op->save_changes("a", changes);
    QCOMPARE(changes.put.size(), 3u);
    changes.clear();
    op->save_changes("a", changes);
    QCOMPARE(changes.put.size(), 0u);
  }

  void deterministicAcrossBatchesAndRestarts() {
    Batch in(series_schema());
    Lcg rng{21};
    for (int i = 0; i < 700; ++i) {
      const int key = static_cast<int>(rng.next() * 6);
      key == 5 ? in.column(0).append_null() : in.column(0).append_string("k" + std::to_string(key));
      rng.next() < 0.02 ? in.column(1).append_null() : in.column(1).append_double(20 * rng.next() + (i % 97 == 0 ? 60 : 0));
    }
    check_deterministic(maker(make_anomaly, gaussian(30, 7, {"k"}), series_schema()), in);
    check_deterministic(maker(make_anomaly, gaussian(10, 1), series_schema()), in);
    check_deterministic(maker(make_anomaly, zscore(0.2, {"k"}), series_schema()), in);
  }

  void badParameters() {
    auto message = [](const AnomalySpec& s) { return make_anomaly(s, series_schema()).status().message(); };
    AnomalySpec s = zscore(0.5);
    s.method = "isolation";
    QCOMPARE(message(s), std::string("method: unknown method 'isolation' (zscore or gaussian)"));
    QCOMPARE(message(gaussian(0, 1)), std::string("window: must be at least 1"));
    QCOMPARE(message(gaussian(5, 0)), std::string("step: must be between 1 and window (5)"));
    QCOMPARE(message(gaussian(5, 6)), std::string("step: must be between 1 and window (5)"));
    QCOMPARE(message(zscore(0)), std::string("alpha: must be in (0, 1]"));
    QCOMPARE(message(zscore(1.5)), std::string("alpha: must be in (0, 1]"));
    QCOMPARE(message(zscore(0.5, {"nope"})), std::string("key: unknown field 'nope'"));
    s = zscore(0.5);
    s.features = {};
    QCOMPARE(message(s), std::string("features: at least one feature is needed"));
    s.features = {"k"};
    QCOMPARE(message(s), std::string("features[0]: 'k' must be a number (int64 or double), not string"));
    QVERIFY(anomaly(zscore(1))->output_schema().size() == 4);
  }
};

QTEST_GUILESS_MAIN(TestAnomaly)
#include "test_anomaly.moc"
