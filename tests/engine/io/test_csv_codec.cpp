// CSV decoder and encoder: the cases in csv_cases/, every chunking of them, round trips
// through the encoder, exact encoder bytes and type inference.
#include <QtTest>

#include "case_files.h"
#include "io/csv_decoder.h"
#include "io/csv_encoder.h"

using namespace tributary;
using namespace tributary::io;
using namespace tributary::testing;

namespace {

const std::filesystem::path kCases = std::filesystem::path(TRIBUTARY_TEST_DATA) / "csv_cases";

// "separator=; header=false types=a:int64,b:double infer_rows=3"
CsvDecodeOptions parse_options(const CaseFile& c) {
  CsvDecodeOptions o;
  o.source_name = c.input.filename().string();
  std::istringstream in(c.directive("options"));
  std::string item;
  while (in >> item) {
    const auto eq = item.find('=');
    const std::string key = item.substr(0, eq), value = item.substr(eq + 1);
    if (key == "separator") o.separator = value == "tab" ? '\t' : value[0];
    else if (key == "header") o.header = value == "true";
    else if (key == "infer_rows") o.infer_rows = std::stoul(value);
    else if (key == "types") {
      std::istringstream types(value);
      std::string pair;
      while (std::getline(types, pair, ',')) {
        const auto colon = pair.find(':');
        o.types[pair.substr(0, colon)] = *parse_type_name(pair.substr(colon + 1));
      }
    } else {
      qFatal("unknown option %s", key.c_str());
    }
  }
  return o;
}

// Decodes `input` fed in pieces that end at `cuts` (offsets), taking batches out as it goes.
std::string decode_in_chunks(const CsvDecodeOptions& options, std::string_view input, const std::vector<std::size_t>& cuts,
                             Schema* schema = nullptr) {
  CsvDecoder decoder(options);
  Batch all;
  std::vector<DeadLetter> dead;
  auto drain = [&] {
    Batch b = decoder.take_batch();
    if (!decoder.schema_known()) return;
    if (all.num_columns() == 0) all = Batch(decoder.schema());
    for (std::size_t r = 0; r < b.num_rows(); ++r) {
      for (std::size_t k = 0; k < b.num_columns(); ++k) all.column(k).append_from(b.column(k), r);
    }
    for (auto& d : decoder.take_dead_letters()) dead.push_back(std::move(d));
  };
  std::size_t from = 0;
  for (std::size_t cut : cuts) {
    decoder.feed(input.substr(from, cut - from));
    from = cut;
    drain();
  }
  decoder.feed(input.substr(from));
  decoder.finish();
  drain();
  for (auto& d : decoder.take_dead_letters()) dead.push_back(std::move(d));
  if (schema) *schema = decoder.schema();
  return "# schema " + schema_text(decoder.schema()) + "\n" + render(all, dead);
}

}  // namespace

class TestCsvCodec : public QObject {
  Q_OBJECT
 private slots:
  void cases_data() {
    QTest::addColumn<int>("index");
    const auto cases = load_case_files(kCases, ".csv");
    QVERIFY(cases.size() >= 8);
    for (std::size_t i = 0; i < cases.size(); ++i) QTest::newRow(cases[i].input.filename().c_str()) << static_cast<int>(i);
  }
  void cases() {
    QFETCH(int, index);
    const CaseFile c = load_case_files(kCases, ".csv")[static_cast<std::size_t>(index)];
    const std::string input = read_file(c.input);
    const std::string whole = decode_in_chunks(parse_options(c), input, {});
    std::string diff;
    QVERIFY2(check_case(c, whole, diff), diff.c_str());
  }

