// The console tools end to end, through the real tributary-cli binary.
#include <QtTest>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include "cli_runner.h"

class TestConsoleTools : public QObject {
  Q_OBJECT

  QTemporaryDir tmp_;
  QString dir() const { return tmp_.path() + "/data"; }
  CliRun cli(QStringList args, const QByteArray& input = {}) {
    args << "--data-dir" << dir();
    return run_cli(args, input);
  }
  static QList<QByteArray> lines(const QByteArray& text) {
    QList<QByteArray> out = text.split('\n');
    if (!out.isEmpty() && out.last().isEmpty()) out.removeLast();
    return out;
  }

 private slots:
  void topicLifecycle() {
    auto r = cli({"topic", "create", "clicks", "--partitions", "3", "--flush", "always", "--retention-ms", "60000"});
    QCOMPARE(r.exit_code, 0);
    QCOMPARE(r.out, QByteArray("Created topic clicks.\n"));
    QCOMPARE(cli({"topic", "create", "other"}).exit_code, 0);
    QCOMPARE(cli({"topic", "list"}).out, QByteArray("clicks\nother\n"));
    r = cli({"topic", "create", "clicks"});
    QCOMPARE(r.exit_code, 1);
    QVERIFY(r.err.contains("already exists"));
    r = cli({"topic", "describe", "clicks"});
    QCOMPARE(r.exit_code, 0);
    QVERIFY(r.out.contains("Partitions: 3"));
    QVERIFY(r.out.contains("Flush: always"));
    QVERIFY(r.out.contains("Retention: 60000 ms"));
    QCOMPARE(r.out.count("Partition: "), 3);
    QCOMPARE(cli({"topic", "delete", "other"}).exit_code, 0);
    QCOMPARE(cli({"topic", "list"}).out, QByteArray("clicks\n"));
    r = cli({"topic", "create", "bad/name"});
    QCOMPARE(r.exit_code, 1);
    QVERIFY(r.err.contains("invalid topic name"));
  }

  void produceThenConsumeWithKeysAndPartitions() {
    QByteArray input;
    for (int i = 0; i < 300; ++i) input += "user-" + QByteArray::number(i % 7) + "|event " + QByteArray::number(i) + "\n";
    auto r = cli({"produce", "clicks", "--key-separator", "|"}, input);
    QCOMPARE(r.exit_code, 0);
    QCOMPARE(r.out, QByteArray());
    QCOMPARE(r.err, QByteArray());
    r = cli({"consume", "clicks", "--from-beginning", "--exit-at-end", "--print-key"});
    QCOMPARE(r.exit_code, 0);
    auto got = lines(r.out);
    QCOMPARE(got.size(), 300);
    // Same key, same partition: per key, the order of production is kept.
    QMap<QByteArray, int> last_seen;
    for (const auto& line : got) {
      const auto parts = line.split('\t');
      const int n = parts[1].mid(6).toInt();
      QCOMPARE(parts[0], "user-" + QByteArray::number(n % 7));
      QVERIFY(last_seen.value(parts[0], -1) < n);
      last_seen[parts[0]] = n;
    }
    // Each key lives in exactly one partition.
    QSet<QByteArray> seen_keys;
    int total = 0;
    for (int p = 0; p < 3; ++p) {
      r = cli({"consume", "clicks", "--partition", QString::number(p), "--from-beginning", "--exit-at-end", "--print-key"});
      for (const auto& line : lines(r.out)) {
        const auto key = line.split('\t')[0];
        if (!seen_keys.contains(key)) seen_keys.insert(key + "@" + QByteArray::number(p));
        ++total;
      }
    }
    QCOMPARE(total, 300);
    QSet<QByteArray> keys_only;
    for (const auto& k : seen_keys) keys_only.insert(k.split('@')[0]);
    QCOMPARE(keys_only.size(), 7);
    QCOMPARE(seen_keys.size(), 7);
  }

  void offsetsTimestampsAndMax() {
    QVERIFY(cli({"topic", "create", "seq"}).exit_code == 0);
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    QCOMPARE(cli({"produce", "seq"}, "a\nb\nc\n").exit_code, 0);
    QTest::qWait(20);
    const qint64 middle = QDateTime::currentMSecsSinceEpoch();
    QTest::qWait(20);
    QCOMPARE(cli({"produce", "seq"}, "d\ne\n").exit_code, 0);
    auto r = cli({"consume", "seq", "--partition", "0", "--offset", "3", "--exit-at-end", "--print-offset"});
    QCOMPARE(r.out, QByteArray("Offset:3\td\nOffset:4\te\n"));
    r = cli({"consume", "seq", "--from-time", QString::number(middle), "--exit-at-end"});
    QCOMPARE(r.out, QByteArray("d\ne\n"));
    r = cli({"consume", "seq", "--from-time", QString::number(before), "--exit-at-end", "--max", "2"});
    QCOMPARE(r.out, QByteArray("a\nb\n"));
    r = cli({"consume", "seq", "--from-beginning", "--exit-at-end", "--print-timestamp"});
    const auto ts = lines(r.out).first().split('\t').first();
    QVERIFY(ts.startsWith("CreateTime:"));
    QVERIFY(ts.mid(11).toLongLong() >= before);
    // Default start is the end: nothing printed.
    QCOMPARE(cli({"consume", "seq", "--exit-at-end"}).out, QByteArray());
    // A final line without a newline is still a record; an empty line is an empty value.
    QCOMPARE(cli({"produce", "seq"}, "\nlast").exit_code, 0);
    r = cli({"consume", "seq", "--partition", "0", "--offset", "5", "--exit-at-end"});
    QCOMPARE(r.out, QByteArray("\nlast\n"));
  }

