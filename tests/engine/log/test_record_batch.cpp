#include <QtTest>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "log/compression.h"
#include "log/record_batch.h"

using namespace tributary;
using namespace tributary::log;

namespace {

QByteArray hex(const char* text) { return QByteArray::fromHex(text); }

// Two records, encoded by hand from the RecordBatch v2 specification:
//   r0: key "k", value "v", timestamp 1000, no headers
//   r1: key null, value "", timestamp 1005, header h=x
// The CRC-32C over attributes..end (0xedac2f33) was computed bit by bit, independently.
const QByteArray kGoldenTwoRecords = hex(
    "0000000000000000"  // base offset 0
    "00000045"          // batch length 69 = 81 - 12
    "00000000"          // partition leader epoch
    "02"                // magic
    "edac2f33"          // crc
    "0000"              // attributes: no compression, create time
    "00000001"          // last offset delta
    "00000000000003e8"  // base timestamp 1000
    "00000000000003ed"  // max timestamp 1005
    "ffffffffffffffff"  // producer id -1
    "ffff"              // producer epoch -1
    "ffffffff"          // base sequence -1
    "00000002"          // 2 records
    "10" "00" "00" "00" "02" "6b" "02" "76" "00"            // len 8, attr, ts+0, off+0, key "k", value "v", 0 headers
    "14" "00" "0a" "02" "01" "00" "02" "02" "68" "02" "78"  // len 10, attr, ts+5, off+1, null key, "", 1 header h=x
);

struct Expected {
  std::optional<std::string> key;
  std::optional<std::string> value;
  std::int64_t timestamp;
  std::vector<std::pair<std::string, std::optional<std::string>>> headers;
};

std::vector<Expected> decode_all(std::span<const char> batch, bool* ok) {
  std::vector<Expected> out;
  auto reader = RecordBatchReader::open(batch);
  *ok = reader.ok();
  if (!reader.ok()) {
    qWarning("%s", reader.status().message().c_str());
    return out;
  }
  RecordView v;
  std::vector<RecordHeader> headers;
  while (reader->next(v)) {
    Expected e{v.key ? std::optional<std::string>(*v.key) : std::nullopt,
               v.value ? std::optional<std::string>(*v.value) : std::nullopt, v.timestamp, {}};
    if (!read_headers(v, headers).ok()) *ok = false;
    for (const auto& h : headers) {
      e.headers.emplace_back(std::string(h.key), h.value ? std::optional<std::string>(*h.value) : std::nullopt);
    }
    out.push_back(std::move(e));
  }
  *ok = *ok && reader->status().ok();
  return out;
}

QByteArray to_qbytes(std::span<const char> s) { return QByteArray(s.data(), static_cast<qsizetype>(s.size())); }
std::span<const char> to_span(const QByteArray& b) { return {b.constData(), static_cast<std::size_t>(b.size())}; }

QString shared_dir() { return QStringLiteral(TRIBUTARY_SHARED_DIR) + "/datasets/kafka-batches/"; }

}  // namespace

class TestRecordBatch : public QObject {
  Q_OBJECT
 private slots:
  void encodesHandComputedGoldenBytes() {
    RecordBatchBuilder b;
    const RecordHeader hx[] = {{"h", std::string_view("x")}};
    b.add({std::string_view("k"), std::string_view("v"), 1000, {}});
    b.add({std::nullopt, std::string_view(""), 1005, hx});
    QCOMPARE(to_qbytes(b.finish()).toHex(), kGoldenTwoRecords.toHex());
  }

  void decodesHandComputedGoldenBytes() {
    QVERIFY(verify_batch(to_span(kGoldenTwoRecords)).ok());
    auto h = parse_batch_header(to_span(kGoldenTwoRecords));
    QVERIFY(h.ok());
    QCOMPARE(h->crc, 0xedac2f33u);
    QCOMPARE(h->record_count, 2);
    QCOMPARE(h->max_timestamp, 1005);
    bool ok = false;
    auto records = decode_all(to_span(kGoldenTwoRecords), &ok);
    QVERIFY(ok);
    QCOMPARE(records.size(), 2u);
    QCOMPARE(records[0].key, std::optional<std::string>("k"));
    QCOMPARE(records[0].value, std::optional<std::string>("v"));
    QCOMPARE(records[1].key, std::optional<std::string>());
    QCOMPARE(records[1].value, std::optional<std::string>(""));
    QCOMPARE(records[1].timestamp, 1005);
    QCOMPARE(records[1].headers.size(), 1u);
    QCOMPARE(records[1].headers[0].first, std::string("h"));
    QCOMPARE(records[1].headers[0].second, std::optional<std::string>("x"));
  }

