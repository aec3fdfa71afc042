#include <QtTest>

#include <random>
#include <vector>

#include "log/crc32c.h"

using namespace tributary::log;

class TestCrc32c : public QObject {
  Q_OBJECT
 private slots:
  void knownVectors_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<quint32>("expected");
    QTest::newRow("check string") << QByteArray("123456789") << quint32(0xE3069283);
    QTest::newRow("empty") << QByteArray() << quint32(0);
    // RFC 3720 (iSCSI) B.4 test vectors.
    QTest::newRow("32 zeros") << QByteArray(32, '\0') << quint32(0x8A9136AA);
    QTest::newRow("32 ones") << QByteArray(32, '\xff') << quint32(0x62A8AB43);
    QByteArray inc(32, 0), dec(32, 0);
    for (int i = 0; i < 32; ++i) {
      inc[i] = static_cast<char>(i);
      dec[i] = static_cast<char>(31 - i);
    }
    QTest::newRow("incrementing") << inc << quint32(0x46DD794E);
    QTest::newRow("decrementing") << dec << quint32(0x113FDB5C);
  }
  void knownVectors() {
    QFETCH(QByteArray, input);
    QFETCH(quint32, expected);
    QCOMPARE(crc32c(input.constData(), static_cast<std::size_t>(input.size())), expected);
    QCOMPARE(crc32c_extend_portable(0, input.constData(), static_cast<std::size_t>(input.size())), expected);
  }

  void hardwareMatchesPortableAtEveryAlignmentAndLength() {
    std::mt19937 rng(7);
    std::vector<char> data(200000 + 16);
    for (auto& c : data) c = static_cast<char>(rng());
    for (std::size_t align = 0; align < 8; ++align) {
      for (std::size_t len : {0u, 1u, 7u, 8u, 9u, 15u, 63u, 64u, 65u, 767u, 768u, 769u, 1000u, 4096u, 24575u, 24576u,
                              24577u, 25344u, 100000u, 200000u}) {
        QCOMPARE(crc32c(data.data() + align, len), crc32c_extend_portable(0, data.data() + align, len));
      }
    }
  }

  void extendEqualsWhole() {
    const char text[] = "the quick brown fox jumps over the lazy dog";
    const std::size_t n = sizeof(text) - 1;
    for (std::size_t cut = 0; cut <= n; ++cut) {
      QCOMPARE(crc32c_extend(crc32c(text, cut), text + cut, n - cut), crc32c(text, n));
    }
  }
};

QTEST_APPLESS_MAIN(TestCrc32c)
#include "test_crc32c.moc"
