// The designer's icons: SVG files in resources/icons (sharp at any DPI). Where Qt's SVG
// plugin is not installed, a painted badge in the category's colour stands in, so that the
// palette never shows blank rows.
#pragma once

#include <QIcon>
#include <QString>

namespace tributary::ui {

QIcon appIcon();
// One per node category: source, topic, window, transform, ml, sink.
QIcon categoryIcon(const QString& category);

}  // namespace tributary::ui
