// transform.aggregate without a window: update and final emission, nulls, and state that
// survives a restart at every batch boundary while writing only what changed.
#include <QtTest>

#include "operator_harness.h"
#include "stream/aggregate.h"
#include "stream/windowed_aggregate.h"

using namespace tributary;
using namespace tributary::stream;
using namespace tributary::testing;

namespace {

Schema input_schema() {
  return Schema({{"k", DataType::string},
                 {"v", DataType::int64},
                 {"d", DataType::float64},
                 {"s", DataType::string}});
}

std::vector<AggregateSpec> all_aggregates() {
  return {{AggFn::count, "", "n"},
          {AggFn::count, "v", "nv"},
          {AggFn::sum, "v", "sum"},
          {AggFn::avg, "d", "avg"},
          {AggFn::min, "s", "min"},
          {AggFn::max, "v", "max"},
          {AggFn::count_distinct, "v", "dv"},
          {AggFn::first, "s", "first"},
          {AggFn::last, "v", "last"}};
}

std::unique_ptr<Operator> aggregate(EmitMode mode, std::vector<std::string> key = {"k"},
                                    std::vector<AggregateSpec> aggs = all_aggregates()) {
  auto op = make_running_aggregate(key, aggs, mode, input_schema());
  if (!op.ok()) qFatal("make_running_aggregate: %s", op.status().message().c_str());
  return std::move(op).value();
}

std::vector<Batch> sample_batches() {
  return {batch_of(input_schema(),
                   {{"a", "1", "0.5", "x"}, {"b", "2", "1.5", "y"}, {"a", "3", "null", "w"}}),
          batch_of(input_schema(), {{"b", "null", "null", "null"}}), batch_of(input_schema(), {}),
          batch_of(input_schema(), {{"null", "7", "2", "z"}, {"a", "1", "1.5", "v"}})};
}

std::vector<Batch> noisy_input(int total, int batch_size) {
  std::vector<Batch> out;
  quint32 x = 3;
  Batch b(input_schema());
  for (int i = 0; i < total; ++i) {
    x = x * 1103515245u + 12345u;
    b.column(0).append_string("k" + std::to_string((x >> 9) % 40));
    (x >> 5) % 7 == 0 ? b.column(1).append_null() : b.column(1).append_int((x >> 16) % 100);
    (x >> 6) % 5 == 0 ? b.column(2).append_null()
                      : b.column(2).append_double(((x >> 14) % 1000) / 8.0);
    b.column(3).append_string("s" + std::to_string((x >> 20) % 50));
    if (b.num_rows() == static_cast<std::size_t>(batch_size)) {
      out.push_back(std::move(b));
      b = Batch(input_schema());
    }
  }
  if (b.num_rows() > 0) out.push_back(std::move(b));
  return out;
}

}  // namespace

class TestRunningAggregate : public QObject {
  Q_OBJECT
 private slots:
  void outputSchema() {
    auto op = aggregate(EmitMode::update);
    QCOMPARE(schema_text(op->output_schema()),
             QString("k:string n:int64 nv:int64 sum:int64 avg:double min:string max:int64 dv:int64 "
                     "first:string last:int64"));
  }

  void updateEmitsChangedKeysAfterEachBatch() {
    const auto r = run_batches([] { return aggregate(EmitMode::update); }, sample_batches(), false);
    QCOMPARE(r.rows,
             (QStringList{
                 "a 2 2 4 0.5 w 3 2 x 3",  // batch 1
                 "b 1 1 2 1.5 y 2 1 y 2",
                 "b 2 1 2 1.5 y 2 1 y 2",   // batch 2: a row of nulls still counts in count(*)
                 "null 1 1 7 2 z 7 1 z 7",  // batch 4, null key first in key order
                 "a 3 3 5 1 v 3 2 x 1",
             }));
  }

  void finalEmitsOnlyAtTheEnd() {
    auto op = aggregate(EmitMode::final);
    for (const auto& b : sample_batches()) {
      Batch out(op->output_schema());
      std::vector<Rejected> rejected;
      if (b.num_rows() > 0) op->process(b, out, rejected);
      op->end_batch(out);
      QCOMPARE(out.num_rows(), 0u);
    }
    Batch end(op->output_schema());
    op->finish(end);
    QCOMPARE(rows_of(end), (QStringList{"null 1 1 7 2 z 7 1 z 7", "a 3 3 5 1 v 3 2 x 1",
                                        "b 2 1 2 1.5 y 2 1 y 2"}));
  }

