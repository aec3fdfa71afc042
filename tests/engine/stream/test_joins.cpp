// The stream-stream windowed join and the stream-table lookup join, as operators: window
// bounds, lateness per input, when results go out, null keys, restarts from a checkpoint,
// and a randomised check that any cut and interleaving of the inputs gives the output of a
// brute-force reference.
#include <QtTest>

#include <random>

#include "operator_harness.h"
#include "stream/lookup_table.h"

using namespace tributary;
using namespace tributary::stream;
using namespace tributary::testing;

namespace {

const Schema kLeft({{"k", DataType::string}, {"t", DataType::timestamp}, {"a", DataType::int64}});
const Schema kRight({{"k", DataType::string}, {"t", DataType::timestamp}, {"b", DataType::int64}});

StreamJoinSpec spec(std::int64_t before, std::int64_t after, std::int64_t grace,
                    JoinType type = JoinType::inner) {
  StreamJoinSpec s;
  s.left_key = s.right_key = {"k"};
  s.left_time_field = s.right_time_field = "t";
  s.before_ms = before;
  s.after_ms = after;
  s.grace_ms = grace;
  s.type = type;
  return s;
}

std::unique_ptr<MergeOperator> make_join(const StreamJoinSpec& s) {
  auto j = make_stream_join(s, {kLeft, kRight});
  if (!j.ok()) qFatal("%s", j.status().message().c_str());
  return std::move(j).value();
}

struct Step {
  std::size_t side;
  QList<QStringList> rows;
};

struct Outcome {
  QStringList rows;
  QStringList rejected;  // "side:k t v reason"
};

// Feeds the steps in order, each as one batch of its side; with `restart_every` > 0 the
// join is checkpointed and rebuilt from the checkpoint that often, as a job after a crash.
Outcome run(const StreamJoinSpec& s, const std::vector<Step>& steps, int restart_every = 0) {
  Outcome o;
  auto join = make_join(s);
  std::map<std::string, std::string> store;  // the checkpoint rows of the join
  int n = 0;
  for (const auto& step : steps) {
    const Batch in = batch_of(step.side == 0 ? kLeft : kRight, step.rows);
    Batch out(join->output_schema());
    std::vector<Rejected> rejected;
    join->process(step.side, in, out, rejected);
    join->end_batch(out);
    o.rows += rows_of(out);
    for (const auto& r : rejected)
      o.rejected << QString("%1:%2 %3")
                        .arg(step.side)
                        .arg(rows_of(in)[static_cast<int>(r.row)])
                        .arg(QString::fromStdString(r.reason));
    if (restart_every > 0 && ++n % restart_every == 0) {
      StateChanges changes;
      join->save_changes("j", changes);
      for (const auto& [op, key] : changes.erase) store.erase(key);
      for (const auto& [op, key, value] : changes.put) store[key] = value;
      join = make_join(s);
      for (const auto& [key, value] : store) {
        if (!join->restore(key, value).ok()) qFatal("restore failed");
      }
    }
  }
  Batch out(join->output_schema());
  join->finish(out);
  o.rows += rows_of(out);
  return o;
}

// The join by definition: each input's late records removed by its own stream time, then
// every pair within the window, in (left time, left arrival, right time, right arrival) order.
QStringList reference(const StreamJoinSpec& s,
                      const std::vector<std::tuple<int, std::int64_t, int>>& left,
                      const std::vector<std::tuple<int, std::int64_t, int>>& right) {
  auto on_time = [&](const auto& records, std::int64_t reach) {
    std::vector<std::tuple<std::int64_t, std::size_t, int, int>> kept;  // (t, arrival, key, value)
    std::int64_t stream_time = INT64_MIN;
    for (std::size_t i = 0; i < records.size(); ++i) {
      const auto [k, t, v] = records[i];
      stream_time = std::max(stream_time, t);
      if (t + reach + s.grace_ms >= stream_time) kept.emplace_back(t, i, k, v);
    }
    std::sort(kept.begin(), kept.end());
    return kept;
  };
  const auto l = on_time(left, s.after_ms);
  const auto r = on_time(right, s.before_ms);
  QStringList rows;
  for (const auto& [lt, li, lk, lv] : l) {
    bool matched = false;
    for (const auto& [rt, ri, rk, rv] : r) {
      if (rk != lk || rt < lt - s.before_ms || rt > lt + s.after_ms) continue;
      rows << QString("k%1 %2 %3 %4 %5").arg(lk).arg(lt).arg(lv).arg(rt).arg(rv);
      matched = true;
    }
    if (!matched && s.type == JoinType::left)
      rows << QString("k%1 %2 %3 null null").arg(lk).arg(lt).arg(lv);
  }
  return rows;
}

}  // namespace

