// transform.sql: queries over each micro-batch, output types, errors, a large batch.
#include <QtTest>

#include <chrono>

#include "operator_harness.h"

using namespace tributary;
using namespace tributary::stream;
using namespace tributary::testing;

namespace {

Schema input_schema() {
  return Schema({{"k", DataType::string},
                 {"v", DataType::int64},
                 {"d", DataType::float64},
                 {"b", DataType::boolean},
                 {"t", DataType::timestamp}});
}

Batch sample() {
  return batch_of(input_schema(), {{"a", "1", "0.5", "true", "1000"},
                                   {"b", "2", "null", "false", "2000"},
                                   {"a", "null", "2.25", "null", "3000"},
                                   {"null", "4", "-1", "true", "null"},
                                   {"c", "5", "10", "false", "5000"}});
}

std::unique_ptr<Operator> sql(const QString& query) {
  auto op = make_sql(query.toStdString(), input_schema());
  if (!op.ok()) qFatal("make_sql: %s", op.status().message().c_str());
  return std::move(op).value();
}

QStringList run(Operator& op, const Batch& in) {
  Batch out(op.output_schema());
  std::vector<Rejected> rejected;
  op.process(in, out, rejected);
  if (!rejected.empty()) qWarning("rejected: %s", rejected.front().reason.c_str());
  return rows_of(out);
}

}  // namespace

class TestSql : public QObject {
  Q_OBJECT
 private slots:
  void queries_data() {
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("schema");
    QTest::addColumn<QStringList>("rows");
    QTest::newRow("projection") << "SELECT v, k FROM input"
                                << "v:int64 k:string"
                                << QStringList{"1 a", "2 b", "null a", "4 null", "5 c"};
    QTest::newRow("star keeps every type")
        << "SELECT * FROM input"
        << "k:string v:int64 d:double b:bool t:timestamp"
        << QStringList{"a 1 0.5 true 1000", "b 2 null false 2000", "a null 2.25 null 3000",
                       "null 4 -1 true null", "c 5 10 false 5000"};
    QTest::newRow("where") << "SELECT k FROM input WHERE v > 1 AND b"
                           << "k:string" << QStringList{"null"};
    QTest::newRow("where on bool and text") << "SELECT v FROM input WHERE NOT b AND k >= 'b'"
                                            << "v:int64" << QStringList{"2", "5"};
    QTest::newRow("group by in the batch")
        << "SELECT k, count(*) AS n, sum(v) AS s, avg(d) AS a, max(t) AS m FROM input GROUP BY k "
           "ORDER BY k"
        << "k:string n:int64 s:int64 a:double m:int64"
        << QStringList{"null 1 4 -1 null", "a 2 1 1.375 3000", "b 1 2 null 2000", "c 1 5 10 5000"};
    QTest::newRow("cast") << "SELECT CAST(v AS REAL) AS r, CAST(d AS INTEGER) AS i, CAST(v AS "
                             "TEXT) AS s FROM input LIMIT 3"
                          << "r:double i:int64 s:string"
                          << QStringList{"1 0 1", "2 null 2", "null 2 null"};
    QTest::newRow("arithmetic")
        << "SELECT v * 2 AS twice, d / 2 AS half, v / 2 AS idiv FROM input WHERE v < 3"
        << "twice:int64 half:double idiv:int64" << QStringList{"2 0.25 0", "4 null 1"};
    QTest::newRow("string functions")
        << "SELECT upper(k) AS u, length(k) AS n, substr(k || 'xyz', 2, 2) AS s, replace(k, 'a', "
           "'A') AS r, "
           "printf('%s-%d', k, v) AS p FROM input WHERE k IS NOT NULL AND v IS NOT NULL"
        << "u:string n:int64 s:string r:string p:string"
        << QStringList{"A 1 xy A a-1", "B 1 xy b b-2", "C 1 xy c c-5"};
    QTest::newRow("null handling") << "SELECT coalesce(v, -1) AS v, ifnull(k, '?') AS k, d IS NULL "
                                      "AS no_d, v + NULL AS gone, count(d) OVER () AS nd "
                                      "FROM input"
                                   << "v:int64 k:string no_d:int64 gone:string nd:int64"
                                   << QStringList{"1 a 0 null 4", "2 b 1 null 4", "-1 a 0 null 4",
                                                  "4 ? 0 null 4", "5 c 0 null 4"};
    QTest::newRow("aggregate without rows in the group")
        << "SELECT count(*) AS n, sum(v) AS s FROM input WHERE v > 100"
        << "n:int64 s:int64" << QStringList{"0 null"};
    QTest::newRow("subquery and cte") << "WITH big AS (SELECT k, v FROM input WHERE v >= 2) SELECT "
                                         "k, v FROM big WHERE v < (SELECT max(v) FROM big)"
                                      << "k:string v:int64" << QStringList{"b 2", "null 4"};
    QTest::newRow("quoted names") << "SELECT v AS \"my value\", k AS `key` FROM input LIMIT 1"
                                  << "my value:int64 key:string" << QStringList{"1 a"};
  }
  void queries() {
    QFETCH(QString, query);
    QFETCH(QString, schema);
    QFETCH(QStringList, rows);
    auto op = sql(query);
    QCOMPARE(schema_text(op->output_schema()), schema);
    QCOMPARE(run(*op, sample()), rows);
    // Stateless: the same batch again gives the same rows (the table was emptied).
    QCOMPARE(run(*op, sample()), rows);
  }

