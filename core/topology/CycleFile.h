#pragma once
// cycles.json: representative cycles (RepresentativeCycles.h) as a file,
//   {"coefficients": p,
//    "classes": [{"dim": 1, "birth": b, "death": d or null, "simplices": [[i, j], ...],
//                 "coefficients": [c, ...]}, ...],
//    "skipped": [{"dim": 1, "birth": b, "death": d or null, "reason": "..."}, ...]}
// indices into the matrix (a run's neurons.csv); null death: alive.

#include "RepresentativeCycles.h"

#include <QByteArray>

namespace netbetti {

QByteArray cyclesToJson(const CycleSet &cycles);
/// Throws InputError naming the file, the field ("classes[2].simplices[5][1]")
/// and the value when the bytes are not such a file. points > 0: vertices
/// must be below it.
CycleSet cyclesFromJson(const QByteArray &json, const QString &fileName, int points = 0);
CycleSet readCyclesJson(const QString &path, int points = 0);
void writeCyclesJson(const QString &path, const CycleSet &cycles);

} // namespace netbetti
