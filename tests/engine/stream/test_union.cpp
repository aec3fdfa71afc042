// Union: which inputs can be merged, the schema they merge to, and the per-input cast.
#include <QtTest>

#include "operator_harness.h"

using namespace tributary;
using namespace tributary::stream;
using namespace tributary::testing;

Q_DECLARE_METATYPE(tributary::Schema)

class TestUnion : public QObject {
  Q_OBJECT
 private slots:
  void compatibleSchemas_data() {
    QTest::addColumn<QList<Schema>>("inputs");
    QTest::addColumn<QString>("unified");
    const Schema a({{"k", DataType::string}, {"v", DataType::int64}});
    QTest::newRow("one input") << QList<Schema>{a} << "k:string v:int64";
    QTest::newRow("same") << QList<Schema>{a, a, a} << "k:string v:int64";
    QTest::newRow("int and double widen")
        << QList<Schema>{a, Schema({{"k", DataType::string}, {"v", DataType::float64}}), a}
        << "k:string v:double";
    QTest::newRow("other order") << QList<Schema>{a, Schema({{"v", DataType::int64},
                                                             {"k", DataType::string}})}
                                 << "k:string v:int64";
    QTest::newRow("null takes the other type")
        << QList<Schema>{Schema({{"k", DataType::null}, {"v", DataType::int64}}), a}
        << "k:string v:int64";
    QTest::newRow("timestamps and bools")
        << QList<Schema>{Schema({{"t", DataType::timestamp}, {"b", DataType::boolean}}),
                         Schema({{"t", DataType::timestamp}, {"b", DataType::boolean}})}
        << "t:timestamp b:bool";
  }
  void compatibleSchemas() {
    QFETCH(QList<Schema>, inputs);
    QFETCH(QString, unified);
    auto s = make_union_check(std::vector<Schema>(inputs.begin(), inputs.end()));
    QVERIFY2(s.ok(), s.status().message().c_str());
    QCOMPARE(schema_text(*s), unified);
  }

  void incompatibleSchemas_data() {
    QTest::addColumn<QList<Schema>>("inputs");
    QTest::addColumn<QString>("message");
    const Schema a({{"k", DataType::string}, {"v", DataType::int64}});
    QTest::newRow("none") << QList<Schema>{} << "a union needs at least one input";
    QTest::newRow("missing field")
        << QList<Schema>{a, Schema({{"k", DataType::string}})} << "input 2: field 'v' is missing";
    QTest::newRow("extra field") << QList<Schema>{a, a,
                                                  Schema({{"k", DataType::string},
                                                          {"v", DataType::int64},
                                                          {"x", DataType::int64}})}
                                 << "input 3: field 'x' is not in input 1";
    QTest::newRow("renamed field")
        << QList<Schema>{a, Schema({{"k", DataType::string}, {"value", DataType::int64}})}
        << "input 2: field 'value' is not in input 1";
    QTest::newRow("string and number")
        << QList<Schema>{a, Schema({{"k", DataType::int64}, {"v", DataType::int64}})}
        << "input 2: field 'k' is int64, earlier inputs have string";
    QTest::newRow("timestamp and int64")
        << QList<Schema>{Schema({{"t", DataType::timestamp}}), Schema({{"t", DataType::int64}})}
        << "input 2: field 't' is int64, earlier inputs have timestamp";
    QTest::newRow("bool and number")
        << QList<Schema>{Schema({{"b", DataType::boolean}}), Schema({{"b", DataType::float64}})}
        << "input 2: field 'b' is double, earlier inputs have bool";
  }
  void incompatibleSchemas() {
    QFETCH(QList<Schema>, inputs);
    QFETCH(QString, message);
    auto s = make_union_check(std::vector<Schema>(inputs.begin(), inputs.end()));
    QVERIFY(!s.ok());
    QCOMPARE(QString::fromStdString(s.status().message()), message);
  }

  void castReordersAndWidens() {
    const Schema first({{"k", DataType::string}, {"v", DataType::float64}, {"n", DataType::int64}});
    const Schema second({{"n", DataType::null}, {"v", DataType::int64}, {"k", DataType::string}});
    auto unified = make_union_check({first, second});
    QVERIFY(unified.ok());
    QCOMPARE(schema_text(*unified), QString("k:string v:double n:int64"));
    auto cast = make_union_cast(second, *unified);
    QVERIFY2(cast.ok(), cast.status().message().c_str());
    Batch in =
        batch_of(second, {{"null", "3", "a"}, {"null", "null", "b"}, {"null", "-7", "null"}});
    Batch out((*cast)->output_schema());
    std::vector<Rejected> rejected;
    (*cast)->process(in, out, rejected);
    QCOMPARE(out.column(1).type(), DataType::float64);
    QCOMPARE(rows_of(out), (QStringList{"a 3 null", "b null null", "null -7 null"}));
    auto same = make_union_cast(first, *unified);
    QVERIFY(same.ok());
    QVERIFY(!make_union_cast(Schema({{"k", DataType::string}}), *unified).ok());
    QVERIFY(!make_union_cast(
                 Schema({{"k", DataType::int64}, {"v", DataType::float64}, {"n", DataType::int64}}),
                 *unified)
                 .ok());
  }
};

QTEST_GUILESS_MAIN(TestUnion)
#include "test_union.moc"