  void groupsCommitAndResume() {
    QVERIFY(cli({"topic", "create", "jobs", "--partitions", "2"}).exit_code == 0);
    QByteArray input;
    for (int i = 0; i < 10; ++i) input += "k" + QByteArray::number(i) + ":v" + QByteArray::number(i) + "\n";
    QCOMPARE(cli({"produce", "jobs", "--key-separator", ":"}, input).exit_code, 0);
    auto r = cli({"consume", "jobs", "--group", "workers", "--from-beginning", "--exit-at-end", "--max", "4"});
    QCOMPARE(lines(r.out).size(), 4);
    r = cli({"consume", "jobs", "--group", "workers", "--from-beginning", "--exit-at-end"});
    QCOMPARE(lines(r.out).size(), 6);  // resumes where the group stopped, nothing twice
    r = cli({"group", "describe", "workers"});
    QCOMPARE(r.exit_code, 0);
    QVERIFY(r.out.contains("LAG"));
    for (const auto& line : lines(r.out).mid(1)) QVERIFY(line.simplified().endsWith(" 0"));
    QCOMPARE(cli({"produce", "jobs", "--partition", "1"}, "x\ny\nz\n").exit_code, 0);
    r = cli({"group", "describe", "workers"});
    QVERIFY2(r.out.contains(" 3\n"), r.out.constData());  // lag 3 on partition 1
    QCOMPARE(cli({"group", "list"}).out, QByteArray("workers\n"));
  }

  void errorsAreOneLineAndWriteNothing() {
    auto check = [&](const QStringList& args, const QByteArray& needle, const QByteArray& input = {}) {
      auto r = run_cli(args, input);
      QCOMPARE(r.exit_code, 1);
      QCOMPARE(r.err.count('\n'), 1);
      QVERIFY2(r.err.contains(needle), r.err.constData());
      QCOMPARE(r.out, QByteArray());
    };
    const QString missing = tmp_.path() + "/missing";
    check({"consume", "nope", "--data-dir", dir(), "--exit-at-end"}, "unknown topic nope");
    check({"produce", "nope", "--data-dir", dir()}, "unknown topic nope", "x\n");
    check({"consume", "seq", "--data-dir", dir(), "--partition", "0", "--offset", "99"}, "offset 99 is out of range");
    check({"consume", "seq", "--data-dir", dir(), "--partition", "7"}, "no partition 7");
    check({"produce", "seq", "--data-dir", missing}, "does not exist", "x\n");
    check({"topic", "describe", "seq", "--data-dir", missing}, "does not exist");
    QVERIFY(!QFile::exists(missing));
    QFile file(tmp_.path() + "/plain-file");
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    check({"topic", "create", "t", "--data-dir", file.fileName() + "/sub"}, "cannot create data dir");
    check({"topic", "list", "--data-dir", dir(), "--bogus"}, "bogus");
    check({"topic", "create", "no/slash", "--data-dir", missing}, "invalid topic name");
    QVERIFY(!QFile::exists(missing));
    // A line without the separator stops the producer; earlier lines are kept.
    QVERIFY(cli({"topic", "create", "strict"}).exit_code == 0);
    check({"produce", "strict", "--data-dir", dir(), "--key-separator", "="}, "line 3 has no key separator",
          "a=1\nb=2\nbroken\nc=3\n");
    QCOMPARE(cli({"consume", "strict", "--from-beginning", "--exit-at-end"}).out, QByteArray("1\n2\n"));
  }

  void consumerFollowsAProducerInAnotherProcess() {
    QVERIFY(cli({"topic", "create", "live"}).exit_code == 0);
    QProcess consumer;
    // From the beginning of an empty topic, so that how long the consumer takes to start
    // does not matter; it then follows the producer's appends.
    consumer.start(QStringLiteral(TRIBUTARY_CLI), {"consume", "live", "--data-dir", dir(), "--from-beginning", "--max", "3"});
    QVERIFY(consumer.waitForStarted());
    QTest::qWait(200);
    QCOMPARE(cli({"produce", "live"}, "one\ntwo\n").exit_code, 0);
    QCOMPARE(cli({"produce", "live"}, "three\nfour\n").exit_code, 0);
    QVERIFY(consumer.waitForFinished(10000));
    QCOMPARE(consumer.exitCode(), 0);
    QCOMPARE(consumer.readAllStandardOutput(), QByteArray("one\ntwo\nthree\n"));
  }
};

QTEST_GUILESS_MAIN(TestConsoleTools)
#include "test_console_tools.moc"
