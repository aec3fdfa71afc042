// JSON lines decoder and encoder: the cases in json_cases/, positions of dead letters,
// decode → encode → decode round trips, exact encoder bytes and schema inference.
#include <QtTest>

#include <cmath>
#include <limits>

#include "case_files.h"
#include "io/json_decoder.h"
#include "io/json_encoder.h"

using namespace tributary;
using namespace tributary::io;
using namespace tributary::testing;

namespace {

const std::filesystem::path kCases = std::filesystem::path(TRIBUTARY_TEST_DATA) / "json_cases";

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    lines.push_back(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
  }
  return lines;
}

Schema schema_for(const CaseFile& c, std::string_view input) {
  const std::string text = c.directive("schema");
  if (text != "infer") return parse_schema_text(text);
  const auto lines = split_lines(input);
  return infer_json_schema(lines);
}

}  // namespace

class TestJsonCodec : public QObject {
  Q_OBJECT
 private slots:
  void cases_data() {
    QTest::addColumn<int>("index");
    const auto cases = load_case_files(kCases, ".jsonl");
    QVERIFY(cases.size() >= 3);
    for (std::size_t i = 0; i < cases.size(); ++i) {
      QTest::newRow(cases[i].input.filename().c_str()) << static_cast<int>(i);
    }
  }
  void cases() {
    QFETCH(int, index);
    const CaseFile c = load_case_files(kCases, ".jsonl")[static_cast<std::size_t>(index)];
    const std::string input = read_file(c.input);
    const Schema schema = schema_for(c, input);
    JsonDecoder decoder(schema);
    Batch batch;
    std::vector<DeadLetter> dead;
    QVERIFY(decoder.decode_lines(input, c.input.filename().string(), 1, batch, dead).ok());
    std::string actual = "# schema " + schema_text(batch.schema()) + "\n" + render(batch, dead);
    std::string diff;
    QVERIFY2(check_case(c, actual, diff), diff.c_str());
    // Every dead letter carries the raw line it came from.
    const auto lines = split_lines(input);
    for (const auto& d : dead) {
      const auto line = std::stoul(d.position.substr(d.position.rfind(':') + 1));
      QCOMPARE(d.raw, std::string(lines[line - 1]));
    }
  }

  void roundTripDecodeEncodeDecode() {
    for (const auto& c : load_case_files(kCases, ".jsonl")) {
      const std::string input = read_file(c.input);
      JsonDecoder decoder(schema_for(c, input));
      Batch first;
      std::vector<DeadLetter> dead;
      QVERIFY(decoder.decode_lines(input, "in", 1, first, dead).ok());
      const std::string encoded = encode_json_lines(first);
      Batch second;
      std::vector<DeadLetter> dead2;
      QVERIFY(decoder.decode_lines(encoded, "again", 1, second, dead2).ok());
      QVERIFY2(dead2.empty(), dead2.empty() ? "" : dead2[0].reason.c_str());
      QCOMPARE(second.num_rows(), first.num_rows());
      QCOMPARE(encode_json_lines(second), encoded);
    }
  }

  void decodeValueUsesTheGivenPosition() {
    JsonDecoder decoder(Schema({{"user", DataType::string}, {"n", DataType::int64}}));
    Batch batch;
    std::vector<DeadLetter> dead;
    QVERIFY(decoder.decode_value(R"({"user":"ann","n":3})", "clicks-0@1233", batch, dead).ok());
    QVERIFY(decoder.decode_value(R"({"user":"bob","n":"x"})", "clicks-0@1234", batch, dead).ok());
    QVERIFY(decoder.decode_value(R"({"user":"cy")", "clicks-1@7", batch, dead).ok());
    QVERIFY(decoder.decode_value("", "clicks-1@8", batch, dead).ok());
    QVERIFY(decoder.decode_value(R"({"n":4})", "clicks-1@9", batch, dead).ok());
    QCOMPARE(encode_json_lines(batch), std::string("{\"user\":\"ann\",\"n\":3}\n{\"user\":null,\"n\":4}\n"));
    QCOMPARE(dead.size(), 3u);
    QCOMPARE(dead[0].position, std::string("clicks-0@1234"));
    QCOMPARE(dead[0].reason, std::string("field 'n': expected int64, got \"x\""));
    QCOMPARE(dead[0].raw, std::string(R"({"user":"bob","n":"x"})"));
    QCOMPARE(dead[1].position, std::string("clicks-1@7"));
    QCOMPARE(dead[1].reason, std::string("truncated JSON"));
    QCOMPARE(dead[2].reason, std::string("empty record"));
  }

  void firstLineOffsetsPositions() {
    JsonDecoder decoder(Schema({{"a", DataType::int64}}));
    Batch batch;
    std::vector<DeadLetter> dead;
    QVERIFY(decoder.decode_lines("{\"a\":1}\n\n{\"a\":x}\r\n{\"a\":3}", "clicks.jsonl", 41, batch, dead).ok());
    QCOMPARE(batch.num_rows(), 2u);
    QCOMPARE(dead.size(), 1u);
    QCOMPARE(dead[0].position, std::string("clicks.jsonl:43"));
    QCOMPARE(dead[0].raw, std::string("{\"a\":x}"));
  }

