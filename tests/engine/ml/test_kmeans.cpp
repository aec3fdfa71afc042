// ml.kmeans: MLlib's update rule one record at a time, checked by hand on small inputs, on
// well-separated blobs, through a dying-cluster split, and across batch cuts and restarts.
#include <QtTest>

#include <cmath>

#include "ml/kmeans.h"
#include "model_harness.h"

using namespace tributary;
using namespace tributary::ml;
using namespace tributary::testing;

namespace {

Schema xy_schema() { return Schema({{"id", DataType::int64}, {"x", DataType::float64}, {"y", DataType::float64}}); }
Schema x_schema() { return Schema({{"x", DataType::float64}}); }

KMeansSpec km(std::vector<std::string> features, std::int64_t k, std::optional<double> decay = std::nullopt) {
  KMeansSpec spec;
  spec.features = std::move(features);
  spec.k = k;
  spec.decay = decay;
  return spec;
}

std::unique_ptr<ModelOperator> kmeans(const KMeansSpec& spec, const Schema& schema) {
  auto op = make_kmeans(spec, schema);
  if (!op.ok()) qFatal("make_kmeans: %s", op.status().message().c_str());
  return std::move(op).value();
}

Batch xs(const QList<double>& values) {
  Batch b(x_schema());
  for (double v : values) b.column(0).append_double(v);
  return b;
}

// Points of three blobs (centres (0,0), (10,10), (-10,10), uniform noise of ±1), in turn.
Batch blobs(int n, std::uint64_t seed) {
  const double cx[] = {0, 10, -10}, cy[] = {0, 10, 10};
  Lcg rng{seed};
  Batch b(xy_schema());
  for (int i = 0; i < n; ++i) {
    b.column(0).append_int(i);
    b.column(1).append_double(cx[i % 3] + 2 * rng.next() - 1);
    b.column(2).append_double(cy[i % 3] + 2 * rng.next() - 1);
  }
  return b;
}

double json_number(const QJsonValue& v) { return v.toDouble(); }

}  // namespace

class TestKMeans : public QObject {
  Q_OBJECT
 private slots:
  void outputSchema() {
    auto op = kmeans(km({"x", "y"}, 3), xy_schema());
    QCOMPARE(schema_text(op->output_schema()), QString("id:int64 x:double y:double cluster:int64 distance:double"));
  }

  void handComputedUpdates() {
    // k = 2, decay 0.5, one dimension. Every record: all weights × 0.5, then the assigned
    // cluster gets +1 and moves by lambda = 1 / its new weight.
    auto op = kmeans(km({"x"}, 2, 0.5), x_schema());
    const Batch out = run_once(*op, xs({0, 10, 1, 9, 4}));
    QCOMPARE(rows_of(out), (QStringList{"0 0 0",      // opens centre 0: c0 = 0, w0 = 1
                                        "10 1 0",     // opens centre 1: w0 = 0.5, c1 = 10, w1 = 1
                                        "1 0 1",      // |1 - 0|; w0 = 1.25, c0 = 0.8; w1 = 0.5
                                        "9 1 1",      // |9 - 10|; w0 = 0.625; w1 = 1.25, c1 = 9.2
                                        "4 0 3.2"}));  // |4 - 0.8|; w0 = 1.3125; w1 = 0.625
    const QJsonObject s = snapshot_of(*op);
    const double lambda = 1 / 1.3125;
    const double c0 = (1 - lambda) * 0.8 + lambda * 4;
    QVERIFY(std::abs(json_number(s["centers"].toArray()[0].toArray()[0]) - c0) < 1e-12);
    QVERIFY(std::abs(json_number(s["centers"].toArray()[1].toArray()[0]) - 9.2) < 1e-12);
    QVERIFY(std::abs(json_number(s["weights"].toArray()[0]) - 1.3125) < 1e-12);
    QVERIFY(std::abs(json_number(s["weights"].toArray()[1]) - 0.625) < 1e-12);
    QCOMPARE(s["points"].toInt(), 5);
  }

