// The canvas's look in one place: card metrics, the category hues of ui.md, port colours by
// what flows, run-state colours and the compact rate text ("12.4k/s"). Cards and edges read
// these, so a theme change touches one file.
#pragma once

#include <QColor>
#include <QPainter>
#include <QRectF>
#include <QString>
#include <string>

namespace tributary::ui::canvas {

inline constexpr double kGrid = 20;  // snap step, scene units
inline constexpr double kCardWidth = 180;
inline constexpr double kHeaderHeight = 26;
inline constexpr double kKindRowHeight = 18;  // the kind in small text
inline constexpr double kPortRowHeight = 20;
inline constexpr double kRunRowHeight = 16;  // state + rate, then the extra lines
inline constexpr double kPortRadius = 5;
inline constexpr double kCorner = 6;
// Below this zoom cards and edges paint without text (level of detail).
inline constexpr double kDetailZoom = 0.5;

// What flows through a port: records, or a table (the right input of a lookup join).
enum class PortFlow { Records, Table };

// The header hue of a kind category ("source", "topic", ...); grey for an unknown one.
QColor categoryColor(const std::string& category);
QColor portColor(PortFlow flow);

// A small white glyph per category in `box` (the header's icon), drawn in code.
void paintCategoryIcon(QPainter* painter, const QRectF& box, const std::string& category);

// "950/s", "12.4k/s", "3.1M/s".
QString formatRate(double perSecond);
// "980", "12.4k", "3.1M".
QString formatCount(double n);

// x rounded to the nearest grid step.
double snapToGrid(double x);

}  // namespace tributary::ui::canvas
