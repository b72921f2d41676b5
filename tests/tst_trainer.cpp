// Training and probing with the real LibTorch: seeded reproducibility,
// learning, and probes that hold what each layer computes.

#include "Error.h"
#include "data/Dataset.h"
#include "train/Trainer.h"

#include <QtTest>

using namespace netbetti;

namespace {

Dataset moons()
{
    DatasetSpec spec;
    spec.kind = QStringLiteral("moons");
    spec.dim = 2;
    spec.samples = 600;
    spec.noise = 0.1;
    return makeDataset(spec, 3);
}

ModelSpec net(std::vector<int> layers)
{
    ModelSpec m;
    m.layers = std::move(layers);
    return m;
}

} // namespace

class TestTrainer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { Trainer::setThreads(1); }

    void sameSeedSameRun()
    {
        const Dataset data = moons();
        TrainingSpec t;
        ProbeSettings probe;
        probe.layers = {1, 2, 3};
        Trainer a(net({2, 16, 16, 2}), t, data, 5), b(net({2, 16, 16, 2}), t, data, 5), c(net({2, 16, 16, 2}), t, data, 6);
        for (int epoch = 0; epoch < 3; ++epoch) {
            const EpochStats sa = a.trainEpoch(), sb = b.trainEpoch(), sc = c.trainEpoch();
            QCOMPARE(sa.loss, sb.loss);
            QCOMPARE(sa.testAccuracy, sb.testAccuracy);
            QVERIFY(sa.loss != sc.loss);
        }
        QVERIFY(a.probe(probe) == b.probe(probe));
        QVERIFY(a.probe(probe) != c.probe(probe));
        QCOMPARE(a.epochsDone(), 3);
    }

    void restoredStateContinuesExactly_data()
    {
        QTest::addColumn<QString>("optimizer");
        QTest::newRow("adam") << QStringLiteral("adam"); // moments and step counts restored too
        QTest::newRow("sgd") << QStringLiteral("sgd");
    }

    void restoredStateContinuesExactly()
    {
        // Trained 2 epochs and saved; a new trainer of the same spec, still at
        // its initial weights, restored from that state trains epochs 3 and 4
        // exactly as the first one does.
        QFETCH(QString, optimizer);
        const Dataset data = moons();
        TrainingSpec t;
        t.optimizer = optimizer;
        ProbeSettings probe;
        probe.layers = {1, 2, 3};
        Trainer first(net({2, 16, 16, 2}), t, data, 5), second(net({2, 16, 16, 2}), t, data, 5);
        first.trainEpoch();
        first.trainEpoch();
        QVERIFY(first.probe(probe) != second.probe(probe));
        second.restoreState(first.saveState(), 2, QStringLiteral("state"));
        QCOMPARE(second.epochsDone(), 2);
        QVERIFY(first.probe(probe) == second.probe(probe));
        for (int epoch = 3; epoch <= 4; ++epoch) {
            const EpochStats a = first.trainEpoch(), b = second.trainEpoch();
            QCOMPARE(a.loss, b.loss);
            QCOMPARE(a.trainAccuracy, b.trainAccuracy);
        }
        QVERIFY(first.probe(probe) == second.probe(probe));
    }

    void foreignStateIsRefused()
    {
        const Dataset data = moons();
        Trainer small(net({2, 8, 2}), {}, data, 5), wide(net({2, 16, 16, 2}), {}, data, 5);
        const TrainerState state = small.saveState();
        QVERIFY_THROWS_EXCEPTION(InputError, wide.restoreState(state, 1, QStringLiteral("model.pt")));
        try {
            wide.restoreState({QByteArray("not a zip"), state.optimizer}, 1, QStringLiteral("model.pt"));
            QFAIL("garbage accepted");
        } catch (const InputError &e) {
            QVERIFY2(QString::fromUtf8(e.what()).startsWith(QStringLiteral("model.pt: not a saved state")), e.what());
            QVERIFY(!QString::fromUtf8(e.what()).contains(QLatin1Char('\n')));
        }
    }

    void learnsTheMoons()
    {
        const Dataset data = moons();
        TrainingSpec t;
        t.learningRate = 0.01;
        Trainer trainer(net({2, 32, 32, 2}), t, data, 1);
        const EpochStats before = trainer.evaluate();
        EpochStats after;
        for (int epoch = 0; epoch < 30; ++epoch)
            after = trainer.trainEpoch();
        QVERIFY2(after.loss < 0.5 * before.loss,
                 qPrintable(QStringLiteral("loss %1 -> %2").arg(before.loss).arg(after.loss)));
        QVERIFY2(after.testAccuracy > 0.9, qPrintable(QString::number(after.testAccuracy)));
    }

    void probeHoldsEachLayer()
    {
        const Dataset data = moons();
        Trainer trainer(net({2, 8, 5, 2}), TrainingSpec{}, data, 2);
        trainer.trainEpoch();
        ProbeSettings probe;
        probe.layers = {0, 1, 2, 3};
        const ActivationMatrix a = trainer.probe(probe);
        QCOMPARE(a.rows(), data.testX.rows());
        QCOMPARE(a.cols(), Eigen::Index(2 + 8 + 5 + 2));
        // Layer 0 is the input itself.
        QVERIFY(a.leftCols(2) == data.testX);
        // Hidden layers are after their ReLU.
        QVERIFY(a.middleCols(2, 13).minCoeff() >= 0.0f);
        // Softmax outputs are probabilities summing to 1.
        const Eigen::VectorXf sums = a.rightCols(2).rowwise().sum();
        QVERIFY((sums.array() - 1.0f).abs().maxCoeff() < 1e-5f);
        // Logits are not constrained that way, and the probe set can be the training set.
        probe.layers = {3};
        probe.output = OutputValues::Logits;
        probe.probe = ProbeSet::Train;
        const ActivationMatrix logits = trainer.probe(probe);
        QCOMPARE(logits.rows(), data.trainX.rows());
        QVERIFY((logits.rowwise().sum().array() - 1.0f).abs().maxCoeff() > 1e-3f);
        probe.probe = ProbeSet::All;
        QCOMPARE(trainer.probe(probe).rows(), data.trainX.rows() + data.testX.rows());
    }

    void cancelStopsBetweenBatches()
    {
        const Dataset data = moons();
        Trainer trainer(net({2, 8, 2}), TrainingSpec{}, data, 2);
        std::atomic_bool cancel{true};
        QVERIFY_THROWS_EXCEPTION(std::exception, trainer.trainEpoch(&cancel));
        QCOMPARE(trainer.epochsDone(), 0);
    }
};

QTEST_GUILESS_MAIN(TestTrainer)
#include "tst_trainer.moc"
