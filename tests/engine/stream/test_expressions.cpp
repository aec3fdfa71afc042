// The expression language, driven by expressions.test (input rows below, cases in the file).
#include <QtTest>

#include <QFile>

#include "core/batch.h"
#include "stream/expression.h"

using namespace tributary;
using namespace tributary::stream;

namespace {

Batch input_rows() {
  Batch b;
  auto ints = [](std::initializer_list<std::optional<std::int64_t>> v,
                 DataType t = DataType::int64) {
    Column c(t);
    for (auto x : v) x ? c.append_int(*x) : c.append_null();
    return c;
  };
  auto strings = [](std::initializer_list<std::optional<std::string>> v) {
    Column c(DataType::string);
    for (const auto& x : v) x ? c.append_string(*x) : c.append_null();
    return c;
  };
  Column d(DataType::float64);
  for (auto x : {1.5, -0.5, 2.0}) d.append_double(x);
  d.append_null();
  Column bools(DataType::boolean);
  bools.append_bool(true);
  bools.append_bool(false);
  bools.append_null();
  bools.append_bool(true);
  b.add_column({"i", DataType::int64}, ints({1, -2, 3, std::nullopt}));
  b.add_column({"d", DataType::float64}, std::move(d));
  b.add_column({"s", DataType::string}, strings({"apple", "Banana", "", std::nullopt}));
  b.add_column({"u", DataType::string}, strings({"été", "naïve", "abc", "x"}));
  b.add_column({"b", DataType::boolean}, std::move(bools));
  b.add_column({"n", DataType::int64}, ints({7, std::nullopt, 0, std::nullopt}));
  b.add_column({"ts", DataType::timestamp},
               ints({1000, 2000, std::nullopt, 86400000}, DataType::timestamp));
  b.add_column({"odd name", DataType::string}, strings({"a b", "c", "d", "e"}));
  b.add_column({"num", DataType::string}, strings({"42", " 3.5 ", "abc", std::nullopt}));
  return b;
}

struct Case {
  int line;
  QString expr;
  QString expected;
};

QList<Case> load_cases() {
  QList<Case> cases;
  QFile f(QStringLiteral(TRIBUTARY_TEST_DATA) + "/expressions.test");
  if (!f.open(QIODevice::ReadOnly)) qFatal("cannot open %s", qPrintable(f.fileName()));
  int line = 0;
  while (!f.atEnd()) {
    ++line;
    const QString text = QString::fromUtf8(f.readLine()).trimmed();
    if (text.isEmpty() || text.startsWith('#')) continue;
    const qsizetype arrow = text.indexOf(" => ");
    if (arrow < 0) qFatal("expressions.test:%d: no ' => '", line);
    cases.append({line, text.left(arrow), text.mid(arrow + 4)});
  }
  return cases;
}

}  // namespace

class TestExpressions : public QObject {
  Q_OBJECT
 private slots:
  void cases_data() {
    QTest::addColumn<QString>("expr");
    QTest::addColumn<QString>("expected");
    const auto cases = load_cases();
    QVERIFY(cases.size() >= 100);
    for (const auto& c : cases) {
      QTest::newRow(qPrintable(QString("line %1: %2").arg(c.line).arg(c.expr)))
          << c.expr << c.expected;
    }
  }
  void cases() {
    QFETCH(QString, expr);
    QFETCH(QString, expected);
    const Batch batch = input_rows();
    auto compiled = Expression::compile(expr.toStdString(), batch.schema());
    if (expected.startsWith("error ")) {
      QVERIFY2(!compiled.ok(), "compiled, but an error was expected");
      const QString message = QString::fromStdString(compiled.status().message());
      QVERIFY2(message.contains(expected.mid(6)), qPrintable("got: " + message));
      return;
    }
    QVERIFY2(compiled.ok(), compiled.ok() ? "" : compiled.status().message().c_str());
    const qsizetype colon = expected.indexOf(": ");
    QCOMPARE(QString(type_name(compiled->type())), expected.left(colon));
    const QStringList want = expected.mid(colon + 2).split(" | ");
    QCOMPARE(want.size(), 4);
    const Column out = compiled->evaluate(batch);
    QCOMPARE(out.size(), 4u);
    QCOMPARE(out.type(), compiled->type());
    for (int r = 0; r < 4; ++r) {
      QString got = QString::fromStdString(out.to_string(static_cast<std::size_t>(r)));
      if (got.isEmpty() && !out.is_null(static_cast<std::size_t>(r))) got = "''";
      QVERIFY2(got == want[r].trimmed(),
               qPrintable(QString("row %1: got %2, want %3").arg(r).arg(got, want[r])));
    }
  }

  void emptyExpressionIsAnError() {
    auto e = Expression::compile("   ", input_rows().schema());
    QVERIFY(!e.ok());
    QVERIFY(QString::fromStdString(e.status().message()).contains("column 4: unexpected end"));
  }

  void emptyBatchGivesEmptyColumn() {
    Batch empty(input_rows().schema());
    for (const char* text : {"i + 1", "s = 'x'", "1 + 2", "concat(s, 'x')", "b and true"}) {
      auto e = Expression::compile(text, empty.schema());
      QVERIFY(e.ok());
      QCOMPARE(e->evaluate(empty).size(), 0u);
    }
  }

  void largeBatchMatchesRowByRowArithmetic() {
    // Enough rows to cross validity-word and vector-loop boundaries, with nulls sprinkled.
    Column x(DataType::int64), y(DataType::float64);
    constexpr int kRows = 10007;
    for (int r = 0; r < kRows; ++r) {
      (r % 13 == 0) ? x.append_null() : x.append_int(r - 5000);
      (r % 7 == 0) ? y.append_null() : y.append_double(r * 0.25);
    }
    Batch b;
    b.add_column({"x", DataType::int64}, std::move(x));
    b.add_column({"y", DataType::float64}, std::move(y));
    auto e = Expression::compile("if(x > 0 and y < 2000, x * 2 + y, -1)", b.schema());
    QVERIFY(e.ok());
    const Column out = e->evaluate(b);
    for (int r = 0; r < kRows; ++r) {
      const bool xv = r % 13 != 0;
      const bool yv = r % 7 != 0;
      const std::int64_t xi = r - 5000;
      const double yd = r * 0.25;
      const bool cond = xv && yv && xi > 0 && yd < 2000;  // a null condition takes the else branch
      if (cond) {
        QCOMPARE(out.doubles()[r], xi * 2 + yd);
      } else {
        QVERIFY(!out.is_null(static_cast<std::size_t>(r)));
        QCOMPARE(out.doubles()[r], -1.0);
      }
    }
  }

  void compiledOnceEvaluatedOnManyBatches() {
    const Batch batch = input_rows();
    auto e = Expression::compile("regex_match(s, '^[A-Z]')", batch.schema());
    QVERIFY(e.ok());
    for (int k = 0; k < 3; ++k) {
      const Column out = e->evaluate(batch);
      QCOMPARE(QString::fromStdString(out.to_string(1)), QString("true"));
    }
  }
};

QTEST_APPLESS_MAIN(TestExpressions)
#include "test_expressions.moc"
