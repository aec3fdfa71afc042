#include "ui/icons.h"

#include <QImageReader>
#include <QPainter>
#include <QPixmap>

#include "ui/theme.h"

namespace tributary::ui {
namespace {

bool svgAvailable() {
  static const bool available = QImageReader::supportedImageFormats().contains("svg");
  return available;
}

// A rounded square in `color` with `letter`, drawn at a few sizes for high-DPI screens.
QIcon badge(const QColor& color, const QString& letter) {
  QIcon icon;
  for (int size : {16, 24, 32, 48, 64}) {
    QPixmap pm(size, size);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    p.drawRoundedRect(QRectF(1, 1, size - 2, size - 2), size / 5.0, size / 5.0);
    QFont f = p.font();
    f.setPixelSize(size * 3 / 5);
    f.setBold(true);
    p.setFont(f);
    p.setPen(Qt::white);
    p.drawText(pm.rect(), Qt::AlignCenter, letter);
    p.end();
    icon.addPixmap(pm);
  }
  return icon;
}

}  // namespace

QIcon appIcon() {
  if (svgAvailable()) return QIcon(QStringLiteral(":/icons/tributary.svg"));
  return badge(categoryColor(QStringLiteral("transform")), QStringLiteral("T"));
}

QIcon categoryIcon(const QString& category) {
  if (svgAvailable()) return QIcon(QStringLiteral(":/icons/%1.svg").arg(category));
  return badge(categoryColor(category), category.left(1).toUpper());
}

}  // namespace tributary::ui