  void halfLifeIsPerRecord() {
    // half_life 2: a = 0.5^(1/2) per record. Weight of one cluster after 3 points: a² + a + 1.
    KMeansSpec spec = km({"x"}, 1);
    spec.half_life = 2;
    auto op = kmeans(spec, x_schema());
    run_once(*op, xs({1, 2, 3}));
    const double a = std::sqrt(0.5);
    const QJsonObject s = snapshot_of(*op);
    QVERIFY(std::abs(json_number(s["weights"].toArray()[0]) - (a * a + a + 1)) < 1e-12);
    // c = 1, then (1 - 1/(a+1)) 1 + 2/(a+1), then with lambda = 1/(a²+a+1).
    const double c2 = 1 + 1 / (a + 1);
    const double lambda = 1 / (a * a + a + 1);
    QVERIFY(std::abs(json_number(s["centers"].toArray()[0].toArray()[0]) - ((1 - lambda) * c2 + lambda * 3)) < 1e-12);
  }

  void repeatedPointsDoNotOpenCentres() {
    auto op = kmeans(km({"x"}, 2), x_schema());
    QCOMPARE(rows_of(run_once(*op, xs({5, 5, 5, 7, 6.5}))),
             (QStringList{"5 0 0", "5 0 0", "5 0 0", "7 1 0", "6.5 1 0.5"}));
    QCOMPARE(snapshot_of(*op)["centers"].toArray().size(), 2);
  }

  void fewerDistinctPointsThanK() {
    auto op = kmeans(km({"x"}, 3), x_schema());
    run_once(*op, xs({1, 1, 2}));
    const QJsonObject s = snapshot_of(*op);
    QCOMPARE(s["centers"].toArray().size(), 2);  // only opened centres are shown
    QCOMPARE(s["k"].toInt(), 3);
  }

  void threeBlobsRecoverTheirMeans() {
    const Batch in = blobs(3000, 42);
    auto op = kmeans(km({"x", "y"}, 3), xy_schema());
    const Batch out = run_once(*op, in);
    QCOMPARE(out.num_rows(), 3000u);
    // The first point of each blob opens a centre, and the blobs are far apart: every point
    // goes to its own blob's cluster, always the same id.
    double sx[3] = {0, 0, 0}, sy[3] = {0, 0, 0};
    for (std::size_t r = 0; r < out.num_rows(); ++r) {
      QCOMPARE(out.column(3).ints()[r], static_cast<std::int64_t>(r % 3));
      sx[r % 3] += in.column(1).doubles()[r];
      sy[r % 3] += in.column(2).doubles()[r];
    }
    // With decay 1, lambda = 1/n makes each centre the running mean of its points.
    const QJsonObject s = snapshot_of(*op);
    const double cx[] = {0, 10, -10}, cy[] = {0, 10, 10};
    for (int c = 0; c < 3; ++c) {
      const QJsonArray centre = s["centers"].toArray()[c].toArray();
      QVERIFY(std::abs(centre[0].toDouble() - sx[c] / 1000) < 1e-9);
      QVERIFY(std::abs(centre[1].toDouble() - sy[c] / 1000) < 1e-9);
      QVERIFY(std::abs(centre[0].toDouble() - cx[c]) < 0.1);
      QVERIFY(std::abs(centre[1].toDouble() - cy[c]) < 0.1);
      QCOMPARE(s["weights"].toArray()[c].toDouble(), 1000.0);
    }
    // Distances are to the centre before the update: at most √2 plus how far it still moves.
    for (std::size_t r = 30; r < out.num_rows(); ++r) QVERIFY(out.column(4).doubles()[r] < 1.6);
  }

  void dyingClusterIsReplacedBySplittingTheLargest() {
    // decay 0.01: cluster 1 gets no point after the second record and its weight falls by
    // 100× per record: 1, 0.01, 1e-4, 1e-6, then 1e-8 < 1e-8 × w0 (w0 ≈ 1.0101) at record 6.
    auto op = kmeans(km({"x"}, 2, 0.01), x_schema());
    run_once(*op, xs({0, 100, 0, 0, 0}));
    QCOMPARE(snapshot_of(*op)["splits"].toInt(), 0);
    run_once(*op, xs({0}));
    const QJsonObject s = snapshot_of(*op);
    QCOMPARE(s["splits"].toInt(), 1);
    const QJsonArray w = s["weights"].toArray();
    QCOMPARE(w[0].toDouble(), w[1].toDouble());
    const double w0 = 1 + 0.01 * (1 + 0.01 * (1 + 0.01 * 1.0001));  // before the split
    QVERIFY(std::abs(w[0].toDouble() - (w0 + 1e-8) / 2) < 1e-12);
    const double a = s["centers"].toArray()[0].toArray()[0].toDouble();
    const double b = s["centers"].toArray()[1].toArray()[0].toDouble();
    QCOMPARE(std::abs(a), 1e-14);  // both were 0: nudged by ±1e-14 × max(|0|, 1)
    QCOMPARE(a, -b);
  }

