// Window semantics, driven by windows.test; final-mode cases are also replayed with every
// micro-batch size to show that results do not depend on where batches are cut.
#include <QtTest>

#include <QFile>

#include "batch_text.h"
#include "stream/windowed_aggregate.h"

using namespace tributary;
using namespace tributary::stream;
using tributary::testing::rows_of;

namespace {

struct WindowCase {
  int line = 0;
  QString title;
  WindowedAggregateSpec spec;
  QList<std::tuple<QString, qint64, std::optional<qint64>>> records;
  QList<int> batches;
  QStringList emits, at_end;
  QList<qint64> late;
};

Schema input_schema() {
  return Schema({{"k", DataType::string}, {"t", DataType::timestamp}, {"v", DataType::int64}});
}

QList<WindowCase> load_cases() {
  QList<WindowCase> cases;
  QFile f(QStringLiteral(TRIBUTARY_TEST_DATA) + "/windows.test");
  if (!f.open(QIODevice::ReadOnly)) qFatal("cannot open %s", qPrintable(f.fileName()));
  QString section;
  int line = 0;
  while (!f.atEnd()) {
    ++line;
    const QString text = QString::fromUtf8(f.readLine()).trimmed();
    if (text.startsWith("## ")) {
      cases.append(WindowCase{});
      cases.last().line = line;
      cases.last().title = text.mid(3);
      section.clear();
      continue;
    }
    if (text.isEmpty() || text.startsWith('#') || cases.isEmpty()) continue;
    WindowCase& c = cases.last();
    const QStringList words = text.split(' ', Qt::SkipEmptyParts);
    const QString head = words.first();
    if (head == "window") {
      const QString kind = words[1];
      c.spec.window.kind = kind == "tumbling"  ? WindowKind::tumbling
                           : kind == "hopping" ? WindowKind::hopping
                           : kind == "sliding" ? WindowKind::sliding
                                               : WindowKind::session;
      for (const QString& w : words.mid(2)) {
        const QString name = w.section('=', 0, 0);
        const QString value = w.section('=', 1);
        if (name == "size") c.spec.window.size_ms = value.toLongLong();
        if (name == "advance") c.spec.window.advance_ms = value.toLongLong();
        if (name == "difference") c.spec.window.difference_ms = value.toLongLong();
        if (name == "gap") c.spec.window.gap_ms = value.toLongLong();
        if (name == "grace") c.spec.window.grace_ms = value.toLongLong();
        if (name == "emit")
          c.spec.emit_mode = value == "update" ? EmitMode::update : EmitMode::final;
      }
      c.spec.key = {"k"};
      c.spec.time_field = "t";
    } else if (head == "aggregates") {
      for (const QString& w : words.mid(1)) {
        AggregateSpec a;
        const QString fn = w.section('(', 0, 0);
        a.fn = *parse_agg_fn(fn.toStdString());
        if (w.contains('(')) a.field = w.section('(', 1).chopped(1).toStdString();
        a.as = w.toStdString();
        c.spec.aggregates.push_back(a);
      }
    } else if (head == "records") {
      for (const QString& w : words.mid(1)) {
        const QString key = w.section('@', 0, 0);
        const QString rest = w.section('@', 1);
        std::optional<qint64> v;
        if (rest.contains('=')) v = rest.section('=', 1).toLongLong();
        c.records.append(std::make_tuple(key, rest.section('=', 0, 0).toLongLong(), v));
      }
    } else if (head == "batches") {
      for (const QString& w : words.mid(1)) c.batches.append(w.toInt());
    } else if (head == "late") {
      for (const QString& w : words.mid(1)) c.late.append(w.toLongLong());
    } else if (head == "emits" || head == "at-end") {
      section = head;
    } else if (section == "emits") {
      c.emits.append(text);
    } else if (section == "at-end") {
      c.at_end.append(text);
    } else {
      qFatal("windows.test:%d: cannot read '%s'", line, qPrintable(text));
    }
  }
  return cases;
}

struct Run {
  QStringList emits, at_end;
  QList<qint64> late;
};

Run run(const WindowCase& c, QList<int> batches) {
  auto op = WindowedAggregate::create(c.spec, input_schema());
  if (!op.ok()) qFatal("%s", op.status().message().c_str());
  Run result;
  Batch out((*op)->output_schema());
  qsizetype next = 0;
  if (batches.isEmpty()) batches.append(static_cast<int>(c.records.size()));
  for (int size : batches) {
    Batch in(input_schema());
    for (int i = 0; i < size && next < c.records.size(); ++i, ++next) {
      const auto& [key, t, v] = c.records[next];
      in.column(0).append_string(key.toStdString());
      in.column(1).append_int(t);
      v ? in.column(2).append_int(*v) : in.column(2).append_null();
    }
    std::vector<LateRecord> late;
    (*op)->process(in, out, late);
    (*op)->end_batch(out);
    for (const auto& l : late) result.late.append(l.time);
  }
  result.emits = rows_of(out);
  Batch end((*op)->output_schema());
  (*op)->finish(end);
  result.at_end = rows_of(end);
  return result;
}

}  // namespace

