// Scalars in text, shared by the codecs: numbers, booleans, ISO-8601 timestamps and UTF-8.
#include <QtTest>

#include "io/text_values.h"
#include "io/utf8.h"

using namespace tributary::io;

class TestTextValues : public QObject {
  Q_OBJECT
 private slots:
  void iso8601_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("ms");  // -2 = refused
    QTest::newRow("epoch") << "1970-01-01T00:00:00Z" << qint64(0);
    QTest::newRow("task example") << "2024-03-01T12:00:00Z" << qint64(1709294400000);
    QTest::newRow("fraction") << "2024-03-01T12:00:00.123Z" << qint64(1709294400123);
    QTest::newRow("one digit fraction") << "2024-03-01T12:00:00.5Z" << qint64(1709294400500);
    QTest::newRow("long fraction truncates")
        << "2024-03-01T12:00:00.123999Z" << qint64(1709294400123);
    QTest::newRow("offset") << "2024-03-01T14:00:00+02:00" << qint64(1709294400000);
    QTest::newRow("negative offset") << "2024-03-01T07:30:00-04:30" << qint64(1709294400000);
    QTest::newRow("offset no colon") << "2024-03-01T14:00:00+0200" << qint64(1709294400000);
    QTest::newRow("offset hours") << "2024-03-01T14:00:00+02" << qint64(1709294400000);
    QTest::newRow("no offset is UTC") << "2024-03-01T12:00:00" << qint64(1709294400000);
    QTest::newRow("space separator") << "2024-03-01 12:00:00Z" << qint64(1709294400000);
    QTest::newRow("no seconds") << "2024-03-01T12:00Z" << qint64(1709294400000);
    QTest::newRow("date only") << "2024-03-01" << qint64(1709251200000);
    QTest::newRow("leap day") << "2024-02-29T00:00:00Z" << qint64(1709164800000);
    QTest::newRow("before epoch") << "1969-12-31T23:59:59.999Z" << qint64(-1);
    QTest::newRow("year 2000") << "2000-03-01T00:00:00Z" << qint64(951868800000);
    QTest::newRow("year 1900") << "1900-01-01T00:00:00Z" << qint64(-2208988800000);
    QTest::newRow("no leap day 2023") << "2023-02-29T00:00:00Z" << qint64(-2);
    QTest::newRow("month 13") << "2024-13-01T00:00:00Z" << qint64(-2);
    QTest::newRow("hour 24") << "2024-01-01T24:00:00Z" << qint64(-2);
    QTest::newRow("garbage after") << "2024-01-01T00:00:00Zx" << qint64(-2);
    QTest::newRow("empty fraction") << "2024-01-01T00:00:00.Z" << qint64(-2);
    QTest::newRow("short year") << "24-01-01" << qint64(-2);
    QTest::newRow("words") << "yesterday" << qint64(-2);
    QTest::newRow("empty") << "" << qint64(-2);
  }
  void iso8601() {
    QFETCH(QString, text);
    QFETCH(qint64, ms);
    const auto got = parse_iso8601_ms(text.toStdString());
    if (ms == -2) {
      QVERIFY2(!got, "parsed, but should be refused");
      return;
    }
    QVERIFY(got.has_value());
    QCOMPARE(*got, std::int64_t(ms));
  }

  void iso8601FormatsAndReadsBack() {
    for (std::int64_t ms : {std::int64_t(0), std::int64_t(-1), std::int64_t(1709294400123),
                            std::int64_t(951782400000), std::int64_t(-2208988800000),
                            std::int64_t(253402300799999), std::int64_t(-62135596800000)}) {
      std::string text;
      append_iso8601(text, ms);
      const auto back = parse_iso8601_ms(text);
      QVERIFY2(back.has_value(), text.c_str());
      QCOMPARE(*back, ms);
    }
    std::string text;
    append_iso8601(text, 1709294400000);
    QCOMPARE(text, std::string("2024-03-01T12:00:00Z"));
    text.clear();
    append_iso8601(text, -1);
    QCOMPARE(text, std::string("1969-12-31T23:59:59.999Z"));
    text.clear();
    append_iso8601(text, 253402300800000);  // year 10000: no ISO form, the integer instead
    QCOMPARE(text, std::string("253402300800000"));
  }

  void numbers() {
    QCOMPARE(parse_int64("42"), std::optional<std::int64_t>(42));
    QCOMPARE(parse_int64("+7"), std::optional<std::int64_t>(7));
    QCOMPARE(parse_int64("-9223372036854775808"), std::optional<std::int64_t>(INT64_MIN));
    QVERIFY(!parse_int64("9223372036854775808"));
    QVERIFY(!parse_int64("1.0"));
    // Digits read eight at a time: every length up to the word-wise limit and past it.
    QCOMPARE(parse_int64("1700000000123"), std::optional<std::int64_t>(1700000000123));
    QCOMPARE(parse_int64("12345678"), std::optional<std::int64_t>(12345678));
    QCOMPARE(parse_int64("123456789012345678"), std::optional<std::int64_t>(123456789012345678));
    QCOMPARE(parse_int64("1234567890123456789"), std::optional<std::int64_t>(1234567890123456789));
    QCOMPARE(parse_int64("00000000000000000000000042"), std::optional<std::int64_t>(42));
    QVERIFY(!parse_int64("1234567:"));
    QVERIFY(!parse_int64("12345678/"));
    QVERIFY(!parse_int64("1234567812345678a"));
    QVERIFY(!parse_int64("123456781234 678"));
    QVERIFY(!parse_int64(" 1"));
    QVERIFY(!parse_int64("+"));
    QVERIFY(!parse_int64("+-1"));
    QVERIFY(!parse_int64(""));
    QCOMPARE(parse_double("2.5"), std::optional<double>(2.5));
    QCOMPARE(parse_double("-1e3"), std::optional<double>(-1000));
    QCOMPARE(parse_double(".5"), std::optional<double>(0.5));
    QCOMPARE(parse_double("+3"), std::optional<double>(3));
    QVERIFY(!parse_double("abc"));
    QVERIFY(!parse_double("inf"));
    QVERIFY(!parse_double("nan"));
    QVERIFY(!parse_double("1,5"));
    QVERIFY(!parse_double("-"));
    QVERIFY(!parse_double("0x10"));
    QCOMPARE(parse_bool("TRUE"), std::optional<bool>(true));
    QCOMPARE(parse_bool("false"), std::optional<bool>(false));
    QVERIFY(!parse_bool("yes"));
    QVERIFY(!parse_bool("1"));
  }

  void utf8() {
    QCOMPARE(find_invalid_utf8("plain ascii text, longer than eight bytes"),
             std::optional<std::size_t>());
    QCOMPARE(find_invalid_utf8("h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80"),
             std::optional<std::size_t>());
    QCOMPARE(find_invalid_utf8("abcd\xff"), std::optional<std::size_t>(4));
    QCOMPARE(find_invalid_utf8("abcdefghij\xc3"),
             std::optional<std::size_t>(10));                                // truncated sequence
    QCOMPARE(find_invalid_utf8("\xc0\xaf"), std::optional<std::size_t>(0));  // overlong
    QCOMPARE(find_invalid_utf8("ab\xed\xa0\x80"), std::optional<std::size_t>(2));  // surrogate
    QCOMPARE(find_invalid_utf8("\xf4\x90\x80\x80"),
             std::optional<std::size_t>(0));  // above U+10FFFF
    QCOMPARE(find_invalid_utf8("x\xe2\x82"), std::optional<std::size_t>(1));
    QCOMPARE(find_invalid_utf8("\xe2\x28\xa1"), std::optional<std::size_t>(0));  // bad continuation
  }
};

QTEST_APPLESS_MAIN(TestTextValues)
#include "test_text_values.moc"
