// source.replay: JSON lines and CSV files typed by a schema, bad lines as dead letters at
// file:line, lines across read chunks, looping with ordinals that keep counting, seek.
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <set>

#include "io/json_encoder.h"
#include "io/replay_source.h"

using namespace tributary;
using namespace tributary::io;
namespace fs = std::filesystem;

namespace {

using T = DataType;
using Format = ReplaySpec::Format;

Schema events_schema() {
  return Schema({{"user", T::string}, {"n", T::int64}, {"ts", T::timestamp}, {"x", T::float64}});
}

void write_file(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

std::unique_ptr<RowSource> replay(const fs::path& p, Format format, bool loop = false,
                                  Schema schema = events_schema()) {
  ReplaySpec spec;
  spec.path = p;
  spec.format = format;
  spec.schema = std::move(schema);
  spec.loop = loop;
  auto r = make_replay(spec);
  if (!r.ok()) qFatal("make_replay(%s): %s", p.string().c_str(), r.status().message().c_str());
  return std::move(r).value();
}

// Everything until done() (or `max` rows), in steps of `step`.
Batch drain(RowSource& s, std::vector<DeadLetter>& dead, std::size_t step = 1000,
            std::size_t max = 10'000'000) {
  Batch out(s.schema());
  while (!s.done() && out.num_rows() < max) {
    const std::size_t before = out.num_rows();
    const Status st = s.next(std::min(step, max - out.num_rows()), out, dead);
    if (!st.ok()) qFatal("next: %s", st.message().c_str());
    if (out.num_rows() == before && !s.done()) qFatal("next gave no rows and is not done");
  }
  return out;
}

}  // namespace

class TestReplaySource : public QObject {
  Q_OBJECT
 private slots:
  void init() { QVERIFY(dir_.isValid()); }

  void jsonl_rows_and_dead_letters() {
    const fs::path p = path("events.jsonl");
    write_file(p,
               "{\"user\":\"a\",\"n\":1,\"ts\":1000,\"x\":1.5}\n"            // 1
               "{\"user\":\"b\",\"n\":2,\"ts\":\"2026-01-01T00:00:01Z\"}\n"  // 2: x missing
               "not json\n"                                                  // 3
               "\n"                                                          // 4: blank
               "{\"user\":\"c\",\"n\":\"three\",\"ts\":3}\n"                 // 5: bad int
               "{\"user\":\"d\",\"n\":4,\"ts\":\"2026-01-01T00:00:02.5+01:00\",\"x\":2,\"extra\":["
               "1]}\n"                                   // 6
               "{\"user\":\"e\",\"n\":5,\"ts\":true}\n"  // 7: bad time
               "{\"user\":\"f\",\"n\":6,\"ts\":6}");     // 8: no newline
    auto s = replay(p, Format::jsonl);
    std::vector<DeadLetter> dead;
    const Batch b = drain(*s, dead);
    QCOMPARE(s->position(), std::int64_t(4));
    QCOMPARE(b.num_rows(), std::size_t(4));
    QCOMPARE(b.schema(), events_schema());
    QCOMPARE(encode_json_lines(b),
             std::string("{\"user\":\"a\",\"n\":1,\"ts\":1000,\"x\":1.5}\n"
                         "{\"user\":\"b\",\"n\":2,\"ts\":1767225601000,\"x\":null}\n"
                         "{\"user\":\"d\",\"n\":4,\"ts\":1767222002500,\"x\":2}\n"
                         "{\"user\":\"f\",\"n\":6,\"ts\":6,\"x\":null}\n"));
    QCOMPARE(dead.size(), std::size_t(3));
    QCOMPARE(dead[0].position, std::string("events.jsonl:3"));
    QCOMPARE(dead[0].raw, std::string("not json"));
    QCOMPARE(dead[1].position, std::string("events.jsonl:5"));
    QVERIFY2(dead[1].reason.find("'n'") != std::string::npos, dead[1].reason.c_str());
    QCOMPARE(dead[2].position, std::string("events.jsonl:7"));
    QVERIFY2(dead[2].reason.find("'ts'") != std::string::npos, dead[2].reason.c_str());
    for (const auto& d : dead) QVERIFY(!d.reason.empty());
    QVERIFY(s->done());
  }