  void nullsAreIgnoredByAggregates() {
    auto op = aggregate(EmitMode::final, {});  // no key: one group
    Batch in =
        batch_of(input_schema(), {{"a", "null", "null", "null"}, {"b", "null", "null", "null"}});
    Batch out(op->output_schema());
    std::vector<Rejected> rejected;
    op->process(in, out, rejected);
    op->finish(out);
    QCOMPARE(rows_of(out), QStringList{"2 0 null null null null 0 null null"});
  }

  void finishInUpdateModeAddsNothing() {
    auto op = aggregate(EmitMode::update);
    Batch out(op->output_schema());
    std::vector<Rejected> rejected;
    op->process(sample_batches()[0], out, rejected);
    op->end_batch(out);
    QCOMPARE(out.num_rows(), 2u);
    Batch end(op->output_schema());
    op->end_batch(end);
    op->finish(end);
    QCOMPARE(end.num_rows(), 0u);
  }

  void badParameters() {
    QCOMPARE(make_running_aggregate({"nope"}, all_aggregates(), EmitMode::final, input_schema())
                 .status()
                 .message(),
             std::string("key: unknown field 'nope'"));
    QCOMPARE(
        make_running_aggregate({"k"}, {{AggFn::sum, "s", "x"}}, EmitMode::final, input_schema())
            .status()
            .message(),
        std::string("aggregates[0]: sum needs a number field"));
    QCOMPARE(
        make_running_aggregate({"k"}, {{AggFn::count, "", "k"}}, EmitMode::final, input_schema())
            .status()
            .message(),
        std::string("aggregates: output field 'k' is also a key field or another aggregate"));
  }

  void stateSurvivesRestartAtEveryCheckpoint_data() {
    QTest::addColumn<bool>("update");
    QTest::newRow("update") << true;
    QTest::newRow("final") << false;
  }
  void stateSurvivesRestartAtEveryCheckpoint() {
    QFETCH(bool, update);
    const EmitMode mode = update ? EmitMode::update : EmitMode::final;
    const auto batches = noisy_input(3000, 100);
    const auto uninterrupted = run_batches([mode] { return aggregate(mode); }, batches, false);
    const auto restarted = run_batches([mode] { return aggregate(mode); }, batches, true);
    QVERIFY(uninterrupted.rows.size() >= 40);
    QCOMPARE(restarted.rows, uninterrupted.rows);
    if (!update) {
      // Final results do not depend on batch sizes either.
      QCOMPARE(run_batches([mode] { return aggregate(mode); }, noisy_input(3000, 7), false).rows,
               uninterrupted.rows);
    }
  }

  void checkpointWritesOnlyWhatChanged() {
    auto op = aggregate(EmitMode::update, {"k"}, {{AggFn::sum, "v", "sum"}});
    Batch first(input_schema());
    for (int i = 0; i < 10000; ++i) {
      first.column(0).append_string("key" + std::to_string(i));
      first.column(1).append_int(i);
      first.column(2).append_double(0);
      first.column(3).append_string("");
    }
    Batch out(op->output_schema());
    std::vector<Rejected> rejected;
    op->process(first, out, rejected);
    op->end_batch(out);
    StateChanges changes;
    op->save_changes("a", changes);
    QCOMPARE(changes.put.size(), 10001u);  // every key, and the arrival counter
    Batch second = batch_of(
        input_schema(), {{"key7", "1", "0", ""}, {"key70", "1", "0", ""}, {"new", "1", "0", ""}});
    Batch out2(op->output_schema());
    op->process(second, out2, rejected);
    op->end_batch(out2);
    QCOMPARE(rows_of(out2), (QStringList{"new 1", "key7 8", "key70 71"}));  // encoded key order
    changes.clear();
    op->save_changes("a", changes);
    QCOMPARE(changes.put.size(), 4u);
    QCOMPARE(changes.erase.size(), 0u);
  }
};

QTEST_GUILESS_MAIN(TestRunningAggregate)
#include "test_running_aggregate.moc"
