// The palette titles of the catalogue's node kinds in the user's language. The engine keeps
// them in English (the CLI prints them); this list gives lupdate the literal strings.
#pragma once

#include <QString>
#include <QStringList>

#include "pipeline/node_kind.h"

namespace tributary::ui {

// The translated title, or the engine's when there is no translation.
QString kindTitle(const pipeline::NodeKind& kind);
// The English titles listed for translation (a test checks every catalogue kind is there).
QStringList translatableKindTitles();

}  // namespace tributary::ui