  void csv_rows_and_dead_letters() {
    const fs::path p = path("events.csv");
    write_file(p,
               "user,n,ts,x\n"                // 1
               "a,1,1000,1.5\n"               // 2
               "b,2,2026-01-01T00:00:01Z,\n"  // 3
               "c,three,3,1\n"                // 4: bad int
               "d,4\n"                        // 5: too few fields
               "\"e, quoted\",5,5,2.25\n"     // 6
               "f,6,yesterday,1\n"            // 7: bad time
               "g,7,7,7");                    // 8: no newline
    auto s = replay(p, Format::csv);
    std::vector<DeadLetter> dead;
    const Batch b = drain(*s, dead);
    QCOMPARE(encode_json_lines(b),
             std::string("{\"user\":\"a\",\"n\":1,\"ts\":1000,\"x\":1.5}\n"
                         "{\"user\":\"b\",\"n\":2,\"ts\":1767225601000,\"x\":null}\n"
                         "{\"user\":\"e, quoted\",\"n\":5,\"ts\":5,\"x\":2.25}\n"
                         "{\"user\":\"g\",\"n\":7,\"ts\":7,\"x\":7}\n"));
    QCOMPARE(s->position(), std::int64_t(4));
    QCOMPARE(dead.size(), std::size_t(3));
    QCOMPARE(dead[0].position, std::string("events.csv:4"));
    QCOMPARE(dead[0].raw, std::string("c,three,3,1"));
    QVERIFY2(dead[0].reason.find("'n'") != std::string::npos, dead[0].reason.c_str());
    QCOMPARE(dead[1].position, std::string("events.csv:5"));
    QVERIFY2(dead[1].reason.find("fields") != std::string::npos, dead[1].reason.c_str());
    QCOMPARE(dead[2].position, std::string("events.csv:7"));
    QVERIFY2(dead[2].reason.find("'ts'") != std::string::npos, dead[2].reason.c_str());
  }

  // The schema names the fields; a CSV header may order them otherwise, have more, or lack one.
  void csv_columns_by_name() {
    const fs::path p = path("reordered.csv");
    write_file(p,
               "ts,comment,user,x\n"
               "1000,hello,a,1.5\n"
               "2026-01-01T00:00:00Z,,b,2\n");
    auto s = replay(p, Format::csv);
    std::vector<DeadLetter> dead;
    const Batch b = drain(*s, dead);
    QVERIFY(dead.empty());
    QCOMPARE(b.schema(), events_schema());
    QCOMPARE(encode_json_lines(b),
             std::string("{\"user\":\"a\",\"n\":null,\"ts\":1000,\"x\":1.5}\n"
                         "{\"user\":\"b\",\"n\":null,\"ts\":1767225600000,\"x\":2}\n"));
  }

  void crlf_lines_data() {
    QTest::addColumn<bool>("csv");
    QTest::newRow("jsonl") << false;
    QTest::newRow("csv") << true;
  }
  void crlf_lines() {
    QFETCH(bool, csv);
    const fs::path p = path(csv ? "crlf.csv" : "crlf.jsonl");
    if (csv) {
      write_file(p, "user,n,ts,x\r\nab,1,2,3\r\nbad,x,2,3\r\ncd,4,5,6\r\n");
    } else {
      write_file(p,
                 "{\"user\":\"ab\",\"n\":1,\"ts\":2,\"x\":3}\r\n"
                 "{\"user\":\"bad\",\"n\":\"x\"}\r\n"
                 "{\"user\":\"cd\",\"n\":4,\"ts\":5,\"x\":6}\r\n");
    }
    auto s = replay(p, csv ? Format::csv : Format::jsonl);
    std::vector<DeadLetter> dead;
    const Batch b = drain(*s, dead);
    QCOMPARE(encode_json_lines(b), std::string("{\"user\":\"ab\",\"n\":1,\"ts\":2,\"x\":3}\n"
                                               "{\"user\":\"cd\",\"n\":4,\"ts\":5,\"x\":6}\n"));
    QCOMPARE(dead.size(), std::size_t(1));
    QCOMPARE(dead[0].position, p.filename().string() + (csv ? ":3" : ":2"));
    QVERIFY2(dead[0].raw.find('\r') == std::string::npos, "the CR stays in the raw line");
  }

