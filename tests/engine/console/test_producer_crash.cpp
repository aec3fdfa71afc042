// kill -9 of a producer with --flush always, 20 times at random moments: the log must hold an
// exact prefix of the input that contains every line the producer had acknowledged.
#include <QtTest>

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include "cli_runner.h"

class TestProducerCrash : public QObject {
  Q_OBJECT
 private slots:
  void killNineKeepsAnExactPrefixWithEveryAcknowledgedLine() {
    QTemporaryDir tmp;
    const QString dir = tmp.path() + "/data";
    QCOMPARE(run_cli({"topic", "create", "crash", "--flush", "always", "--segment-bytes", "65536", "--data-dir", dir})
                 .exit_code, 0);
    QRandomGenerator rng(20261125);
    qint64 stored = 0;  // lines in the log so far: line-0 .. line-(stored-1)
    qint64 total_acked = 0;
    for (int round = 0; round < 20; ++round) {
      QProcess producer;
      producer.start(QStringLiteral(TRIBUTARY_CLI), {"produce", "crash", "--print-offsets", "--data-dir", dir});
      QVERIFY(producer.waitForStarted());
      // The first chunk must be acknowledged before the clock starts: on a loaded machine the
      // process may take longer to start than the random delay, and a kill before anything
      // was appended proves little.
      qint64 next = stored;
      QByteArray acks;
      auto feed = [&](int n) {
        QByteArray chunk;
        for (int i = 0; i < n; ++i) chunk += "line-" + QByteArray::number(next++) + "\n";
        producer.write(chunk);
        producer.waitForBytesWritten(5);
      };
      feed(10);
      QElapsedTimer clock;
      clock.start();
      while (!acks.contains('\n') && clock.elapsed() < 30000) {
        producer.waitForReadyRead(50);
        acks += producer.readAllStandardOutput();
      }
      QVERIFY2(acks.contains('\n'), "the producer acknowledged nothing within 30 s");
      const int kill_after_ms = static_cast<int>(rng.bounded(300));
      clock.restart();
      while (clock.elapsed() < kill_after_ms) {
        feed(1 + static_cast<int>(rng.bounded(300)));
        producer.waitForReadyRead(1);
        acks += producer.readAllStandardOutput();
      }
      producer.kill();  // SIGKILL
      QVERIFY(producer.waitForFinished(10000));
      acks += producer.readAllStandardOutput();
      // Acknowledged = a complete "partition<TAB>offset" line was printed after the fsync.
      qint64 max_acked = -1;
      for (const auto& line : acks.split('\n')) {
        const auto parts = line.split('\t');
        if (parts.size() == 2 && !parts[1].isEmpty()) max_acked = std::max(max_acked, parts[1].toLongLong());
      }
      const auto r = run_cli({"consume", "crash", "--from-beginning", "--exit-at-end", "--data-dir", dir});
      QCOMPARE(r.exit_code, 0);
      QList<QByteArray> got = r.out.split('\n');
      got.removeLast();
      QVERIFY2(got.size() >= max_acked + 1,
               qPrintable(QString("round %1: %2 lines stored, offset %3 was acknowledged").arg(round).arg(got.size()).arg(max_acked)));
      QVERIFY(got.size() >= stored);
      QVERIFY(got.size() <= next);
      for (qsizetype i = 0; i < got.size(); ++i) {
        if (got[i] != "line-" + QByteArray::number(i)) {
          QFAIL(qPrintable(QString("round %1: line %2 is '%3'").arg(round).arg(i).arg(QString(got[i]))));
        }
      }
      total_acked += acks.count('\n');
      stored = got.size();
    }
    qInfo("%lld lines stored, %lld acknowledged, over 20 crashes", static_cast<long long>(stored),
          static_cast<long long>(total_acked));
    // The owner that opens next recovers the log and appends after the prefix.
    QCOMPARE(run_cli({"produce", "crash", "--data-dir", dir}, "after\n").exit_code, 0);
    const auto r = run_cli({"consume", "crash", "--partition", "0", "--offset", QString::number(stored), "--exit-at-end",
                            "--data-dir", dir});
    QCOMPARE(r.out, QByteArray("after\n"));
  }
};

QTEST_GUILESS_MAIN(TestProducerCrash)
#include "test_producer_crash.moc"