  void batchWithAnotherSchemaIsRefused() {
    JsonDecoder decoder(Schema({{"a", DataType::int64}}));
    Batch other(Schema({{"b", DataType::string}}));
    std::vector<DeadLetter> dead;
    QVERIFY(!decoder.decode_lines("{\"a\":1}\n", "x", 1, other, dead).ok());
    QCOMPARE(other.num_rows(), 0u);
  }

  void manyRowsAcrossValidityWords() {
    // Nulls scattered over more than one 64-bit validity word, strings in one arena.
    std::string text;
    for (int i = 0; i < 5000; ++i) {
      if (i % 7 == 0) text += "{\"s\":null}\n";
      else text += "{\"i\":" + std::to_string(i) + ",\"s\":\"v" + std::to_string(i) + "\",\"d\":" + std::to_string(i) + ".25}\n";
    }
    JsonDecoder decoder(Schema({{"i", DataType::int64}, {"s", DataType::string}, {"d", DataType::float64}}));
    Batch batch;
    std::vector<DeadLetter> dead;
    QVERIFY(decoder.decode_lines(text, "big", 1, batch, dead).ok());
    QVERIFY(dead.empty());
    QCOMPARE(batch.num_rows(), 5000u);
    for (std::size_t i = 0; i < 5000; ++i) {
      QCOMPARE(batch.column(1).is_null(i), i % 7 == 0);
      if (i % 7 == 0) continue;
      QCOMPARE(batch.column(0).ints()[i], static_cast<std::int64_t>(i));
      QCOMPARE(batch.column(1).string_at(i), std::string_view("v" + std::to_string(i)));
      QCOMPARE(batch.column(2).doubles()[i], static_cast<double>(i) + 0.25);
    }
  }

  void encoderBytesAreExact() {
    Batch b;
    Column i(DataType::int64), d(DataType::float64), s(DataType::string), t(DataType::timestamp), f(DataType::boolean);
    i.append_int(-42);
    i.append_null();
    d.append_double(0.1);
    d.append_double(std::numeric_limits<double>::quiet_NaN());
    s.append_string(std::string("q\"b\\s/\x01\x1f\n\r\t\b\f\xc3\xa9", 16));
    s.append_string("");
    t.append_int(1700000000123);
    t.append_null();
    f.append_bool(true);
    f.append_bool(false);
    b.add_column({"i", DataType::int64}, std::move(i));
    b.add_column({"d\"x", DataType::float64}, std::move(d));
    b.add_column({"s", DataType::string}, std::move(s));
    b.add_column({"t", DataType::timestamp}, std::move(t));
    b.add_column({"f", DataType::boolean}, std::move(f));
    QCOMPARE(encode_json_lines(b),
             std::string("{\"i\":-42,\"d\\\"x\":0.1,\"s\":\"q\\\"b\\\\s/\\u0001\\u001f\\n\\r\\t\\b\\f\xc3\xa9\\u0000\",\"t\":1700000000123,"
                         "\"f\":true}\n"
                         "{\"i\":null,\"d\\\"x\":null,\"s\":\"\",\"t\":null,\"f\":false}\n"));
  }

  void doublesAreShortestRoundTrip() {
    Column d(DataType::float64);
    const double values[] = {0.1 + 0.2, 1e21, 1e-7, -0.0, 123456789012345680.0, 5e-324, 1.7976931348623157e308, 2.5};
    for (double v : values) d.append_double(v);
    Batch b;
    b.add_column({"d", DataType::float64}, std::move(d));
    const std::string text = encode_json_lines(b);
    QCOMPARE(text, std::string("{\"d\":0.30000000000000004}\n{\"d\":1e+21}\n{\"d\":1e-07}\n{\"d\":-0.0}\n"
                               "{\"d\":123456789012345680}\n{\"d\":5e-324}\n{\"d\":1.7976931348623157e+308}\n{\"d\":2.5}\n"));
    JsonDecoder decoder(b.schema());
    Batch back;
    std::vector<DeadLetter> dead;
    QVERIFY(decoder.decode_lines(text, "d", 1, back, dead).ok());
    QVERIFY(dead.empty());
    for (std::size_t k = 0; k < std::size(values); ++k) {
      QCOMPARE(std::bit_cast<std::uint64_t>(back.column(0).doubles()[k]), std::bit_cast<std::uint64_t>(values[k]));
    }
  }

  void inferenceRules() {
    const std::vector<std::string_view> lines = {
        R"({"z":1,"a":"x"})", "not json", "[1]", R"({"a":"y","n":null,"z":2.5,"w":true})", R"({"w":1,"o":{},"z":3})", ""};
    const Schema s = infer_json_schema(lines);
    QCOMPARE(schema_text(s), std::string("z:double a:string n:string w:string"));
    QCOMPARE(infer_json_schema({}).size(), 0u);
  }
};

QTEST_APPLESS_MAIN(TestJsonCodec)
#include "test_json_codec.moc"
