// The experiment spec: defaults filled in, round trip, and every kind of bad
// input named by file, field and value.

#include "Error.h"
#include "experiment/ExperimentSpec.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace netbetti;

class TestSpec : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void emptyObjectGivesTheDefaults()
    {
        const ExperimentSpec s = ExperimentSpec::fromJson("{}", QStringLiteral("s.json"));
        QCOMPARE(s.seed, std::uint64_t(1));
        QCOMPARE(s.dataset.kind, QStringLiteral("ball-in-cube"));
        QCOMPARE(s.dataset.dim, 4);
        QCOMPARE(s.dataset.samples, 2000);
        QCOMPARE(s.dataset.testFraction, 0.5);
        QCOMPARE(s.model.layers, (std::vector<int>{4, 64, 64, 2}));
        QCOMPARE(s.model.activation, QStringLiteral("relu"));
        QCOMPARE(s.training.epochs, 20);
        QCOMPARE(s.training.batchSize, 32);
        QCOMPARE(s.training.optimizer, QStringLiteral("adam"));
        QCOMPARE(s.training.learningRate, 0.001);
        QCOMPARE(s.analysis.neurons, QStringLiteral("hidden+output"));
        QCOMPARE(s.analysis.probe, QStringLiteral("test"));
        QCOMPARE(s.analysis.output, QStringLiteral("softmax"));
        QCOMPARE(s.analysis.metric, QStringLiteral("sqrt-one-minus-abs-correlation"));
        QCOMPARE(s.analysis.maxDim, 1);
        QVERIFY(!s.analysis.threshold);
        QCOMPARE(s.analysis.coefficients, 2);
        QCOMPARE(s.analysis.engine, QStringLiteral("netbetti"));
        QCOMPARE(s.analysis.threads, 0);
        QCOMPARE(s.persistenceSettings().threads, 0);
        QCOMPARE(s.analysedLayers(), (std::vector<int>{1, 2, 3}));
        QCOMPARE(int(s.analysedNeurons().size()), 64 + 64 + 2);
    }

    void planarKindsDefaultToTheirDimension()
    {
        const ExperimentSpec s =
            ExperimentSpec::fromJson(R"({"dataset": {"kind": "moons"}})", QStringLiteral("s.json"));
        QCOMPARE(s.dataset.dim, 2);
        QCOMPARE(s.model.layers.front(), 2);
    }

    void imageKindsDefaultToMnistsShapeAndKeepTheirFiles()
    {
        const ExperimentSpec f =
            ExperimentSpec::fromJson(R"({"dataset": {"kind": "fashion-mnist"}})", QStringLiteral("s.json"));
        QCOMPARE(f.model.layers, (std::vector<int>{784, 64, 64, 10}));
        QVERIFY(!f.toJson().value(QStringLiteral("dataset")).toObject().contains(QStringLiteral("images")));
        const ExperimentSpec i = ExperimentSpec::fromJson(
            R"({"dataset": {"kind": "idx", "images": "a.gz", "labels": "b", "test_images": "c", "test_labels": "d"}})",
            QStringLiteral("s.json"));
        const ExperimentSpec again = ExperimentSpec::fromJson(i.toJsonBytes(), QStringLiteral("t.json"));
        QCOMPARE(again.dataset.images, QStringLiteral("a.gz"));
        QCOMPARE(again.dataset.labels, QStringLiteral("b"));
        QCOMPARE(again.dataset.testImages, QStringLiteral("c"));
        QCOMPARE(again.dataset.testLabels, QStringLiteral("d"));
        QCOMPARE(again.toJson(), i.toJson());
    }

    void neuronSelections()
    {
        auto layersOf = [](const char *neurons) {
            return ExperimentSpec::fromJson(
                       QByteArray(R"({"model": {"layers": [4, 16, 16, 2]}, "analysis": {"neurons": )")
                           + neurons + "}}",
                       QStringLiteral("s.json"))
                .analysedLayers();
        };
        QCOMPARE(layersOf("\"hidden+output\""), (std::vector<int>{1, 2, 3}));
        QCOMPARE(layersOf("\"hidden\""), (std::vector<int>{1, 2}));
        QCOMPARE(layersOf("\"all\""), (std::vector<int>{0, 1, 2, 3}));
        QCOMPARE(layersOf("[2, 0]"), (std::vector<int>{0, 2}));
    }

    void roundTripIsExact()
    {
        const QByteArray json = R"({"name": "x", "seed": 7,
            "dataset": {"kind": "blobs", "dim": 3, "samples": 500, "classes": 4, "noise": 0.25},
            "model": {"layers": [3, 10, 4], "activation": "tanh"},
            "training": {"epochs": 5, "batch_size": 16, "optimizer": "sgd", "learning_rate": 0.1},
            "analysis": {"neurons": [1, 2], "probe": "all", "output": "logits",
                         "metric": "sqrt-one-minus-correlation", "max_dim": 2, "threshold": 0.75,
                         "coefficients": 3, "every": 2}})";
        const ExperimentSpec a = ExperimentSpec::fromJson(json, QStringLiteral("s.json"));
        const ExperimentSpec b = ExperimentSpec::fromJson(a.toJsonBytes(), QStringLiteral("t.json"));
        QCOMPARE(b.toJson(), a.toJson());
        QCOMPARE(b.dataset.classes, 4);
        QCOMPARE(b.analysis.layers, (std::vector<int>{1, 2}));
        QCOMPARE(*b.analysis.threshold, 0.75);
        QCOMPARE(b.analysis.coefficients, 3);
        QVERIFY(b.analysesEpoch(0) && !b.analysesEpoch(1) && b.analysesEpoch(2) && b.analysesEpoch(5));
    }

    void badInputNamesFieldAndValue_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown key") << QByteArray(R"({"trainig": {}})") << QStringLiteral("trainig");
        QTest::newRow("unknown nested key")
            << QByteArray(R"({"training": {"epoch": 3}})") << QStringLiteral("training.epoch = 3: unknown key");
        QTest::newRow("width 0")
            << QByteArray(R"({"model": {"layers": [4, 0, 2]}})") << QStringLiteral("model.layers[1] = 0");
        QTest::newRow("width negative")
            << QByteArray(R"({"model": {"layers": [4, -3, 2]}})") << QStringLiteral("model.layers[1] = -3");
        QTest::newRow("width fraction")
            << QByteArray(R"({"model": {"layers": [4, 2.5, 2]}})") << QStringLiteral("model.layers[1] = 2.5");
        QTest::newRow("one output")
            << QByteArray(R"({"model": {"layers": [4, 8, 1]}})") << QStringLiteral("model.layers[2] = 1");
        QTest::newRow("negative learning rate") << QByteArray(R"({"training": {"learning_rate": -0.1}})")
                                                << QStringLiteral("training.learning_rate = -0.1");
        QTest::newRow("wrong type")
            << QByteArray(R"({"training": {"epochs": "ten"}})") << QStringLiteral("training.epochs = \"ten\"");
        QTest::newRow("bad optimizer")
            << QByteArray(R"({"training": {"optimizer": "lbfgs"}})") << QStringLiteral("training.optimizer");
        QTest::newRow("bad metric")
            << QByteArray(R"({"analysis": {"metric": "euclid"}})") << QStringLiteral("analysis.metric = \"euclid\"");
        QTest::newRow("not prime")
            << QByteArray(R"({"analysis": {"coefficients": 4}})") << QStringLiteral("analysis.coefficients = 4");
        QTest::newRow("threshold")
            << QByteArray(R"({"analysis": {"threshold": -1}})") << QStringLiteral("analysis.threshold = -1");
        QTest::newRow("max dim")
            << QByteArray(R"({"analysis": {"max_dim": 9}})") << QStringLiteral("analysis.max_dim = 9");
        QTest::newRow("layer index")
            << QByteArray(R"({"analysis": {"neurons": [7]}})") << QStringLiteral("analysis.neurons[0] = 7");
        QTest::newRow("dataset kind")
            << QByteArray(R"({"dataset": {"kind": "mnist"}})") << QStringLiteral("dataset.kind = \"mnist\"");
        QTest::newRow("test fraction")
            << QByteArray(R"({"dataset": {"test_fraction": 1}})") << QStringLiteral("dataset.test_fraction = 1");
        QTest::newRow("csv without path")
            << QByteArray(R"({"dataset": {"kind": "csv"}})") << QStringLiteral("dataset.path");
        QTest::newRow("engine")
            << QByteArray(R"({"analysis": {"engine": "gudhi"}})") << QStringLiteral("analysis.engine = \"gudhi\"");
        QTest::newRow("threads")
            << QByteArray(R"({"analysis": {"threads": 0}})") << QStringLiteral("analysis.threads = 0");
        QTest::newRow("prime above the engine's")
            << QByteArray(R"({"analysis": {"coefficients": 101}})") << QStringLiteral("analysis.coefficients = 101");
        QTest::newRow("bad json") << QByteArray("{\"seed\": 1,\n  \"name\": }") << QStringLiteral("line 2: invalid JSON");
        QTest::newRow("not an object") << QByteArray("[1, 2]") << QStringLiteral("JSON object");
        QTest::newRow("section not object")
            << QByteArray(R"({"model": 3})") << QStringLiteral("model = 3: expected an object");
    }

    void badInputNamesFieldAndValue()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        try {
            ExperimentSpec::fromJson(json, QStringLiteral("bad.json"));
            QFAIL("accepted");
        } catch (const InputError &e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.startsWith(QStringLiteral("bad.json: ")), e.what());
            QVERIFY2(message.contains(expected), e.what());
        }
    }

    void engineAndThreadsAreRead()
    {
        const ExperimentSpec s = ExperimentSpec::fromJson(
            R"({"analysis": {"engine": "ripser", "threads": 3, "coefficients": 101}})", QStringLiteral("s.json"));
        QCOMPARE(s.analysis.engine, QStringLiteral("ripser")); // ripser-coeff takes primes above 97
        QCOMPARE(s.persistenceSettings().threads, 3);
        const ExperimentSpec back = ExperimentSpec::fromJson(s.toJsonBytes(), QStringLiteral("back.json"));
        QCOMPARE(back.analysis.engine, QStringLiteral("ripser"));
        QCOMPARE(back.analysis.threads, 3);
        QVERIFY(ExperimentSpec{}.toJson()[QStringLiteral("analysis")].toObject()[QStringLiteral("threads")].isNull());
    }

    void missingFileIsNamed()
    {
        try {
            ExperimentSpec::fromFile(QStringLiteral("/nonexistent/spec.json"));
            QFAIL("accepted");
        } catch (const InputError &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("/nonexistent/spec.json")), e.what());
        }
    }

    void datasetMustFitTheNetwork()
    {
        const ExperimentSpec s = ExperimentSpec::fromJson(R"({"model": {"layers": [3, 8, 2]}})", QStringLiteral("s.json"));
        Dataset d;
        d.dim = 4;
        d.classes = 2;
        try {
            s.validateAgainst(d, QStringLiteral("s.json"));
            QFAIL("accepted");
        } catch (const InputError &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("model.layers[0] = 3")), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestSpec)
#include "tst_spec.moc"
