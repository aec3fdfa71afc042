// Light and dark look: the Fusion style with a palette of our own, so that both themes look
// the same on every platform (a native style may ignore the palette).
#pragma once

#include <QColor>
#include <QString>

namespace tributary::ui {

// `theme` is "light" or "dark"; anything else is light.
void applyTheme(const QString& theme);

// The hue of a node category (source, topic, window, transform, ml, sink), readable in both
// themes; grey for an unknown one.
QColor categoryColor(const QString& category);

}  // namespace tributary::ui
