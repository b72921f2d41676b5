// The Betti view and the distance heatmap against values worked out by
// hand: Betti numbers read off small diagrams at a scale, the slider and
// the model's scale kept in step, the single-linkage order of a 5 × 5
// matrix whose dendrogram is drawn below, and a matrix with an image's
// pixels as input neurons (labelled by pixel row, or left out).

#include "TestSupport.h"
#include "plots/BettiView.h"
#include "plots/HeatmapView.h"
#include "run/RunModel.h"
#include "experiment/RunFolder.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QImage>
#include <QPixmap>
#include <QSet>
#include <QSlider>
#include <QTemporaryDir>
#include <QtTest>
#include <qcustomplot.h>

using namespace netbetti;
using namespace netbetti::test;

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

/// Three epochs. The largest finite value is 1.0 (epoch 2's H1 death), so
/// the scale range is [0, 1] and slider step k is ε = k / 1000.
///   epoch 0: H0 [0,∞) [0,0.2) [0,0.5) [0,0.7);  H1 [0.3, 0.6)
///   epoch 1: H0 [0,∞) [0,0.1);                  H1 [0.1, 0.4) [0.2, 0.8)
///   epoch 2: H0 [0,∞);                          H1 [0.5, 1.0)
void addThreeEpochs(RunModel &model)
{
    const std::vector<PersistenceDiagram> diagrams = {
        diagramOf({{0, 0.0, inf}, {0, 0.0, 0.2}, {0, 0.0, 0.5}, {0, 0.0, 0.7}, {1, 0.3, 0.6}}),
        diagramOf({{0, 0.0, inf}, {0, 0.0, 0.1}, {1, 0.1, 0.4}, {1, 0.2, 0.8}}),
        diagramOf({{0, 0.0, inf}, {1, 0.5, 1.0}}),
    };
    for (int k = 0; k < 3; ++k) {
        EpochRecord record;
        record.epoch = k;
        record.analysed = true;
        model.addEpoch(record, diagrams[size_t(k)]);
    }
}

/// Colours of the image that are clearly coloured (not white, grey or
/// black text and axes): the heatmap's cells.
int saturatedColours(const QImage &image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            const int spread = std::max({c.red(), c.green(), c.blue()}) - std::min({c.red(), c.green(), c.blue()});
            if (spread > 60)
                colours.insert(c.rgb());
        }
    return int(colours.size());
}

/// A finished run folder of epoch 0 alone: its matrix and diagram.
void writeOneEpochRun(const QString &dir, const ExperimentSpec &spec, const FloatMatrix &d,
                      const PersistenceDiagram &diagram)
{
    const RunFolder folder(dir);
    folder.create(spec, spec.analysedNeurons());
    folder.stageDistance(0, d);
    folder.stageDiagram(0, diagram);
    folder.publishEpoch(0);
    RunRecord record;
    EpochRecord epoch;
    epoch.epoch = 0;
    epoch.analysed = true;
    epoch.neurons = int(d.rows());
    record.epochs.push_back(epoch);
    record.finished = true;
    folder.writeRecord(record);
}

} // namespace

