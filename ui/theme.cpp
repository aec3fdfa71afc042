#include "ui/theme.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

namespace tributary::ui {
namespace {

QPalette darkPalette() {
  QPalette p;
  const QColor window(0x2b, 0x2d, 0x31), base(0x1e, 0x1f, 0x22), text(0xe6, 0xe6, 0xe6);
  const QColor disabled(0x80, 0x80, 0x80), highlight(0x3d, 0x7e, 0xd6);
  p.setColor(QPalette::Window, window);
  p.setColor(QPalette::WindowText, text);
  p.setColor(QPalette::Base, base);
  p.setColor(QPalette::AlternateBase, window);
  p.setColor(QPalette::ToolTipBase, base);
  p.setColor(QPalette::ToolTipText, text);
  p.setColor(QPalette::PlaceholderText, disabled);
  p.setColor(QPalette::Text, text);
  p.setColor(QPalette::Button, window);
  p.setColor(QPalette::ButtonText, text);
  p.setColor(QPalette::BrightText, Qt::red);
  p.setColor(QPalette::Link, highlight.lighter(130));
  p.setColor(QPalette::Highlight, highlight);
  p.setColor(QPalette::HighlightedText, Qt::white);
  p.setColor(QPalette::Light, window.lighter(150));
  p.setColor(QPalette::Midlight, window.lighter(125));
  p.setColor(QPalette::Mid, window.darker(120));
  p.setColor(QPalette::Dark, window.darker(150));
  p.setColor(QPalette::Shadow, Qt::black);
  for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText}) {
    p.setColor(QPalette::Disabled, role, disabled);
  }
  return p;
}

}  // namespace

void applyTheme(const QString& theme) {
  QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
  // Fusion's own palette is the light theme.
  QApplication::setPalette(
      theme == QLatin1String("dark") ? darkPalette() : QApplication::style()->standardPalette());
}

QColor categoryColor(const QString& category) {
  if (category == QLatin1String("source")) return QColor(0x14, 0x9e, 0x93);     // teal
  if (category == QLatin1String("topic")) return QColor(0x64, 0x74, 0x8b);      // slate
  if (category == QLatin1String("window")) return QColor(0xe0, 0x9a, 0x1b);     // amber
  if (category == QLatin1String("transform")) return QColor(0x3b, 0x82, 0xf6);  // blue
  if (category == QLatin1String("ml")) return QColor(0x93, 0x4f, 0xd8);         // purple
  if (category == QLatin1String("sink")) return QColor(0x2f, 0xa8, 0x4f);       // green
  return QColor(0x80, 0x80, 0x80);
}

}  // namespace tributary::ui