  void badQueriesAreErrorsAtCreation_data() {
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("message");
    QTest::newRow("syntax") << "SELEC k FROM input"
                            << "query: near \"SELEC\": syntax error";
    QTest::newRow("unknown column") << "SELECT nope FROM input"
                                    << "query: no such column: nope";
    QTest::newRow("unknown table") << "SELECT * FROM other"
                                   << "query: no such table: other";
    QTest::newRow("empty") << "  "
                           << "query: the query is empty";
    QTest::newRow("two statements") << "SELECT 1; SELECT 2"
                                    << "query: only one statement is allowed";
    QTest::newRow("write") << "DELETE FROM input"
                           << "query: not authorized";
    QTest::newRow("attach") << "ATTACH DATABASE '/tmp/x.db' AS x"
                            << "query: not authorized";
    QTest::newRow("pragma") << "PRAGMA table_info(input)"
                            << "query: not authorized";
    QTest::newRow("duplicate names")
        << "SELECT k, k FROM input"
        << "query: two result columns are called 'k'; name them with AS";
  }
  void badQueriesAreErrorsAtCreation() {
    QFETCH(QString, query);
    QFETCH(QString, message);
    auto op = make_sql(query.toStdString(), input_schema());
    QVERIFY(!op.ok());
    QCOMPARE(QString::fromStdString(op.status().message()), message);
  }

  void trailingSemicolonIsFine() {
    auto op = make_sql("SELECT k FROM input;  ", input_schema());
    QVERIFY2(op.ok(), op.status().message().c_str());
  }

  void typesWhenTheProbeSeesNothingFallBackToString() {
    // No probe row passes this WHERE, and the expression has no affinity.
    auto op = sql("SELECT v + 1 AS w FROM input WHERE k = 'no such key'");
    QCOMPARE(schema_text(op->output_schema()), QString("w:string"));
  }

  void valuesAreConvertedToTheColumnType() {
    // The probe rows make `x` an int64; a later batch produces text and a real in it.
    auto op =
        sql("SELECT CASE WHEN v = 1 THEN v WHEN v = 2 THEN '42' WHEN v = 4 THEN 'text' ELSE 2.75 "
            "END AS x FROM input");
    QCOMPARE(schema_text(op->output_schema()), QString("x:int64"));
    QCOMPARE(run(*op, sample()), (QStringList{"1", "42", "2", "null", "2"}));
  }

  void runtimeErrorRejectsTheBatch() {
    auto op = sql("SELECT sum(v) AS s FROM input");
    Batch in = batch_of(input_schema(), {{"a", "9223372036854775807", "0", "true", "1"},
                                         {"a", "1", "0", "true", "1"}});
    Batch out(op->output_schema());
    std::vector<Rejected> rejected;
    op->process(in, out, rejected);
    QCOMPARE(out.num_rows(), 0u);
    QCOMPARE(rejected.size(), 2u);
    QCOMPARE(QString::fromStdString(rejected[0].reason), QString("sql: integer overflow"));
    // The next batch is fine: nothing of the failed one stayed in the table.
    QCOMPARE(run(*op, sample()), QStringList{"12"});
  }

  void tenThousandRowBatch() {
    Batch in(input_schema());
    for (int i = 0; i < 10000; ++i) {
      in.column(0).append_string("k" + std::to_string(i % 100));
      in.column(1).append_int(i);
      in.column(2).append_double(i * 0.5);
      in.column(3).append_bool(i % 2 == 0);
      in.column(4).append_int(1'700'000'000'000 + i);
    }
    auto op =
        sql("SELECT k, count(*) AS n, sum(v) AS s, min(t) AS first_t FROM input WHERE b GROUP BY k "
            "ORDER BY s DESC");
    Batch out(op->output_schema());
    std::vector<Rejected> rejected;
    const auto start = std::chrono::steady_clock::now();
    op->process(in, out, rejected);
    const auto ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    qInfo("10,000-row batch through GROUP BY: %.1f ms", ms);
    QVERIFY(rejected.empty());
    QCOMPARE(out.num_rows(), 50u);
    QCOMPARE(out.column(0).to_string(0), std::string("k98"));
    QCOMPARE(out.column(1).ints()[0], 100);
    QCOMPARE(out.column(2).ints()[0], (98 + 9998) * 100 / 2);
    auto passthrough = sql("SELECT * FROM input");
    Batch all(passthrough->output_schema());
    passthrough->process(in, all, rejected);
    QCOMPARE(rows_of(all), rows_of(in));
  }

  void stringsWithQuotesAndUnicodeRoundTrip() {
    auto op = sql("SELECT k FROM input");
    Batch in =
        batch_of(input_schema(), {{"it's \"q\"", "1", "0", "true", "1"},
                                  {QString::fromUtf8("\xc3\xa9t\xc3\xa9"), "1", "0", "true", "1"}});
    QCOMPARE(run(*op, in), (QStringList{"it's \"q\"", QString::fromUtf8("\xc3\xa9t\xc3\xa9")}));
  }
};

QTEST_GUILESS_MAIN(TestSql)
#include "test_sql.moc"
