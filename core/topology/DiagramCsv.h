#pragma once
// diagram.csv of a run folder: "dim,birth,death", one bar a line, "inf" for
// a class that never dies (or is alive at the run's threshold).

#include "PersistenceDiagram.h"

#include <QByteArray>

namespace netbetti {

QByteArray diagramToCsv(const PersistenceDiagram &diagram);
/// Values are read as float32 (what the matrices hold). Throws InputError
/// naming the file, line and value on a malformed file.
PersistenceDiagram diagramFromCsv(const QByteArray &csv, const QString &fileName);
PersistenceDiagram readDiagramCsv(const QString &path);
void writeDiagramCsv(const QString &path, const PersistenceDiagram &diagram);

} // namespace netbetti