class TestWindows : public QObject {
  Q_OBJECT
 private slots:
  void semantics_data() {
    QTest::addColumn<int>("index");
    const auto cases = load_cases();
    QVERIFY(cases.size() >= 40);
    for (int i = 0; i < cases.size(); ++i) {
      QTest::newRow(qPrintable(QString("line %1: %2").arg(cases[i].line).arg(cases[i].title))) << i;
    }
  }
  void semantics() {
    QFETCH(int, index);
    const WindowCase c = load_cases()[index];
    const Run r = run(c, c.batches);
    QCOMPARE(r.emits, c.emits);
    QCOMPARE(r.at_end, c.at_end);
    QCOMPARE(r.late, c.late);
    if (c.spec.emit_mode == EmitMode::final) {
      // Same rows in the same order whatever the micro-batch size.
      for (int size : {1, 2, 3, 7}) {
        QList<int> batches;
        for (qsizetype n = 0; n < c.records.size(); n += size) batches.append(size);
        const Run again = run(c, batches);
        QCOMPARE(again.emits + again.at_end, c.emits + c.at_end);
        QCOMPARE(again.late, c.late);
      }
    }
  }

  void rejectsBadSpecs() {
    WindowedAggregateSpec s;
    s.key = {"k"};
    s.time_field = "t";
    s.aggregates = {{AggFn::count, "", "n"}};
    s.window.kind = WindowKind::tumbling;
    QVERIFY(!WindowedAggregate::create(s, input_schema()).ok());  // size 0
    s.window.size_ms = 10;
    QVERIFY(WindowedAggregate::create(s, input_schema()).ok());
    s.window.kind = WindowKind::hopping;
    s.window.advance_ms = 20;
    QVERIFY(!WindowedAggregate::create(s, input_schema()).ok());  // advance > size
    s.window.kind = WindowKind::tumbling;
    s.time_field = "k";
    QVERIFY(!WindowedAggregate::create(s, input_schema()).ok());  // not a time
    s.time_field = "t";
    s.aggregates = {{AggFn::sum, "k", "x"}};
    QVERIFY(!WindowedAggregate::create(s, input_schema()).ok());  // sum of strings
    s.aggregates = {{AggFn::sum, "nope", "x"}};
    QVERIFY(!WindowedAggregate::create(s, input_schema()).ok());
  }

  void manyKeysAndWindowsMatchABruteForceCount() {
    // 20,000 pseudo-random in-order events over 50 keys: tumbling counts must equal a direct
    // count per (key, window).
    WindowedAggregateSpec s;
    s.key = {"k"};
    s.time_field = "t";
    s.window.size_ms = 1000;
    s.aggregates = {{AggFn::count, "", "n"}, {AggFn::sum, "v", "s"}};
    auto op = WindowedAggregate::create(s, input_schema());
    QVERIFY(op.ok());
    Batch in(input_schema());
    std::map<std::pair<std::string, qint64>, std::pair<qint64, qint64>> expected;
    quint32 x = 12345;
    for (int i = 0; i < 20000; ++i) {
      x = x * 1103515245u + 12345u;
      const std::string key = "k" + std::to_string((x >> 8) % 50);
      const qint64 t = i * 7;
      in.column(0).append_string(key);
      in.column(1).append_int(t);
      in.column(2).append_int(i % 10);
      auto& e = expected[{key, t / 1000 * 1000}];
      ++e.first;
      e.second += i % 10;
    }
    Batch out((*op)->output_schema());
    std::vector<LateRecord> late;
    (*op)->process(in, out, late);
    (*op)->finish(out);
    QCOMPARE(late.size(), 0u);
    QCOMPARE(out.num_rows(), expected.size());
    for (std::size_t r = 0; r < out.num_rows(); ++r) {
      const auto& e =
          expected.at({std::string(out.column(0).string_at(r)), out.column(1).ints()[r]});
      QCOMPARE(out.column(3).ints()[r], e.first);
      QCOMPARE(out.column(4).ints()[r], e.second);
    }
    QCOMPARE((*op)->open_windows(), 0u);
  }
};

QTEST_APPLESS_MAIN(TestWindows)
#include "test_windows.moc"