  void nullFeaturesAreRejected() {
    auto op = kmeans(km({"x", "y * 2"}, 2), xy_schema());
    std::vector<stream::Rejected> rejected;
    const Batch out =
        run_once(*op, batch_of(xy_schema(), {{"1", "0", "0"}, {"2", "1", "null"}, {"3", "null", "1"}, {"4", "5", "5"}}),
                 &rejected);
    QCOMPARE(rows_of(out), (QStringList{"1 0 0 0 0", "4 5 5 1 0"}));
    QCOMPARE(rejected.size(), 2u);
    QCOMPARE(rejected[0].row, 1u);
    QCOMPARE(rejected[0].reason, std::string("null feature 'y * 2'"));
    QCOMPARE(rejected[1].row, 2u);
    QCOMPARE(rejected[1].reason, std::string("null feature 'x'"));
    QCOMPARE(snapshot_of(*op)["points"].toInt(), 2);
  }

  void intFeaturesAreReadAsDoubles() {
    const Schema s({{"n", DataType::int64}});
    auto op = kmeans(km({"n"}, 1), s);
    QCOMPARE(rows_of(run_once(*op, batch_of(s, {{"2"}, {"4"}}))), (QStringList{"2 0 0", "4 0 2"}));
  }

  void deterministicAcrossBatchesAndRestarts() {
    Batch in = blobs(700, 7);
    in.column(1).set_null(100);  // a rejected row in the middle
    KMeansSpec spec = km({"x", "y"}, 4);
    spec.half_life = 20;
    spec.seed = 3;
    check_deterministic(maker(make_kmeans, spec, xy_schema()), in);
    // Strong decay, so that dying clusters are split along the way.
    KMeansSpec decaying = km({"x", "y"}, 5, 0.05);
    check_deterministic(maker(make_kmeans, decaying, xy_schema()), in);
    auto op = kmeans(decaying, xy_schema());
    run_once(*op, in);
    QVERIFY(snapshot_of(*op)["splits"].toInt() > 0);
  }

  void stateIsWrittenOnlyWhenItChanged() {
    auto op = kmeans(km({"x"}, 2), x_schema());
    stream::StateChanges changes;
    op->save_changes("k", changes);
    QCOMPARE(changes.put.size(), 0u);
    run_once(*op, xs({1, 2}));
    op->save_changes("k", changes);
    QCOMPARE(changes.put.size(), 1u);
    changes.clear();
    run_once(*op, xs({}));
    op->save_changes("k", changes);
    QCOMPARE(changes.put.size(), 0u);
    // Another k cannot take this state.
    auto other = kmeans(km({"x"}, 3), x_schema());
    run_once(*op, xs({3}));
    op->save_changes("k", changes);
    QVERIFY(!other->restore(std::get<1>(changes.put[0]), std::get<2>(changes.put[0])).ok());
  }

  void badParameters() {
    auto message = [](const KMeansSpec& spec) { return make_kmeans(spec, xy_schema()).status().message(); };
    QCOMPARE(message(km({"x"}, 0)), std::string("k: must be at least 1"));
    QCOMPARE(message(km({}, 2)), std::string("features: at least one feature is needed"));
    QCOMPARE(message(km({"x", "'a'"}, 2)), std::string("features[1]: ''a'' must be a number (int64 or double), not string"));
    QVERIFY(QString::fromStdString(message(km({"nope"}, 2))).startsWith("features[0]: column 1: "));
    QCOMPARE(message(km({"x"}, 2, 1.5)), std::string("decay: must be between 0 and 1"));
    KMeansSpec half = km({"x"}, 2);
    half.half_life = 0;
    QCOMPARE(message(half), std::string("half_life: must be a positive number of records"));
    half.half_life = 10;
    half.decay = 0.5;
    QCOMPARE(message(half), std::string("half_life: give either half_life or decay, not both"));
    const Schema clash({{"x", DataType::float64}, {"cluster", DataType::int64}});
    QCOMPARE(make_kmeans(km({"x"}, 2), clash).status().message(),
             std::string("the input already has a field 'cluster', which this model adds; rename it first"));
  }
};

QTEST_GUILESS_MAIN(TestKMeans)
#include "test_kmeans.moc"