  // Any split of the input, even inside a quoted field, a CRLF or a UTF-8 sequence, gives the
  // same rows and dead letters.
  void everyChunkBoundary_data() { cases_data(); }
  void everyChunkBoundary() {
    QFETCH(int, index);
    const CaseFile c = load_case_files(kCases, ".csv")[static_cast<std::size_t>(index)];
    const std::string input = read_file(c.input);
    const CsvDecodeOptions options = parse_options(c);
    const std::string whole = decode_in_chunks(options, input, {});
    for (std::size_t cut = 0; cut <= input.size(); ++cut) {
      const std::string split = decode_in_chunks(options, input, {cut});
      QVERIFY2(split == whole, qPrintable(QString("cut at %1:\n%2").arg(cut).arg(QString::fromStdString(split))));
    }
    std::vector<std::size_t> every_byte;
    for (std::size_t i = 1; i < input.size(); ++i) every_byte.push_back(i);
    QCOMPARE(decode_in_chunks(options, input, every_byte), whole);
  }

  void everyPairOfCutsInTheTrickyFile() {
    const auto cases = load_case_files(kCases, ".csv");
    const auto it = std::find_if(cases.begin(), cases.end(), [](const auto& c) { return c.input.stem() == "tricky"; });
    QVERIFY(it != cases.end());
    const std::string input = read_file(it->input);
    const CsvDecodeOptions options = parse_options(*it);
    const std::string whole = decode_in_chunks(options, input, {});
    for (std::size_t a = 0; a <= input.size(); ++a) {
      for (std::size_t b = a; b <= input.size(); ++b) {
        if (decode_in_chunks(options, input, {a, b}) != whole) QFAIL(qPrintable(QString("cuts %1, %2").arg(a).arg(b)));
      }
    }
  }

  // decode → encode → decode, with the first decode's types, gives the same rows.
  void roundTrip_data() { cases_data(); }
  void roundTrip() {
    QFETCH(int, index);
    const CaseFile c = load_case_files(kCases, ".csv")[static_cast<std::size_t>(index)];
    CsvDecodeOptions options = parse_options(c);
    CsvDecoder first(options);
    first.feed(read_file(c.input));
    first.finish();
    const Batch batch = first.take_batch();
    for (bool iso : {false, true}) {
      CsvEncodeOptions eo;
      eo.separator = options.separator;
      eo.iso_timestamps = iso;
      eo.crlf = iso;
      const std::string csv = encode_csv(batch, eo);
      CsvDecodeOptions again;
      again.separator = options.separator;
      for (const auto& f : batch.schema().fields()) again.types[f.name] = f.type;
      CsvDecoder second(again);
      second.feed(csv);
      second.finish();
      const Batch back = second.take_batch();
      QVERIFY2(second.take_dead_letters().empty(), csv.c_str());
      QCOMPARE(back.schema(), batch.schema());
      QCOMPARE(encode_json_lines(back), encode_json_lines(batch));
      // And the text itself is stable: encoding the decoded copy gives the same bytes.
      QCOMPARE(encode_csv(back, eo), csv);
    }
  }

  void encoderQuotesOnlyWhenNeeded() {
    Batch b;
    Column s(DataType::string), d(DataType::float64), t(DataType::timestamp), f(DataType::boolean);
    for (const char* v : {"plain", "with,comma", "with \"quote\"", "line\nbreak", "cr\rhere", "", " spaced "}) s.append_string(v);
    s.append_null();
    for (int i = 0; i < 8; ++i) {
      i % 3 == 2 ? d.append_null() : d.append_double(i * 0.1);
      i % 4 == 3 ? t.append_null() : t.append_int(1709294400000 + i);
      i % 5 == 4 ? f.append_null() : f.append_bool(i % 2 == 0);
    }
    b.add_column({"s", DataType::string}, std::move(s));
    b.add_column({"d,x", DataType::float64}, std::move(d));
    b.add_column({"t", DataType::timestamp}, std::move(t));
    b.add_column({"f", DataType::boolean}, std::move(f));
    QCOMPARE(encode_csv(b), std::string("s,\"d,x\",t,f\n"
                                        "plain,0,1709294400000,true\n"
                                        "\"with,comma\",0.1,1709294400001,false\n"
                                        "\"with \"\"quote\"\"\",,1709294400002,true\n"
                                        "\"line\nbreak\",0.30000000000000004,,false\n"
                                        "\"cr\rhere\",0.4,1709294400004,\n"
                                        "\"\",,1709294400005,false\n"
                                        " spaced ,0.6000000000000001,1709294400006,true\n"
                                        ",0.7000000000000001,,false\n"));
    CsvEncodeOptions semicolons;
    semicolons.separator = ';';
    semicolons.header = false;
    semicolons.iso_timestamps = true;
    const std::string text = encode_csv(b, semicolons);
    QVERIFY(text.starts_with("plain;0;2024-03-01T12:00:00Z;true\nwith,comma;0.1;2024-03-01T12:00:00.001Z;false\n"));
  }