class TestJoins : public QObject {
  Q_OBJECT
 private slots:
  void outputSchemaRenamesClashes() {
    auto j = make_join(spec(0, 0, 0));
    QCOMPARE(schema_text(j->output_schema()),
             QString("k:string t:timestamp a:int64 right_t:timestamp b:int64"));
  }

  void windowBoundsAreInclusive() {
    // L.ts - before <= R.ts <= L.ts + after: 95 and 110 join 100, 94 and 111 do not.
    const auto o =
        run(spec(5, 10, 100),
            {{0, {{"x", "100", "1"}}},
             {1, {{"x", "94", "2"}, {"x", "95", "3"}, {"x", "110", "4"}, {"x", "111", "5"}}}});
    QCOMPARE(o.rows, (QStringList{"x 100 1 95 3", "x 100 1 110 4"}));
    QVERIFY(o.rejected.isEmpty());
  }

  void keysMustBeEqual() {
    const auto o = run(spec(10, 10, 0),
                       {{0, {{"x", "100", "1"}, {"y", "100", "2"}}}, {1, {{"y", "105", "3"}}}});
    QCOMPARE(o.rows, (QStringList{"y 100 2 105 3"}));
  }

  void rightBeforeLeftJoinsToo() {
    // The right record arrives first and waits for the left one.
    const auto o = run(spec(10, 0, 50), {{1, {{"x", "95", "7"}}}, {0, {{"x", "100", "1"}}}});
    QCOMPARE(o.rows, (QStringList{"x 100 1 95 7"}));
  }

  void leftJoinEmitsNullsForTheUnmatched() {
    const auto o = run(
        spec(5, 5, 0, JoinType::left),
        {{0, {{"x", "100", "1"}, {"y", "100", "2"}}}, {1, {{"x", "103", "3"}, {"x", "104", "4"}}}});
    QCOMPARE(o.rows, (QStringList{"x 100 1 103 3", "x 100 1 104 4", "y 100 2 null null"}));
  }

  void resultsWaitUntilTheWindowClosesOnBothInputs() {
    auto join = make_join(spec(0, 10, 5, JoinType::left));
    auto step = [&](std::size_t side, QList<QStringList> rows) {
      Batch out(join->output_schema());
      std::vector<Rejected> rejected;
      join->process(side, batch_of(side == 0 ? kLeft : kRight, rows), out, rejected);
      return rows_of(out);
    };
    QCOMPARE(step(0, {{"x", "100", "1"}}), QStringList());
    QCOMPARE(step(1, {{"x", "105", "2"}}), QStringList());
    // Left stream time 200: no left record before 185 can come; but the right input is at
    // 105, and a right record at 100 would still be on time there.
    QCOMPARE(step(0, {{"x", "200", "3"}}), QStringList());
    // Right stream time 116: records before 111 would be late there; 100 + 10 < 111.
    QCOMPARE(step(1, {{"y", "116", "4"}}), (QStringList{"x 100 1 105 2"}));
  }

  void lateIsJudgedByEachInputsOwnStreamTime() {
    // after 10 + grace 5: a left record is late 15 behind left stream time; before 0 +
    // grace 5: a right record 5 behind right stream time.
    const auto o = run(spec(0, 10, 5, JoinType::left),
                       {{0, {{"x", "200", "1"}, {"x", "185", "2"}, {"x", "184", "3"}}},
                        {1, {{"x", "190", "4"}, {"x", "185", "5"}, {"x", "184", "6"}}}});
    QCOMPARE(o.rejected, (QStringList{"0:x 184 3 late", "1:x 184 6 late"}));
    QCOMPARE(o.rows, (QStringList{"x 185 2 185 5", "x 185 2 190 4", "x 200 1 null null"}));
  }