class TestViewsBetti : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void curvesReadTheDiagramsAtTheScale()
    {
        RunModel model;
        BettiView view(&model);
        const ExperimentSpec spec; // max_dim 1
        model.setRun(spec, spec.analysedNeurons(), QString());
        addThreeEpochs(model);
        QCOMPARE(model.scaleRange(), 1.0);

        // ε = 0.35: H1 alive are [0.3,0.6) at 0; [0.1,0.4) and [0.2,0.8) at 1; none at 2.
        model.setScale(0.35);
        QCOMPARE(view.curve(1), (std::vector<int>{1, 2, 0}));
        // H0 at 0.35: epoch 0 keeps [0,∞) [0,0.5) [0,0.7); the others only [0,∞).
        QCOMPARE(view.curve(0), (std::vector<int>{3, 1, 1}));
        // A bar is alive from its birth (included) to its death (excluded).
        model.setScale(0.5);
        QCOMPARE(view.curve(1), (std::vector<int>{1, 1, 1}));
        QCOMPARE(view.curve(0), (std::vector<int>{2, 1, 1}));
        model.setScale(0.05);
        QCOMPARE(view.curve(1), (std::vector<int>{0, 0, 0}));
        model.setScale(0.9);
        QCOMPARE(view.curve(1), (std::vector<int>{0, 0, 1}));
        // max_dim 1: no β₂ curve, and the picture offers β₀ and β₁ only.
        QVERIFY(view.curve(2).empty());
        QCOMPARE(view.surfaceDimensionBox()->count(), 2);
        // The plotted graph holds the same numbers.
        QCPGraph *beta1 = view.curvesPlot()->graph(1);
        QCOMPARE(beta1->dataCount(), 3);
        QCOMPARE(beta1->data()->at(2)->value, 1.0);
    }

    void sliderAndModelScaleMoveTogether()
    {
        RunModel model;
        BettiView view(&model);
        const ExperimentSpec spec;
        model.setRun(spec, spec.analysedNeurons(), QString());
        addThreeEpochs(model);

        // Slider step 250 of 1000 over [0, 1]: ε = 0.25, where H1 alive are
        // none at 0, [0.1,0.4) and [0.2,0.8) at 1, none at 2.
        view.scaleSlider()->setValue(250);
        QCOMPARE(model.scale(), 0.25);
        QCOMPARE(view.curve(1), (std::vector<int>{0, 2, 0}));
        QCOMPARE(view.scaleSpinBox()->value(), 0.25);
        // ε = 0.65: [0.3,0.6) has died; [0.2,0.8) and [0.5,1.0) are alive.
        view.scaleSlider()->setValue(650);
        QCOMPARE(model.scale(), 0.65);
        QCOMPARE(view.curve(1), (std::vector<int>{0, 1, 1}));
        // And the other way: the model moves the slider and the spin box.
        model.setScale(0.42);
        QCOMPARE(view.scaleSlider()->value(), 420);
        QCOMPARE(view.scaleSpinBox()->value(), 0.42);
        QCOMPARE(view.curve(1), (std::vector<int>{1, 1, 0}));
        view.scaleSpinBox()->setValue(0.75);
        QCOMPARE(model.scale(), 0.75);
        QCOMPARE(view.scaleSlider()->value(), 750);
    }

    void surfaceShowsTheChosenBettiNumber()
    {
        RunModel model;
        BettiView view(&model);
        const ExperimentSpec spec;
        model.setRun(spec, spec.analysedNeurons(), QString());
        addThreeEpochs(model);
        auto *map = qobject_cast<QCPColorMap *>(view.surfacePlot()->plottable(0));
        QVERIFY(map);
        QCOMPARE(map->data()->keySize(), 3);   // epochs 0, 1, 2
        QCOMPARE(map->data()->valueSize(), 200); // ε samples
        QCOMPARE(view.surfaceDimensionBox()->currentIndex(), 1);
        // Samples away from every birth and death.
        QCOMPARE(map->data()->data(1, 0.3), 2.0);  // [0.1,0.4) [0.2,0.8)
        QCOMPARE(map->data()->data(0, 0.45), 1.0); // [0.3,0.6)
        QCOMPARE(map->data()->data(2, 0.45), 0.0);
        QCOMPARE(map->data()->data(2, 0.9), 1.0); // [0.5,1.0)
        view.surfaceDimensionBox()->setCurrentIndex(0);
        QCOMPARE(map->data()->data(0, 0.15), 4.0); // no H0 bar has died yet
        QCOMPARE(map->data()->data(0, 0.6), 2.0);  // [0,∞) and [0,0.7)
        QCOMPARE(map->data()->data(1, 0.6), 1.0);
    }

    void heatmapOrdersByLayerAndBySingleLinkage()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString dir = tmp.filePath(QStringLiteral("run"));
        ExperimentSpec spec;
        spec.model.layers = {2, 3, 2};
        const std::vector<NeuronId> neurons = spec.analysedNeurons();
        QCOMPARE(int(neurons.size()), 5); // h1 0..2, out 0..1

        // Neurons 0..4 are h1 0, h1 1, h1 2, out 0, out 1. The minimum
        // spanning tree is 0–3 (0.1), 1–4 (0.2), 2–4 (0.3), 2–3 (0.6).
        // Single linkage merges {0}+{3} -> [0 3], {1}+{4} -> [1 4],
        // [1 4]+{2} -> [1 4 2], then [0 3]+[1 4 2] -> [0 3 1 4 2] (the
        // cluster holding the lower index goes first).
        FloatMatrix d(5, 5);
        d << 0.00f, 0.90f, 0.65f, 0.10f, 0.75f,
             0.90f, 0.00f, 0.45f, 0.90f, 0.20f,
             0.65f, 0.45f, 0.00f, 0.60f, 0.30f,
             0.10f, 0.90f, 0.60f, 0.00f, 0.70f,
             0.75f, 0.20f, 0.30f, 0.70f, 0.00f;
        writeOneEpochRun(dir, spec, d, diagramOf({{0, 0, 0.1}, {0, 0, 0.2}, {0, 0, 0.3}, {0, 0, 0.6}, {0, 0, inf}}));

        RunModel model;
        HeatmapView view(&model);
        view.resize(500, 420);
        model.loadFolder(dir);
        QCOMPARE(view.shownEpoch(), 0);
        QCOMPARE(view.matrixSize(), 5);
        QCOMPARE(view.order(), (std::vector<int>{0, 1, 2, 3, 4}));
        QCOMPARE(view.cellText(0, 3), QStringLiteral("h1 0 — out 0: d = 0.1000"));
        QCOMPARE(view.cellText(2, 4), QStringLiteral("h1 2 — out 1: d = 0.3000"));
        QVERIFY(view.cellText(5, 0).isEmpty());
        // Square cells in a panel wider than high, and in one higher than wide.
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        for (const QSize size : {QSize(700, 360), QSize(360, 640)}) {
            view.resize(size);
            QCoreApplication::processEvents();
            view.plot()->replot();
            const double w = view.plot()->xAxis->coordToPixel(1.0) - view.plot()->xAxis->coordToPixel(0.0);
            const double h = std::abs(view.plot()->yAxis->coordToPixel(1.0) - view.plot()->yAxis->coordToPixel(0.0));
            QVERIFY2(w > 10.0 && std::abs(w - h) < 0.5, qPrintable(QStringLiteral("%1 × %2 px").arg(w).arg(h)));
        }
        view.resize(500, 420);
        // Layer order: the matrix as stored, row 0 = h1 0; two layer
        // separators each way (between h1 and out only: one boundary, two lines).
        auto *map = qobject_cast<QCPColorMap *>(view.plot()->plottable(0));
        QVERIFY(map);
        QCOMPARE(float(map->data()->data(3, 0)), 0.1f); // column out 0, row h1 0
        QCOMPARE(view.plot()->itemCount(), 2);
        QVERIFY(view.plot()->yAxis->rangeReversed());

        view.orderBox()->setCurrentIndex(1);
        QCOMPARE(view.order(), (std::vector<int>{0, 3, 1, 4, 2}));
        // Rows and columns follow the order; no layer separators.
        QCOMPARE(view.cellText(0, 1), QStringLiteral("h1 0 — out 0: d = 0.1000"));
        QCOMPARE(float(map->data()->data(1, 0)), 0.1f);
        QCOMPARE(float(map->data()->data(3, 2)), 0.2f); // h1 1 – out 1
        QCOMPARE(view.plot()->itemCount(), 0);

        QCoreApplication::processEvents();
        const QImage image = view.grab().toImage();
        QVERIFY2(saturatedColours(image) >= 2, "the heatmap drew no coloured cells");
        view.orderBox()->setCurrentIndex(0);
        QCOMPARE(view.order(), (std::vector<int>{0, 1, 2, 3, 4}));
    }

    void singleLinkageKeepsCloseGroupsTogether()
    {
        // Two tight groups {0, 2, 4} and {1, 3} far apart: each group is contiguous.
        FloatMatrix d = FloatMatrix::Constant(5, 5, 0.9f);
        for (int a : {0, 2, 4})
            for (int b : {0, 2, 4})
                d(a, b) = 0.1f;
        d(1, 3) = d(3, 1) = 0.2f;
        d.diagonal().setZero();
        QCOMPARE(singleLinkageOrder(d), (std::vector<int>{0, 2, 4, 1, 3}));
        QVERIFY(singleLinkageOrder(FloatMatrix()).empty());
        QCOMPARE(singleLinkageOrder(FloatMatrix::Zero(1, 1)), std::vector<int>{0});
    }

    void imageInputsByPixelRowOrLeftOut()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("run"));
        ExperimentSpec spec;
        spec.model.layers = {64, 3, 2}; // 8 × 8 pixels
        spec.analysis.neurons = QStringLiteral("all");
        const std::vector<NeuronId> neurons = spec.analysedNeurons();
        QCOMPARE(int(neurons.size()), 69);
        FloatMatrix d(69, 69);
        for (int i = 0; i < 69; ++i)
            for (int j = 0; j < 69; ++j) {
                const double x = 0.618 * (i + 1) * (j + 1);
                d(i, j) = i == j ? 0.0f : float(0.2 + 0.6 * (x - std::floor(x)));
            }
        writeOneEpochRun(dir, spec, d, diagramOf({{0, 0, inf}}));

        RunModel model;
        HeatmapView view(&model);
        view.resize(600, 520);
        model.loadFolder(dir);
        QCOMPARE(view.matrixSize(), 69);
        QVERIFY(view.inputsBox()->isVisibleTo(&view));
        auto ticks = [&view] {
            return qSharedPointerDynamicCast<QCPAxisTickerText>(view.plot()->yAxis->ticker())->ticks();
        };
        // Pixel rows 1, 3, 5, 7 named at their middles (row r spans 8r..8r+7), then the layers.
        const QMap<double, QString> withInputs{{3.5, QStringLiteral("input row 1")}, {19.5, QStringLiteral("row 3")},
                                               {35.5, QStringLiteral("row 5")}, {51.5, QStringLiteral("row 7")},
                                               {65.0, QStringLiteral("layer 1")}, {67.5, QStringLiteral("output")}};
        QCOMPARE(ticks(), withInputs);
        QCOMPARE(view.plot()->itemCount(), 4); // two layer boundaries, each both ways

        view.inputsBox()->setChecked(false);
        QCOMPARE(view.matrixSize(), 5);
        QCOMPARE(view.order(), (std::vector<int>{64, 65, 66, 67, 68}));
        QCOMPARE(view.cellText(0, 3), QStringLiteral("h1 0 — out 0: d = %1").arg(double(d(64, 67)), 0, 'f', 4));
        auto *map = qobject_cast<QCPColorMap *>(view.plot()->plottable(0));
        QCOMPARE(float(map->data()->data(3, 0)), d(64, 67));
        QCOMPARE(map->dataRange().upper, 1.0);
        QCOMPARE(ticks(), (QMap<double, QString>{{1.0, QStringLiteral("layer 1")}, {3.5, QStringLiteral("output")}}));
        QCOMPARE(view.plot()->itemCount(), 2);
        auto *title = qobject_cast<QCPTextElement *>(view.plot()->plotLayout()->element(0, 0));
        QVERIFY(title && title->text().contains(QStringLiteral("5 neurons, 64 inputs left out")));

        view.inputsBox()->setChecked(true);
        QCOMPARE(view.matrixSize(), 69);
        QCOMPARE(ticks(), withInputs);
    }

    void emptyModelDrawsNothing()
    {
        RunModel model;
        BettiView betti(&model);
        HeatmapView heatmap(&model);
        QCOMPARE(heatmap.shownEpoch(), -1);
        QCOMPARE(heatmap.matrixSize(), 0);
        QVERIFY(betti.curve(1).empty());
        QVERIFY(!betti.grab().isNull());
        QVERIFY(!heatmap.grab().isNull());
    }
};

QTEST_MAIN(TestViewsBetti)
#include "tst_views_betti.moc"
