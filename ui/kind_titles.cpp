#include "ui/kind_titles.h"

#include <QCoreApplication>

namespace tributary::ui {
namespace {

constexpr auto kContext = "tributary::ui::NodeKinds";

// One entry per title of nodes::builtin_kinds(); add new kinds here too.
const char* const kTitles[] = {
    QT_TRANSLATE_NOOP("tributary::ui::NodeKinds", "Replay a file"),
    QT_TRANSLATE_NOOP("tributary::ui::NodeKinds", "Generate a stream"),
    QT_TRANSLATE_NOOP("tributary::ui::NodeKinds", "TCP lines"),
    QT_TRANSLATE_NOOP("tributary::ui::NodeKinds", "Existing topic"),
    QT_TRANSLATE_NOOP("tributary::ui::NodeKinds", "Kafka consumer"),
    QT_TRANSLATE_NOOP("tributary::ui::NodeKinds", "Topic"),
    QT_TRANSLATE_NOOP("tributary::ui::NodeKinds", "Tumbling window"),
    QT_TRANSLATE_NOOP("tributary::ui::NodeKinds", "Hopping window"),
    QT_TRANSLATE_NOOP("tributary::ui::NodeKinds", "Sliding window"),
    QT_TRANSLATE_NOOP("tributary::ui::NodeKinds", "Session window"),
    QT_TRANSLATE_NOOP("tributary::ui::NodeKinds", "Filter"),
    QT_TRANSLATE_NOOP("tributary::ui::NodeKinds", "Map"),
    QT_TRANSLATE_NOOP("tributary::ui::NodeKinds", "Aggregate"),
    QT_TRANSLATE_NOOP("tributary::ui::NodeKinds", "Join"),
    QT_TRANSLATE_NOOP("tributary::ui::NodeKinds", "Dedupe"),
    QT_TRANSLATE_NOOP("tributary::ui::NodeKinds", "Union"),
    QT_TRANSLATE_NOOP("tributary::ui::NodeKinds", "SQL"),
    QT_TRANSLATE_NOOP("tributary::ui::NodeKinds", "Streaming k-means"),
    QT_TRANSLATE_NOOP("tributary::ui::NodeKinds", "Linear regression"),
    QT_TRANSLATE_NOOP("tributary::ui::NodeKinds", "Logistic regression"),
    QT_TRANSLATE_NOOP("tributary::ui::NodeKinds", "Anomaly score"),
    QT_TRANSLATE_NOOP("tributary::ui::NodeKinds", "JSON-lines file"),
    QT_TRANSLATE_NOOP("tributary::ui::NodeKinds", "CSV file"),
    QT_TRANSLATE_NOOP("tributary::ui::NodeKinds", "SQLite table"),
    QT_TRANSLATE_NOOP("tributary::ui::NodeKinds", "Kafka producer"),
    QT_TRANSLATE_NOOP("tributary::ui::NodeKinds", "Chart"),
    QT_TRANSLATE_NOOP("tributary::ui::NodeKinds", "Console"),
};

}  // namespace

QString kindTitle(const pipeline::NodeKind& kind) {
  return QCoreApplication::translate(kContext, kind.title.c_str());
}

QStringList translatableKindTitles() {
  QStringList out;
  for (const char* t : kTitles) out << QString::fromUtf8(t);
  return out;
}

}  // namespace tributary::ui