  void nullKeysAndTimes() {
    const auto inner = run(spec(5, 5, 0), {{0, {{"null", "100", "1"}, {"x", "null", "2"}}},
                                           {1, {{"null", "100", "3"}}}});
    QCOMPARE(inner.rows, QStringList());
    QCOMPARE(inner.rejected, (QStringList{"0:x null 2 no event time"}));
    const auto left = run(spec(5, 5, 0, JoinType::left),
                          {{0, {{"null", "100", "1"}}}, {1, {{"null", "100", "3"}}}});
    QCOMPARE(left.rows, (QStringList{"null 100 1 null null"}));
  }

  void anyCutAndInterleavingGivesTheReferenceOutput_data() {
    QTest::addColumn<int>("seed");
    QTest::addColumn<int>("type");
    for (int seed = 1; seed <= 12; ++seed) {
      QTest::newRow(qPrintable(QString("seed %1 inner").arg(seed))) << seed << 0;
      QTest::newRow(qPrintable(QString("seed %1 left").arg(seed))) << seed << 1;
    }
  }
  void anyCutAndInterleavingGivesTheReferenceOutput() {
    QFETCH(int, seed);
    QFETCH(int, type);
    std::mt19937 rng(static_cast<unsigned>(seed));
    const auto s =
        spec(rng() % 20, rng() % 20, rng() % 15, type ? JoinType::left : JoinType::inner);
    // Two inputs, mostly in time order with some disorder, 5 keys.
    std::vector<std::tuple<int, std::int64_t, int>> records[2];
    for (int side = 0; side < 2; ++side) {
      for (int i = 0; i < 300; ++i) {
        const std::int64_t t =
            i * 2 + (rng() % 6 == 0 ? -static_cast<std::int64_t>(rng() % 40) : 0);
        records[side].emplace_back(static_cast<int>(rng() % 5), t, i);
      }
    }
    const QStringList expected = reference(s, records[0], records[1]);
    QVERIFY(expected.size() > 50);
    for (int variant = 0; variant < 8; ++variant) {
      // Cut both inputs into batches of random sizes and interleave them at random.
      std::vector<Step> steps;
      std::size_t at[2] = {0, 0};
      while (at[0] < records[0].size() || at[1] < records[1].size()) {
        std::size_t side = rng() % 2;
        if (at[side] == records[side].size()) side = 1 - side;
        const std::size_t n = std::min<std::size_t>(records[side].size() - at[side],
                                                    1 + rng() % (variant == 0 ? 1 : 60));
        Step step{side, {}};
        for (std::size_t i = 0; i < n; ++i, ++at[side]) {
          const auto [k, t, v] = records[side][at[side]];
          step.rows << QStringList{QString("k%1").arg(k), QString::number(t), QString::number(v)};
        }
        steps.push_back(std::move(step));
      }
      const auto o = run(s, steps, variant % 3 == 2 ? 1 + static_cast<int>(rng() % 4) : 0);
      QCOMPARE(o.rows, expected);
    }
  }

  void badSpecs() {
    auto message = [](StreamJoinSpec s, std::vector<Schema> inputs = {kLeft, kRight}) {
      auto j = make_stream_join(s, inputs);
      return j.ok() ? std::string("ok") : j.status().message();
    };
    auto s = spec(1, 1, 0);
    s.left_key = {"nope"};
    QCOMPARE(message(s), std::string("left_key: unknown field 'nope'"));
    s = spec(1, 1, 0);
    s.right_key = {"b"};
    QCOMPARE(message(s),
             std::string("key fields 'k' (string) and 'b' (int64) have different types"));
    s.right_key = {"k", "b"};
    QCOMPARE(message(s),
             std::string("the two sides have different numbers of key fields (1 and 2)"));
    s = spec(-1, 1, 0);
    QCOMPARE(message(s), std::string("before_ms, after_ms and grace_ms must not be negative"));
    s = spec(1, 1, 0);
    s.right_time_field = "k";
    QCOMPARE(message(s), std::string("right_time_field: 'k' is string, not a timestamp or int64"));
    QCOMPARE(message(spec(1, 1, 0), {kLeft}),
             std::string("a join has exactly two inputs, left and right"));
    s.left_key = {};
    QCOMPARE(message(s), std::string("left_key: at least one key field is needed"));
  }

