#include <QtTest>

#include <map>

#include "log/partitioner.h"

using namespace tributary::log;

class TestPartitioner : public QObject {
  Q_OBJECT
 private slots:
  // Values from Kafka's own UtilsTest.testMurmur2 and librdkafka's rdmurmur2 unit test.
  void murmur2MatchesKafka_data() {
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<qint32>("hash");
    QTest::newRow("21") << QByteArray("21") << qint32(-973932308);
    QTest::newRow("foobar") << QByteArray("foobar") << qint32(-790332482);
    QTest::newRow("a-little-bit-long-string") << QByteArray("a-little-bit-long-string") << qint32(-985981536);
    QTest::newRow("a-little-bit-longer-string") << QByteArray("a-little-bit-longer-string") << qint32(-1486304829);
    QTest::newRow("lkjh...") << QByteArray("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8") << qint32(-58897971);
    QTest::newRow("abc") << QByteArray("abc") << qint32(479470107);
    QTest::newRow("1") << QByteArray("1") << qint32(-1993445489);
    QTest::newRow("12") << QByteArray("12") << qint32(126087238);
    QTest::newRow("123") << QByteArray("123") << qint32(-267702483);
    QTest::newRow("1234") << QByteArray("1234") << qint32(-1614185708);
    QTest::newRow("12345") << QByteArray("12345") << qint32(-1188365604);
    QTest::newRow("kafka") << QByteArray("kafka") << qint32(0xd067cf64);
  }
  void murmur2MatchesKafka() {
    QFETCH(QByteArray, key);
    QFETCH(qint32, hash);
    QCOMPARE(murmur2({key.constData(), static_cast<std::size_t>(key.size())}), hash);
    // Kafka: Utils.toPositive(hash) % numPartitions.
    for (int n : {1, 2, 3, 6, 10, 12, 64, 1000}) {
      const int expected = static_cast<int>((static_cast<quint32>(hash) & 0x7fffffffu) % static_cast<quint32>(n));
      QCOMPARE(partition_for_key({key.constData(), static_cast<std::size_t>(key.size())}, n), expected);
    }
  }

  void concretePartitionsForSixPartitions() {
    // Worked by hand from the hashes above: toPositive(-790332482) = 1357151166, % 6 = 0, etc.
    QCOMPARE(partition_for_key("foobar", 6), 0);
    QCOMPARE(partition_for_key("abc", 6), 479470107 % 6);
    QCOMPARE(partition_for_key("21", 6), (2147483648 - 973932308) % 6);
  }

  void emptyKeyIsHashedNotSticky() {
    // An empty key is still a key in Kafka: murmur2 of zero bytes (librdkafka: 0x106e08d9).
    QCOMPARE(murmur2(""), static_cast<std::int32_t>(0x106e08d9));
  }

  void stickyStaysUntilABatchIsFullThenMoves() {
    StickyPartitioner sticky(42, 1000);
    const int first = sticky.partition(4);
    for (int i = 0; i < 9; ++i) {
      QCOMPARE(sticky.partition(4), first);
      sticky.on_appended(100, 4);
    }
    sticky.on_appended(100, 4);  // 1000 bytes: the batch is full
    QVERIFY(sticky.partition(4) != first);
  }

  void stickySpreadsOverAllPartitions() {
    StickyPartitioner sticky(1, 100);
    std::map<int, int> seen;
    for (int i = 0; i < 400; ++i) {
      ++seen[sticky.partition(5)];
      sticky.on_appended(100, 5);
    }
    QCOMPARE(seen.size(), 5u);
    for (const auto& [p, n] : seen) QVERIFY2(n > 40, qPrintable(QString("partition %1 got %2").arg(p).arg(n)));
  }
};

QTEST_APPLESS_MAIN(TestPartitioner)
#include "test_partitioner.moc"
