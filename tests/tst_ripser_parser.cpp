// The ripser output parser on captured outputs of the Debian ripser 1.2.1,
// and the diagram CSV format of the run folder.

#include "TestSupport.h"
#include "Error.h"
#include "topology/DiagramCsv.h"
#include "topology/RipserEngine.h"

#include <QtTest>

using namespace netbetti;

class TestRipserParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesFullFiltration()
    {
        // `ripser --format dipha` on the unit square's four corners.
        const QByteArray out = "value range: [1,1.41421]\n"
                               "distance matrix with 4 points, using threshold at enclosing radius 1.41421\n"
                               "persistence intervals in dim 0:\n"
                               " [0,1)\n [0,1)\n [0,1)\n [0, )\n"
                               "persistence intervals in dim 1:\n"
                               " [1,1.41421)\n";
        const PersistenceDiagram d = parseRipserOutput(out, 1);
        QCOMPARE(d.count(0), 4);
        QCOMPARE(d.count(1), 1);
        const auto h0 = d.inDimension(0);
        QCOMPARE(std::count_if(h0.begin(), h0.end(), [](const PersistenceBar &b) { return b.isInfinite(); }), 1);
        const auto h1 = d.inDimension(1);
        QCOMPARE(h1[0].birth, 1.0);
        QVERIFY(std::abs(h1[0].death - 1.41421) < 1e-9);
    }

    void parsesThresholdedOutput()
    {
        // `--threshold 1.2`: the H1 class is still alive at the threshold.
        const QByteArray out = "value range: [1,1.41421]\n"
                               "sparse distance matrix with 4 points and 4/7 entries\n"
                               "persistence intervals in dim 0:\n"
                               " [0,1)\n [0,1)\n [0,1)\n [0, )\n"
                               "persistence intervals in dim 1:\n"
                               " [1, )\n";
        const PersistenceDiagram d = parseRipserOutput(out, 1);
        QCOMPARE(d.count(1), 1);
        QVERIFY(d.inDimension(1)[0].isInfinite());
        QCOMPARE(d.inDimension(1)[0].birth, 1.0);
    }

    void snapsToMatrixEntries()
    {
        // Ripser prints 6 significant digits; snapping recovers the float entry.
        const std::vector<float> entries{0.0f, 0.556825399f, 0.762659729f};
        const PersistenceDiagram d =
            parseRipserOutput("persistence intervals in dim 0:\n [0, )\npersistence intervals in dim 1:\n"
                              " [0.556825,0.76266)\n",
                              1, &entries);
        QCOMPARE(d.inDimension(1)[0].birth, double(0.556825399f));
        QCOMPARE(d.inDimension(1)[0].death, double(0.762659729f));
    }

    void rejectsGarbage_data()
    {
        QTest::addColumn<QByteArray>("output");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("error text") << QByteArray("input is not a Dipha file (magic number: 8067171840)\n");
        QTest::newRow("bar before header") << QByteArray(" [0,1)\n");
        QTest::newRow("bad number") << QByteArray("persistence intervals in dim 0:\n [0,x)\n");
        QTest::newRow("dim above max") << QByteArray("persistence intervals in dim 5:\n [0,1)\n");
        QTest::newRow("unclosed") << QByteArray("persistence intervals in dim 0:\n [0,1\n");
    }

    void rejectsGarbage()
    {
        QFETCH(QByteArray, output);
        QVERIFY_THROWS_EXCEPTION(RunError, parseRipserOutput(output, 1));
    }

    void diphaHeader()
    {
        FloatMatrix m(2, 2);
        m << 0, 0.5f, 0.5f, 0;
        const QByteArray bytes = toDipha(m);
        QCOMPARE(bytes.size(), 3 * 8 + 4 * 8);
        QCOMPARE(qFromLittleEndian<qint64>(bytes.constData()), 8067171840LL);
        QCOMPARE(qFromLittleEndian<qint64>(bytes.constData() + 8), 7LL);
        QCOMPARE(qFromLittleEndian<qint64>(bytes.constData() + 16), 2LL);
        QCOMPARE(qFromLittleEndian<double>(bytes.constData() + 24 + 8), 0.5);
    }

    void csvRoundTrip()
    {
        PersistenceDiagram d;
        d.maxDim = 1;
        d.bars = {{0, 0, 0.25}, {0, 0, std::numeric_limits<double>::infinity()}, {1, double(0.556825399f), double(0.762659729f)}};
        d.normalise();
        const PersistenceDiagram back = diagramFromCsv(diagramToCsv(d), QStringLiteral("x.csv"));
        QCOMPARE(back.bars.size(), d.bars.size());
        for (size_t i = 0; i < d.bars.size(); ++i)
            QVERIFY(back.bars[i] == d.bars[i]);
    }

    void csvErrorsNameTheLine_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<QString>("expected");
        QTest::newRow("columns") << QByteArray("dim,birth,death\n0,0\n") << QStringLiteral("line 2");
        QTest::newRow("dim") << QByteArray("dim,birth,death\n0,0,1\nx,0,1\n") << QStringLiteral("line 3, dim = x");
        QTest::newRow("birth") << QByteArray("dim,birth,death\n0,-1,1\n") << QStringLiteral("line 2, birth = -1");
        QTest::newRow("order") << QByteArray("dim,birth,death\n1,0.5,0.25\n") << QStringLiteral("line 2");
    }

    void csvErrorsNameTheLine()
    {
        QFETCH(QByteArray, csv);
        QFETCH(QString, expected);
        try {
            diagramFromCsv(csv, QStringLiteral("d.csv"));
            QFAIL("no error");
        } catch (const InputError &e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.startsWith(QStringLiteral("d.csv: ")) && message.contains(expected), qPrintable(message));
        }
    }
};

QTEST_GUILESS_MAIN(TestRipserParser)
#include "tst_ripser_parser.moc"