  void inferenceFollowsTheOrderOfTypes() {
    struct Case {
      const char* column;
      const char* type;
    };
    const std::pair<std::string, std::string> cases[] = {
        {"1\n-2\n", "int64"},        {"1\n2.5\n", "double"},     {"1e3\n", "double"},
        {"true\nFALSE\n", "bool"},   {"true\n1\n", "string"},    {"2024-01-01\n2024-01-01T10:00:00Z\n", "timestamp"},
        {"2024-01-01\n5\n", "string"}, {"\n\n", "string"},       {"abc\n1\n", "string"},
        {"1\n\n2\n", "int64"},
    };
    for (const auto& [column, type] : cases) {
      CsvDecodeOptions o;
      o.header = false;
      CsvDecoder d(o);
      // Two columns, so that blank values are nulls rather than blank lines.
      std::string text;
      std::istringstream in(column);
      std::string v;
      while (std::getline(in, v)) text += v + ",x\n";
      d.feed(text);
      d.finish();
      QVERIFY2(d.schema_known(), column.c_str());
      QCOMPARE(std::string(type_name(d.schema().field(0).type)), type);
    }
  }

  void rowsComeOutOnceTheSchemaIsFixed() {
    CsvDecodeOptions o;
    o.infer_rows = 2;
    CsvDecoder d(o);
    d.feed("a,b\n1,x\n");
    QVERIFY(!d.schema_known());
    QCOMPARE(d.take_batch().num_rows(), 0u);
    d.feed("2,y\n3,z\n");
    QVERIFY(d.schema_known());
    QCOMPARE(d.take_batch().num_rows(), 3u);
    d.feed("4,w\n");
    QCOMPARE(d.take_batch().num_rows(), 1u);
    d.finish();
    QCOMPARE(d.take_batch().num_rows(), 0u);
  }

  // Without a header but with named columns (a topic's CSV values), the names fix the width:
  // a short first row is a dead letter and the full rows after it decode.
  void namedColumnsFixTheWidth() {
    CsvDecodeOptions o;
    o.header = false;
    o.column_names = {"a", "b", "c"};
    o.types["a"] = DataType::int64;
    o.types["b"] = DataType::string;
    o.types["c"] = DataType::int64;
    o.infer_rows = 0;
    CsvDecoder d(o);
    d.feed("1,x\n2,y,3\n4,z,5\n");
    d.finish();
    QCOMPARE(schema_text(d.schema()), std::string("a:int64 b:string c:int64"));
    QCOMPARE(d.take_batch().num_rows(), 2u);
    const auto dead = d.take_dead_letters();
    QCOMPARE(dead.size(), 1u);
    QCOMPARE(dead.front().raw, std::string("1,x"));
  }

  void emptyInputs() {
    for (const char* text : {"", "\n\n", "\xef\xbb\xbf"}) {
      CsvDecoder d;
      d.feed(text);
      d.finish();
      QVERIFY(d.schema_known());
      QCOMPARE(d.schema().size(), 0u);
      QVERIFY(d.take_dead_letters().empty());
    }
    CsvDecoder header_only;
    header_only.feed("a,b");
    header_only.finish();
    QCOMPARE(schema_text(header_only.schema()), std::string("a:string b:string"));
  }
};

QTEST_APPLESS_MAIN(TestCsvCodec)
#include "test_csv_codec.moc"
