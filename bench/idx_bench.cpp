// How long Debian's Fashion-MNIST takes to read: inflating and parsing the
// IDX files (what the window waits for once, on choosing the kind), then a
// 6,000-image draw from the parsed files (each run, each preview), and the
// shape the form asks for on every edit. Prints seconds; not a test.
//   netbetti-bench-idx [repeats]

#include "data/Dataset.h"
#include "data/IdxDataset.h"
#include "data/IdxFile.h"

#include "BestTime.h"

#include <QString>
#include <algorithm>
#include <cstdio>

using namespace netbetti;

using bench::bestSeconds;

int main(int argc, char **argv)
{
    const int repeats = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
    const QString images = fashionMnistFolder() + QStringLiteral("/train-images-idx3-ubyte.gz");
    qint64 bytes = 0;
    const double inflate = bestSeconds(repeats, [&] { bytes = readMaybeGzipped(images).size(); });
    const double parse = bestSeconds(repeats, [&] { readIdx(images); });
    DatasetSpec spec;
    spec.kind = QStringLiteral("fashion-mnist");
    spec.samples = 6000;
    QElapsedTimer cold;
    cold.start();
    makeDataset(spec, 1); // the first: reads all four files into the cache
    const double first = double(cold.nsecsElapsed()) * 1e-9;
    const double draw = bestSeconds(repeats, [&] { makeDataset(spec, 1); });
    const double shape = bestSeconds(repeats, [&] { datasetShape(spec); });
    std::printf("inflate train images (%lld bytes)  %.3f s\n", static_cast<long long>(bytes), inflate);
    std::printf("inflate + parse train images       %.3f s\n", parse);
    std::printf("first fashion-mnist dataset (6000) %.3f s  (all four files read)\n", first);
    std::printf("later fashion-mnist dataset (6000) %.3f s  (files cached)\n", draw);
    std::printf("shape for the form                 %.4f s\n", shape);
    std::printf("ratio first / later                %.1f\n", first / draw);
    return 0;
}