  void baseOffsetIsOutsideTheCrc() {
    QByteArray b = kGoldenTwoRecords;
    set_base_offset(b.data(), 123456789);
    QVERIFY(verify_batch(to_span(b)).ok());
    QCOMPARE(parse_batch_header(to_span(b))->base_offset, 123456789);
  }

  void everyFlippedBitIsDetected() {
    // A flip in the length, magic or CRC field fails the header check or the CRC; anywhere
    // from the attributes on it fails the CRC. (Base offset and leader epoch are outside the
    // CRC by design: the broker rewrites them.)
    for (int byte = static_cast<int>(batch_layout::batch_length); byte < kGoldenTwoRecords.size(); ++byte) {
      if (byte >= static_cast<int>(batch_layout::partition_leader_epoch) && byte < static_cast<int>(batch_layout::magic)) {
        continue;
      }
      for (int bit = 0; bit < 8; ++bit) {
        QByteArray b = kGoldenTwoRecords;
        b[byte] = static_cast<char>(b[byte] ^ (1 << bit));
        QVERIFY2(!verify_batch(to_span(b)).ok(), qPrintable(QString("byte %1 bit %2").arg(byte).arg(bit)));
      }
    }
  }

  void rejectsTruncatedAndMalformedBatches() {
    for (int n = 0; n < kGoldenTwoRecords.size(); ++n) {
      QVERIFY(!RecordBatchReader::open(to_span(kGoldenTwoRecords.left(n))).ok());
    }
    QByteArray bad_magic = kGoldenTwoRecords;
    bad_magic[static_cast<int>(batch_layout::magic)] = 1;
    QCOMPARE(parse_batch_header(to_span(bad_magic)).status().code(), ErrorCode::corrupt);
    // A record whose length varint claims more than the batch holds, with a valid CRC.
    QByteArray lying = kGoldenTwoRecords;
    lying[61] = 0x7e;  // record length 63
    const std::uint32_t crc = compute_batch_crc(to_span(lying));
    for (int i = 0; i < 4; ++i) lying[17 + i] = static_cast<char>(crc >> (24 - 8 * i));
    auto reader = RecordBatchReader::open(to_span(lying));
    QVERIFY(reader.ok());
    RecordView v;
    QVERIFY(!reader->next(v));
    QCOMPARE(reader->status().code(), ErrorCode::corrupt);
  }

  void roundTrips_data() {
    QTest::addColumn<int>("codec");
    for (auto c : {Compression::none, Compression::gzip, Compression::snappy, Compression::lz4, Compression::zstd}) {
      QTest::newRow(compression_name(c)) << static_cast<int>(c);
    }
  }
  void roundTrips() {
    QFETCH(int, codec);
    const std::string large(1 << 20, 'L');
    const std::string binary("\0\x01\xff\n", 4);
    const RecordHeader headers[] = {{"a", std::string_view("1")}, {"", std::string_view("")}, {"null", std::nullopt}};
    std::vector<Record> in = {
        {std::string_view(""), std::string_view("empty key"), 10, {}},
        {std::nullopt, std::nullopt, 11, {}},
        {std::string_view("k"), std::string_view(large), 9, headers},
        {std::string_view(binary), std::string_view(binary), -1, {}},
    };
    for (int i = 0; i < 500; ++i) in.push_back({std::nullopt, std::string_view("small"), 12 + i, {}});
    RecordBatchBuilder b;
    for (const auto& r : in) b.add(r);
    auto plain = b.finish(42);
    QByteArray stored = to_qbytes(plain);
    if (static_cast<Compression>(codec) != Compression::none) {
      auto compressed = compress_batch(plain, static_cast<Compression>(codec));
      QVERIFY(compressed.ok());
      stored = to_qbytes(compressed->span());
      QVERIFY(stored.size() < to_qbytes(plain).size());
    }
    QVERIFY(verify_batch(to_span(stored)).ok());
    bool ok = false;
    auto out = decode_all(to_span(stored), &ok);
    QVERIFY(ok);
    QCOMPARE(out.size(), in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
      QCOMPARE(out[i].key, in[i].key ? std::optional<std::string>(*in[i].key) : std::nullopt);
      QCOMPARE(out[i].value, in[i].value ? std::optional<std::string>(*in[i].value) : std::nullopt);
      QCOMPARE(out[i].timestamp, in[i].timestamp);
      QCOMPARE(out[i].headers.size(), in[i].headers.size());
    }
    QCOMPARE(out[2].headers[2].second, std::optional<std::string>());
    auto h = parse_batch_header(to_span(stored));
    QCOMPARE(h->base_offset, 42);
    QCOMPARE(h->max_timestamp, 10 + 499 + 2);
    QCOMPARE(h->last_offset_delta, static_cast<int>(in.size()) - 1);
  }

