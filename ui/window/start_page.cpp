#include "ui/window/start_page.h"

#include <QCommandLinkButton>
#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QStandardPaths>
#include <QVBoxLayout>
#include <nlohmann/json.hpp>

#include "ui/app_settings.h"
#include "ui/icons.h"

namespace tributary::ui {
namespace {

QLabel* heading(const QString& text) {
  auto* l = new QLabel(text);
  QFont f = l->font();
  f.setBold(true);
  f.setPointSizeF(f.pointSizeF() * 1.3);
  l->setFont(f);
  return l;
}

void clear(QVBoxLayout* layout) {
  while (auto* item = layout->takeAt(0)) {
    delete item->widget();
    delete item;
  }
}

}  // namespace

StartPage::StartPage(QWidget* parent)
    : QWidget(parent), samplesBox_(new QVBoxLayout), recentBox_(new QVBoxLayout) {
  setObjectName(QStringLiteral("startPage"));
  auto* content = new QWidget;
  auto* column = new QVBoxLayout(content);
  column->setContentsMargins(32, 24, 32, 24);

  auto* title = new QLabel;
  title->setPixmap(appIcon().pixmap(48, 48));
  auto* name = heading(tr("Tributary"));
  QFont big = name->font();
  big.setPointSizeF(big.pointSizeF() * 1.4);
  name->setFont(big);
  auto* top = new QHBoxLayout;
  top->addWidget(title);
  top->addWidget(name);
  top->addStretch();
  column->addLayout(top);
  column->addWidget(new QLabel(tr("Design streaming pipelines, then run them live.")));

  auto* buttons = new QHBoxLayout;
  auto* newButton = new QPushButton(tr("New pipeline"));
  auto* openButton = new QPushButton(tr("Open…"));
  buttons->addWidget(newButton);
  buttons->addWidget(openButton);
  buttons->addStretch();
  column->addLayout(buttons);
  connect(newButton, &QPushButton::clicked, this, &StartPage::newRequested);
  connect(openButton, &QPushButton::clicked, this, &StartPage::openRequested);

  column->addSpacing(12);
  column->addWidget(heading(tr("Samples")));
  column->addLayout(samplesBox_);
  column->addSpacing(12);
  column->addWidget(heading(tr("Recent files")));
  column->addLayout(recentBox_);
  column->addStretch();
  content->setMaximumWidth(760);

  auto* scroll = new QScrollArea;
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setWidget(content);
  scroll->setAlignment(Qt::AlignHCenter);
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  outer->addWidget(scroll);
  refresh();
}

void StartPage::refresh() {
  clear(samplesBox_);
  const auto list = samples(samplesDir());
  if (list.isEmpty()) samplesBox_->addWidget(new QLabel(tr("No samples found.")));
  for (const auto& s : list) {
    const QString text =
        s.description + QLatin1Char('\n') + tr("Nodes: %1").arg(s.kinds.join(QStringLiteral(", ")));
    auto* card = new QCommandLinkButton(s.name, text);
    card->setObjectName(QStringLiteral("sample:") + QFileInfo(s.dir).fileName());
    samplesBox_->addWidget(card);
    connect(card, &QCommandLinkButton::clicked, this,
            [this, dir = s.dir] { emit sampleChosen(dir); });
  }

  clear(recentBox_);
  const QStringList recent = settings::recentFiles();
  if (recent.isEmpty()) recentBox_->addWidget(new QLabel(tr("No recent files.")));
  for (const QString& path : recent) {
    auto* link = new QCommandLinkButton(QFileInfo(path).fileName(), QDir::toNativeSeparators(path));
    recentBox_->addWidget(link);
    connect(link, &QCommandLinkButton::clicked, this, [this, path] { emit recentChosen(path); });
  }
}

QString StartPage::samplesDir() {
  const QString env = qEnvironmentVariable("TRIBUTARY_SAMPLES_DIR");
  if (!env.isEmpty()) return env;
#ifdef TRIBUTARY_SAMPLES_DIR
  if (QFileInfo::exists(QStringLiteral(TRIBUTARY_SAMPLES_DIR))) {
    return QStringLiteral(TRIBUTARY_SAMPLES_DIR);
  }
#endif
  return QStandardPaths::locate(QStandardPaths::AppDataLocation, QStringLiteral("samples"),
                                QStandardPaths::LocateDirectory);
}

QList<StartPage::Sample> StartPage::samples(const QString& dir) {
  QList<Sample> out;
  if (dir.isEmpty()) return out;
  const QDir root(dir);
  for (const QString& sub : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
    QFile file(root.filePath(sub + QStringLiteral("/pipeline.json")));
    if (!file.open(QIODevice::ReadOnly)) continue;
    const auto doc = nlohmann::json::parse(file.readAll().toStdString(), nullptr, false);
    if (!doc.is_object()) continue;
    Sample s;
    s.dir = root.filePath(sub);
    auto text = [&](const char* key) {
      const auto it = doc.find(key);
      return it != doc.end() && it->is_string() ? QString::fromStdString(it->get<std::string>())
                                                : QString();
    };
    s.name = text("name").isEmpty() ? sub : text("name");
    s.description = text("description");
    if (doc.contains("nodes") && doc["nodes"].is_array()) {
      for (const auto& n : doc["nodes"]) {
        if (!n.is_object() || !n.contains("kind") || !n["kind"].is_string()) continue;
        const QString kind = QString::fromStdString(n["kind"].get<std::string>());
        if (!s.kinds.contains(kind)) s.kinds << kind;
      }
    }
    out << s;
  }
  return out;
}

QString StartPage::copySample(const QString& sampleDir, QString* error) {
  const QDir from(sampleDir);
  const QDir to(QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
                    .filePath(QStringLiteral("samples/") + QFileInfo(sampleDir).fileName()));
  QDirIterator it(sampleDir, QDir::Files, QDirIterator::Subdirectories);
  while (it.hasNext()) {
    const QString source = it.next();
    const QString target = to.filePath(from.relativeFilePath(source));
    if (!QDir().mkpath(QFileInfo(target).absolutePath()) ||
        (QFile::exists(target) && !QFile::remove(target)) || !QFile::copy(source, target)) {
      if (error) *error = tr("Could not copy %1 to %2.").arg(source, target);
      return {};
    }
    // A copy of a read-only file is read-only; the user's copy is theirs to edit.
    QFile::setPermissions(target, QFile::permissions(target) | QFileDevice::WriteOwner);
  }
  const QString pipeline = to.filePath(QStringLiteral("pipeline.json"));
  if (!QFile::exists(pipeline)) {
    if (error) *error = tr("%1 holds no pipeline.json.").arg(sampleDir);
    return {};
  }
  return pipeline;
}

}  // namespace tributary::ui