  // A file of several read chunks (1 MiB each): lines cut by a chunk boundary come out whole,
  // and line numbers keep counting across chunks.
  void lines_across_chunks_data() { crlf_lines_data(); }
  void lines_across_chunks() {
    QFETCH(bool, csv);
    const fs::path p = path(csv ? "big.csv" : "big.jsonl");
    std::string text = csv ? "user,n,ts,x\n" : "";
    std::string expected;
    std::vector<std::string> bad_positions;
    const int first_line = csv ? 2 : 1;
    std::int64_t rows = 0;
    for (int i = 0; text.size() < 3'300'000; ++i) {
      const int line = first_line + i;
      // A bad line every 9,973 lines lands near or across a chunk boundary sometimes.
      const std::string user =
          "user-" + std::to_string(i) + std::string(static_cast<std::size_t>(i % 37), 'z');
      if (i % 9973 == 5000) {
        text += csv ? user + ",oops,1,1\n" : "{\"user\":\"" + user + "\",\"n\":\"oops\"}\n";
        bad_positions.push_back(p.filename().string() + ":" + std::to_string(line));
        continue;
      }
      const std::string n = std::to_string(i), ts = std::to_string(1000 + i);
      text += csv ? user + "," + n + "," + ts + ",0.5\n"
                  : "{\"user\":\"" + user + "\",\"n\":" + n + ",\"ts\":" + ts + ",\"x\":0.5}\n";
      expected += "{\"user\":\"" + user + "\",\"n\":" + n + ",\"ts\":" + ts + ",\"x\":0.5}\n";
      ++rows;
    }
    QVERIFY(text.size() > 3 * (1u << 20));
    write_file(p, text);
    for (std::size_t step : {std::size_t(1) << 20, std::size_t(777)}) {
      auto s = replay(p, csv ? Format::csv : Format::jsonl);
      std::vector<DeadLetter> dead;
      const Batch b = drain(*s, dead, step);
      QCOMPARE(b.num_rows(), static_cast<std::size_t>(rows));
      QVERIFY2(encode_json_lines(b) == expected, "rows differ");
      QCOMPARE(s->position(), rows);
      QCOMPARE(dead.size(), bad_positions.size());
      for (std::size_t i = 0; i < dead.size(); ++i) QCOMPARE(dead[i].position, bad_positions[i]);
    }
  }

  // A line exactly at a chunk's end, and a file of exactly one chunk.
  void file_of_exactly_one_chunk() {
    const fs::path p = path("exact.jsonl");
    const std::string line = "{\"user\":\"u\",\"n\":1,\"ts\":1,\"x\":1}";
    std::string text;
    while (text.size() + line.size() + 1 <= (1u << 20)) text += line + "\n";
    text.resize(1u << 20, ' ');  // blank padding on the last line, then the end
    write_file(p, text);
    auto s = replay(p, Format::jsonl);
    std::vector<DeadLetter> dead;
    const Batch b = drain(*s, dead);
    QCOMPARE(b.num_rows(), (std::size_t(1) << 20) / (line.size() + 1));
    QVERIFY(dead.empty());
  }

  void loop_repeats_with_growing_ordinals_data() { crlf_lines_data(); }
  void loop_repeats_with_growing_ordinals() {
    QFETCH(bool, csv);
    const fs::path p = path(csv ? "loop.csv" : "loop.jsonl");
    if (csv) {
      write_file(p, "user,n,ts,x\na,1,1,1\nbad,x,1,1\nb,2,2,2\nc,3,3,3\n");
    } else {
      write_file(
          p,
          "{\"user\":\"a\",\"n\":1,\"ts\":1,\"x\":1}\n{\"n\":\"x\"}\n"
          "{\"user\":\"b\",\"n\":2,\"ts\":2,\"x\":2}\n{\"user\":\"c\",\"n\":3,\"ts\":3,\"x\":3}");
    }
    const std::string pass =
        "{\"user\":\"a\",\"n\":1,\"ts\":1,\"x\":1}\n"
        "{\"user\":\"b\",\"n\":2,\"ts\":2,\"x\":2}\n"
        "{\"user\":\"c\",\"n\":3,\"ts\":3,\"x\":3}\n";
    for (std::size_t step : {1, 2, 5, 100}) {
      auto s = replay(p, csv ? Format::csv : Format::jsonl, true);
      std::vector<DeadLetter> dead;
      const Batch b = drain(*s, dead, step, 10);
      QCOMPARE(b.num_rows(), std::size_t(10));
      QCOMPARE(s->position(), std::int64_t(10));
      QVERIFY(!s->done());
      QCOMPARE(encode_json_lines(b),
               pass + pass + pass + "{\"user\":\"a\",\"n\":1,\"ts\":1,\"x\":1}\n");
      QVERIFY(dead.size() >= 3);
      for (const auto& d : dead)
        QCOMPARE(d.position, p.filename().string() + ":" + (csv ? "3" : "2"));
    }
    // seek counts the rows of every pass.
    auto s = replay(p, csv ? Format::csv : Format::jsonl, true);
    QVERIFY(s->seek(7).ok());
    QCOMPARE(s->position(), std::int64_t(7));
    std::vector<DeadLetter> dead;
    const Batch b = drain(*s, dead, 2, 2);
    QCOMPARE(encode_json_lines(b), std::string("{\"user\":\"b\",\"n\":2,\"ts\":2,\"x\":2}\n"
                                               "{\"user\":\"c\",\"n\":3,\"ts\":3,\"x\":3}\n"));
  }