  // Batches written by librdkafka (see shared/datasets/kafka-batches/README.md).
  void librdkafkaGoldenBatches_data() {
    QTest::addColumn<QString>("file");
    QFile f(shared_dir() + "manifest.json");
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.fileName()));
    const auto manifest = QJsonDocument::fromJson(f.readAll()).object();
    for (const auto& b : manifest["batches"].toArray()) {
      const QString file = b.toObject()["file"].toString();
      QTest::newRow(qPrintable(file)) << file;
    }
  }
  void librdkafkaGoldenBatches() {
    QFETCH(QString, file);
    QFile mf(shared_dir() + "manifest.json");
    QVERIFY(mf.open(QIODevice::ReadOnly));
    const auto manifest = QJsonDocument::fromJson(mf.readAll()).object();
    QJsonObject meta;
    for (const auto& b : manifest["batches"].toArray()) {
      if (b.toObject()["file"].toString() == file) meta = b.toObject();
    }
    QFile bf(shared_dir() + file);
    QVERIFY(bf.open(QIODevice::ReadOnly));
    const QByteArray bytes = bf.readAll();
    QCOMPARE(bytes.size(), meta["bytes"].toInt());
    QVERIFY(verify_batch(to_span(bytes)).ok());
    auto h = parse_batch_header(to_span(bytes));
    QVERIFY(h.ok());
    QCOMPARE(QString::asprintf("%08x", h->crc), meta["crc"].toString());
    QCOMPARE(static_cast<int>(h->attributes), meta["attributes"].toInt());
    QCOMPARE(QString(compression_name(h->compression())), meta["codec"].toString());
    QCOMPARE(h->record_count, meta["record_count"].toInt());
    QCOMPARE(h->base_timestamp, static_cast<std::int64_t>(meta["base_timestamp"].toDouble()));
    QCOMPARE(h->producer_id, static_cast<std::int64_t>(meta["producer_id"].toInt()));
    QCOMPARE(static_cast<int>(h->producer_epoch), meta["producer_epoch"].toInt());
    QCOMPARE(h->base_sequence, meta["base_sequence"].toInt());

    const bool idempotent = file.contains("idem");
    const auto expected = manifest[idempotent ? "records_idempotent" : "records_with_headers"].toArray();
    bool ok = false;
    auto records = decode_all(to_span(bytes), &ok);
    QVERIFY(ok);
    QCOMPARE(static_cast<qsizetype>(records.size()), expected.size());
    RecordBatchBuilder rebuilt;
    rebuilt.set_producer(h->producer_id, h->producer_epoch, h->base_sequence);
    std::vector<std::vector<RecordHeader>> keep;
    for (qsizetype i = 0; i < expected.size(); ++i) {
      const auto e = expected[i].toObject();
      QCOMPARE(QString::fromStdString(*records[static_cast<std::size_t>(i)].key), e["key"].toString());
      QCOMPARE(QString::fromStdString(*records[static_cast<std::size_t>(i)].value), e["value"].toString());
      const auto eh = e["headers"].toArray();
      QCOMPARE(static_cast<qsizetype>(records[static_cast<std::size_t>(i)].headers.size()), eh.size());
      for (qsizetype k = 0; k < eh.size(); ++k) {
        QCOMPARE(QString::fromStdString(records[static_cast<std::size_t>(i)].headers[static_cast<std::size_t>(k)].first),
                 eh[k].toArray()[0].toString());
      }
    }
    // Re-encoding the uncompressed records gives back librdkafka's exact bytes.
    if (h->compression() == Compression::none) {
      for (const auto& r : records) {
        keep.emplace_back();
        for (const auto& [k, v] : r.headers) {
          keep.back().push_back({k, v ? std::optional<std::string_view>(*v) : std::nullopt});
        }
      }
      for (std::size_t i = 0; i < records.size(); ++i) {
        const auto& r = records[i];
        rebuilt.add({r.key ? Bytes(*r.key) : std::nullopt, r.value ? Bytes(*r.value) : std::nullopt, r.timestamp,
                     keep[i]});
      }
      QCOMPARE(to_qbytes(rebuilt.finish(0)).toHex(), bytes.toHex());
    }
  }

  void forEachBatchStopsBeforeAPartialBatch() {
    QByteArray two = kGoldenTwoRecords + kGoldenTwoRecords;
    for (int cut = 0; cut <= two.size(); ++cut) {
      int seen = 0;
      const std::size_t consumed = for_each_batch(to_span(two.left(cut)), [&](const BatchHeader&, std::span<const char>) {
        ++seen;
        return true;
      });
      const int whole = cut / static_cast<int>(kGoldenTwoRecords.size());
      QCOMPARE(seen, whole);
      QCOMPARE(consumed, static_cast<std::size_t>(whole * kGoldenTwoRecords.size()));
    }
  }
};

QTEST_APPLESS_MAIN(TestRecordBatch)
#include "test_record_batch.moc"
