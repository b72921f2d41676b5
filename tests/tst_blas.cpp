// The BLAS kernels LibTorch's products use: Debian 12's OpenBLAS falls back
// to SSE3 kernels on cores it does not know, and NetBetti then switches it
// to the core's own (BlasKernels.h). Checked against OpenBLAS itself, and
// against a run given the same kernels through OPENBLAS_CORETYPE.

#include "TestSupport.h"
#include "metric/BlasKernels.h"
#include "train/TorchVersion.h"

#include <QDir>
#include <QFile>
#include <QtTest>
#include <dlfcn.h>

using namespace netbetti;
using namespace netbetti::test;

namespace {

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestBlas : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void openBlasUsesTheKernelsItWasGiven()
    {
        const BlasKernels &k = blasKernels();
        // packaging installs libopenblas0-serial: LibTorch's BLAS is OpenBLAS.
        QVERIFY2(!k.detected.empty(), "LibTorch's BLAS is not OpenBLAS");
        using CoreName = char *(*)();
        const auto coreName = reinterpret_cast<CoreName>(dlsym(RTLD_DEFAULT, "openblas_get_corename"));
        QVERIFY(coreName);
        QCOMPARE(std::string(coreName()), k.used);
        // On a core with AVX2 and FMA, never the SSE3 fallback.
        if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
            QVERIFY2(k.used != "Prescott" && k.used != "Core2" && k.used != "Nehalem", k.used.c_str());
        QVERIFY(blasDescription().startsWith(QStringLiteral("OpenBLAS, %1 kernels").arg(QString::fromStdString(k.used))));
        if (k.used != k.detected)
            QCOMPARE(qgetenv("OPENBLAS_CORETYPE"), QByteArray(k.used.c_str()));
    }

    void switchedKernelsTrainAsTheEnvironmentVariableDoes()
    {
        // A run left to choose by itself, and one told the kernels by
        // OPENBLAS_CORETYPE (as OpenBLAS documents it): the same bytes.
        const std::string used = blasKernels().used;
        QTemporaryDir dir;
        QProcessEnvironment plain = QProcessEnvironment::systemEnvironment(), told = plain;
        plain.remove(QStringLiteral("OPENBLAS_CORETYPE"));
        told.insert(QStringLiteral("OPENBLAS_CORETYPE"), QString::fromStdString(used));
        const QString spec = QStringLiteral(NETBETTI_SOURCE_DIR "/resources/examples/d4-ball-4-64-64-2.json");
        for (const auto &[name, env] : {std::make_pair(QStringLiteral("plain"), plain), std::make_pair(QStringLiteral("told"), told)}) {
            const ProcessResult r = runCli({QStringLiteral("run"), spec, QStringLiteral("--out"), dir.filePath(name),
                                            QStringLiteral("--epochs"), QStringLiteral("2")},
                                           env);
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        }
        for (const QString &file : {QStringLiteral("epochs/0002/distance.npy"), QStringLiteral("epochs/0002/diagram.csv"),
                                    QStringLiteral("state/model-0002.pt")}) {
            const QByteArray a = fileBytes(dir.filePath(QStringLiteral("plain/") + file));
            QVERIFY2(!a.isEmpty(), qPrintable(file));
            QVERIFY2(a == fileBytes(dir.filePath(QStringLiteral("told/") + file)), qPrintable(file));
        }
    }
};

QTEST_GUILESS_MAIN(TestBlas)
#include "tst_blas.moc"