  void tableKeepsTheLatestValuePerKey() {
    auto t = LookupTable::create(
        {"users", Schema({{"id", DataType::int64}, {"name", DataType::string}}), {"id"}});
    QVERIFY(t.ok());
    LookupTable& table = **t;
    std::vector<io::DeadLetter> dead;
    table.apply(std::nullopt, R"({"id":1,"name":"ann"})", "users-0@0", dead);
    table.apply(std::nullopt, R"({"id":2,"name":"bob"})", "users-0@1", dead);
    table.apply(std::nullopt, R"({"id":1,"name":"ann b."})", "users-0@2", dead);
    table.apply(std::nullopt, R"({"id":3,"name":)", "users-0@3", dead);
    table.apply(std::nullopt, R"({"name":"nobody"})", "users-0@4", dead);
    table.apply(std::string_view("2"), std::nullopt, "users-0@5", dead);
    table.apply(std::string_view("x"), std::nullopt, "users-0@6", dead);
    table.apply(std::nullopt, std::nullopt, "users-0@7", dead);
    QCOMPARE(table.size(), 1u);
    QCOMPARE(dead.size(), 4u);
    QCOMPARE(dead[0].position, std::string("users-0@3"));
    QCOMPARE(dead[1].reason, std::string("a table key field is null"));
    QCOMPARE(dead[2].reason, std::string("tombstone key is not an integer"));
    QCOMPARE(dead[3].reason, std::string("tombstone without a record key"));
    // Many updates of few keys: old versions are compacted away, lookups stay right.
    for (int i = 0; i < 5000; ++i) {
      const std::string v =
          "{\"id\":" + std::to_string(i % 10) + ",\"name\":\"v" + std::to_string(i) + "\"}";
      table.apply(std::nullopt, v, "users-0@x", dead);
    }
    QCOMPARE(table.size(), 10u);
    QVERIFY(table.rows().num_rows() < 2100);
    Batch probe = batch_of(Schema({{"id", DataType::int64}}), {{"7"}});
    std::string key;
    QVERIFY(RowKey::bind({"id"}, probe.schema(), "key")->encode(probe, 0, key));
    const auto row = table.find(key);
    QVERIFY(row >= 0);
    QCOMPARE(table.rows().column(1).to_string(static_cast<std::size_t>(row)), std::string("v4997"));
  }

  void lookupJoinInnerAndLeft() {
    auto t = LookupTable::create(
        {"ads",
         Schema({{"ad", DataType::string}, {"campaign", DataType::string}, {"k", DataType::int64}}),
         {"ad"}});
    QVERIFY(t.ok());
    std::vector<io::DeadLetter> dead;
    (*t)->apply(std::nullopt, R"({"ad":"a1","campaign":"c1","k":7})", "ads-0@0", dead);
    (*t)->apply(std::nullopt, R"({"ad":"a2","campaign":"c2"})", "ads-0@1", dead);
    const Schema events({{"ad_id", DataType::string}, {"k", DataType::int64}});
    const Batch in = batch_of(events, {{"a1", "1"}, {"a9", "2"}, {"null", "3"}, {"a2", "4"}});
    for (const auto type : {JoinType::inner, JoinType::left}) {
      auto op = make_lookup_join(*t, {"ad_id"}, type, events);
      QVERIFY2(op.ok(), op.ok() ? "" : op.status().message().c_str());
      QCOMPARE(schema_text((*op)->output_schema()),
               QString("ad_id:string k:int64 campaign:string right_k:int64"));
      Batch out((*op)->output_schema());
      std::vector<Rejected> rejected;
      (*op)->process(in, out, rejected);
      QVERIFY(rejected.empty());
      if (type == JoinType::inner) {
        QCOMPARE(rows_of(out), (QStringList{"a1 1 c1 7", "a2 4 c2 null"}));
      } else {
        QCOMPARE(rows_of(out),
                 (QStringList{"a1 1 c1 7", "a9 2 null null", "null 3 null null", "a2 4 c2 null"}));
      }
    }
    auto bad = make_lookup_join(*t, {"k"}, JoinType::inner, events);
    QVERIFY(!bad.ok());
    QCOMPARE(bad.status().message(),
             std::string("key fields 'k' (int64) and 'ad' (string) have different types"));
    QCOMPARE(make_lookup_join(*t, {"nope"}, JoinType::inner, events).status().message(),
             std::string("key: unknown field 'nope'"));
  }
};

QTEST_GUILESS_MAIN(TestJoins)
#include "test_joins.moc"
