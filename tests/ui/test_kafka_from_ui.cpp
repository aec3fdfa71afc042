// The embedded Kafka broker from the designer: Run ▸ Serve Topics to Kafka Clients starts and
// stops it (the status bar shows where clients connect), and running a pipeline with a topic
// marked `expose` starts it on its own; kcat then lists and reads the pipeline's topic.
#include <QtTest>

#include <QAction>
#include <QDeadlineTimer>
#include <QLabel>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include "free_port.h"
#include "quiet_main_window.h"
#include "ui/app_settings.h"
#include "ui/run/engine_controller.h"
#include "ui/run/run_controls.h"

using namespace tributary;
using State = ui::EngineController::State;

namespace {

struct Kcat {
  int exitCode = -1;
  QByteArray out;
};

Kcat kcat(const QStringList& args) {
  const QString path = QStandardPaths::findExecutable(QStringLiteral("kcat"));
  if (path.isEmpty()) qFatal("kcat is not installed (./tributary.sh test installs it)");
  QProcess p;
  p.start(path, args);
  p.closeWriteChannel();
  // The broker runs on its own threads; the event loop keeps turning meanwhile.
  QDeadlineTimer deadline(20000);
  while (p.state() != QProcess::NotRunning && !deadline.hasExpired()) QTest::qWait(20);
  return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput()};
}

const char* kExposed = R"({
  "format": "tributary-pipeline", "version": 1, "name": "Exposed",
  "nodes": [
    { "id": "sensors", "kind": "source.generator", "ui": { "x": 0, "y": 0 },
      "params": { "preset": "sensors", "count": 3000, "seed": 5 } },
    { "id": "readings", "kind": "topic", "ui": { "x": 200, "y": 0 },
      "params": { "name": "readings", "partitions": 2, "key": ["device"], "expose": true } },
    { "id": "out", "kind": "sink.jsonl", "ui": { "x": 400, "y": 0 }, "params": { "path": "out/readings.jsonl" } }
  ],
  "edges": [ { "from": "sensors.out", "to": "readings.in" }, { "from": "readings.out", "to": "out.in" } ]
})";

}  // namespace

class TestKafkaFromUi : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);  // settings of the test's own
    QCoreApplication::setOrganizationName(QStringLiteral("TributaryTest"));
  }

  void serveFromTheRunMenu() {
    const QString address = QStringLiteral("127.0.0.1:%1").arg(free_port());
    ui::settings::setKafkaListen(address);
    QuietMainWindow window;
    window.engine()->setDataDir(tmp_.filePath("menu-data"));
    auto* action = window.findChild<QAction*>(QStringLiteral("actionServeKafka"));
    QVERIFY(action);
    QVERIFY(action->isCheckable());
    action->trigger();
    QVERIFY2(window.engine()->brokerRunning(), qPrintable(window.errors.join('\n')));
    QVERIFY(action->isChecked());
    auto* label = window.findChild<QLabel*>(QStringLiteral("kafkaLabel"));
    QVERIFY(label);
    QVERIFY(!label->isHidden());
    QVERIFY2(label->text().contains(address), qPrintable(label->text()));
    QCOMPARE(kcat({"-L", "-b", address}).exitCode, 0);
    action->trigger();
    QVERIFY(!window.engine()->brokerRunning());
    QVERIFY(!action->isChecked());
    QVERIFY(label->isHidden());
    QVERIFY(kcat({"-L", "-b", address, "-m", "2"}).exitCode != 0);
  }

  void anExposedTopicStartsTheBroker() {
    const QString address = QStringLiteral("127.0.0.1:%1").arg(free_port());
    ui::settings::setKafkaListen(address);
    const QString file = tmp_.filePath("exposed/pipeline.json");
    QDir().mkpath(tmp_.filePath("exposed"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(kExposed);
    f.close();
    QuietMainWindow window;
    QVERIFY(window.openFile(file));
    window.engine()->setDataDir(tmp_.filePath("exposed/data"));
    window.engine()->setInterval(100);
    window.runControls()->runAction()->trigger();
    QVERIFY2(window.errors.isEmpty(), qPrintable(window.errors.join('\n')));
    QVERIFY(window.engine()->brokerRunning());
    QTRY_COMPARE_WITH_TIMEOUT(window.engine()->state(), State::Finished, 30000);
    // A running pipeline keeps the broker: stopping it is refused until the run ends.
    const auto read = kcat({"-C", "-b", address, "-t", "readings", "-o", "beginning", "-e", "-q"});
    QCOMPARE(read.exitCode, 0);
    QCOMPARE(read.out.count('\n'), 3000);
    QVERIFY(window.engine()->stopBroker());
    QVERIFY(!window.engine()->brokerRunning());
  }
};

QTEST_MAIN(TestKafkaFromUi)
#include "test_kafka_from_ui.moc"