  // A file with no rows ends even when looping, instead of reading itself forever.
  void loop_over_no_rows_ends() {
    for (const std::string& text : {std::string(), std::string("bad\nworse\n")}) {
      const fs::path p = path("empty.jsonl");
      write_file(p, text);
      auto s = replay(p, Format::jsonl, true);
      std::vector<DeadLetter> dead;
      const Batch b = drain(*s, dead);
      QCOMPARE(b.num_rows(), std::size_t(0));
      QVERIFY(s->done());
    }
  }

  // Editors on Windows start UTF-8 files with a byte order mark; it is not part of the first row.
  void byte_order_mark_data() { crlf_lines_data(); }
  void byte_order_mark() {
    QFETCH(bool, csv);
    const fs::path p = path(csv ? "bom.csv" : "bom.jsonl");
    write_file(p, csv ? "\xEF\xBB\xBFuser,n\na,1\n" : "\xEF\xBB\xBF{\"user\":\"a\",\"n\":1}\n");
    for (bool loop : {false, true}) {
      auto s = replay(p, csv ? Format::csv : Format::jsonl, loop);
      std::vector<DeadLetter> dead;
      const Batch b = drain(*s, dead, 1, 2);
      QVERIFY2(dead.empty(), dead.empty() ? "" : dead.front().reason.c_str());
      QCOMPARE(b.num_rows(), std::size_t(loop ? 2 : 1));
      QCOMPARE(b.column(0).string_at(0), std::string_view("a"));
    }
  }

  void seek_skips_rows() {
    const fs::path p = path("seek.jsonl");
    std::string text;
    for (int i = 0; i < 100; ++i) {
      if (i % 10 == 3) text += "garbage\n";
      text += "{\"user\":\"u" + std::to_string(i) + "\",\"n\":" + std::to_string(i) + "}\n";
    }
    write_file(p, text);
    auto s = replay(p, Format::jsonl);
    QVERIFY(s->seek(42).ok());
    QCOMPARE(s->position(), std::int64_t(42));
    std::vector<DeadLetter> dead;
    Batch b(s->schema());
    QVERIFY(s->next(1, b, dead).ok());
    QCOMPARE(b.column(1).ints()[0], std::int64_t(42));
    // The bad lines after the place sought to are still reported (those before may be again):
    // a restarted task must not lose them. Garbage precedes rows 43, 53, ... on lines 48, 59, ...
    std::set<std::string> positions;
    for (const auto& d : dead) positions.insert(d.position);
    for (int row = 43; row < 100; row += 10)
      QVERIFY2(positions.count("seek.jsonl:" + std::to_string(row + row / 10 + 1)),
               std::to_string(row).c_str());
    QVERIFY(s->seek(1000).ok());
    QVERIFY(s->done());
    QCOMPARE(s->position(), std::int64_t(100));
  }

  void missing_file_names_the_path() {
    ReplaySpec spec;
    spec.path = path("no-such-dir") / "missing.jsonl";
    spec.schema = events_schema();
    auto r = make_replay(spec);
    QVERIFY(!r.ok());
    QCOMPARE(r.status().code(), ErrorCode::not_found);
    QVERIFY2(r.status().message().find(spec.path.string()) != std::string::npos,
             r.status().message().c_str());
  }

 private:
  fs::path path(const char* name) const { return fs::path(dir_.path().toStdString()) / name; }
  QTemporaryDir dir_;
};

QTEST_APPLESS_MAIN(TestReplaySource)
#include "test_replay_source.moc"
