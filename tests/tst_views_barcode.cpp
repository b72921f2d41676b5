// The barcode and the persistence diagram against small diagrams worked out
// by hand: which bars are drawn (not the zero-length ones), that the views
// follow the model's epoch, what the hover text says, and that the bars
// really reach the screen in their dimension's colour.

#include "TestSupport.h"
#include "plots/BarcodeView.h"
#include "plots/DiagramView.h"
#include "plots/PlotStyle.h"
#include "run/RunModel.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QImage>
#include <QPixmap>
#include <QSet>
#include <QtTest>
#include <qcustomplot.h>

using namespace netbetti;
using namespace netbetti::test;

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

void addEpoch(RunModel &model, int epoch, const PersistenceDiagram &diagram)
{
    EpochRecord record;
    record.epoch = epoch;
    record.analysed = true;
    model.addEpoch(record, diagram);
}

/// Epoch 0: H0 [0,0) [0,0) [0,0.3) [0,0.6) [0,∞); H1 [0.35,0.5) [0.4,0.8) [0.45,0.55).
/// Epoch 1: H0 [0,0) [0,0.2) [0,∞); no H1.
/// The largest finite value is 0.8, so both views' axes end at 0.84.
const PersistenceDiagram &epoch0()
{
    static const PersistenceDiagram d = diagramOf({{0, 0.0, 0.0}, {0, 0.0, 0.0}, {0, 0.0, 0.3}, {0, 0.0, 0.6}, {0, 0.0, inf},
                                                   {1, 0.35, 0.5}, {1, 0.4, 0.8}, {1, 0.45, 0.55}});
    return d;
}
const PersistenceDiagram &epoch1()
{
    static const PersistenceDiagram d = diagramOf({{0, 0.0, 0.0}, {0, 0.0, 0.2}, {0, 0.0, inf}});
    return d;
}

/// The widget as it appears on screen at 900 × 500, after a full replot.
QImage render(QWidget &view, QCustomPlot *plot)
{
    view.resize(900, 500);
    view.grab();   // delivers the pending resize: the plot takes its size
    plot->replot(); // draws at that size now rather than on the event loop
    return view.grab().toImage();
}

/// Pixels of a colour's hue (give or take 8°), clearly coloured, outside the
/// rectangle `skip`. Hue, not exact RGB: anti-aliased edges and translucent
/// points mix the colour with the white background, which keeps its hue.
int pixelsOf(const QImage &image, const QColor &color, const QRect &skip = QRect())
{
    int n = 0;
    const int hue = color.hsvHue();
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            if (skip.contains(x, y))
                continue;
            const QColor c = image.pixelColor(x, y);
            const int distance = std::abs(c.hsvHue() - hue);
            n += c.hsvSaturation() > 100 && c.value() > 60 && std::min(distance, 360 - distance) <= 8;
        }
    return n;
}

/// Every distinct hover text down one column of the plot.
QSet<QString> textsDownColumn(const std::function<QString(const QPointF &)> &describe, double x, int height)
{
    QSet<QString> texts;
    for (int y = 0; y < height; ++y) {
        const QString text = describe(QPointF(x, y));
        if (!text.isEmpty())
            texts.insert(text);
    }
    return texts;
}

bool hasStraightLineAt(QCustomPlot *plot, double x)
{
    for (int i = 0; i < plot->itemCount(); ++i)
        if (auto *line = qobject_cast<QCPItemStraightLine *>(plot->item(i)))
            if (line->visible() && line->point1->coords().x() == x && line->point2->coords().x() == x)
                return true;
    return false;
}

} // namespace

class TestViewsBarcode : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void viewsFollowTheModelsEpoch()
    {
        RunModel model;
        BarcodeView barcode(&model);
        DiagramView diagram(&model);
        QCOMPARE(barcode.shownEpoch(), -1);
        QCOMPARE(diagram.shownEpoch(), -1);
        model.setRun(ExperimentSpec{}, {}, QString());

        addEpoch(model, 0, epoch0());
        QCOMPARE(barcode.shownEpoch(), 0);
        QCOMPARE(barcode.shownBarCount(0), 3); // the two of length zero are left out
        QCOMPARE(barcode.shownBarCount(1), 3);
        QCOMPARE(barcode.shownBarCount(2), 0);
        QCOMPARE(diagram.shownEpoch(), 0);
        QCOMPARE(diagram.shownPointCount(0), 3);
        QCOMPARE(diagram.shownPointCount(1), 3);
        QCOMPARE(model.scaleRange(), 0.8);

        addEpoch(model, 1, epoch1()); // the model follows the newest epoch
        QCOMPARE(barcode.shownEpoch(), 1);
        QCOMPARE(barcode.shownBarCount(0), 2);
        QCOMPARE(barcode.shownBarCount(1), 0);
        QCOMPARE(diagram.shownEpoch(), 1);
        QCOMPARE(diagram.shownPointCount(0), 2);
        QCOMPARE(diagram.shownPointCount(1), 0);

        model.setCurrentEpoch(0);
        QCOMPARE(barcode.shownEpoch(), 0);
        QCOMPARE(barcode.shownBarCount(0), 3);
        QCOMPARE(barcode.shownBarCount(1), 3);
        QCOMPARE(diagram.shownEpoch(), 0);
        QCOMPARE(diagram.shownPointCount(1), 3);

        // One ε axis for every epoch: [0, 1.05 × 0.8].
        for (QCPAxis *axis : {barcode.plot()->xAxis, diagram.plot()->xAxis, diagram.plot()->yAxis}) {
            QCOMPARE(axis->range().lower, 0.0);
            QVERIFY(qFuzzyCompare(axis->range().upper, 0.84));
        }
        model.setCurrentEpoch(1);
        QVERIFY(qFuzzyCompare(barcode.plot()->xAxis->range().upper, 0.84));
        QVERIFY(qFuzzyCompare(diagram.plot()->yAxis->range().upper, 0.84));

        model.clear();
        QCOMPARE(barcode.shownEpoch(), -1);
        QCOMPARE(diagram.shownEpoch(), -1);
        for (int dim = 0; dim <= 2; ++dim) {
            QCOMPARE(barcode.shownBarCount(dim), 0);
            QCOMPARE(diagram.shownPointCount(dim), 0);
        }
    }

    void barsReachTheScreenInTheirColour()
    {
        RunModel model;
        BarcodeView view(&model);
        model.setRun(ExperimentSpec{}, {}, QString());
        addEpoch(model, 0, epoch0());
        addEpoch(model, 1, epoch1());
        const QColor h0 = style::dimensionColor(0), h1 = style::dimensionColor(1);

        model.setCurrentEpoch(0);
        QImage image = render(view, view.plot());
        QVERIFY(pixelsOf(image, h1) > 100); // three H1 bars, several pixels thick
        QVERIFY(pixelsOf(image, h0) > 100);

        model.setCurrentEpoch(1); // no H1 bar at all
        image = render(view, view.plot());
        QCOMPARE(pixelsOf(image, h1), 0);
        QVERIFY(pixelsOf(image, h0) > 100);
    }

    void diagramPointsReachTheScreenInTheirColour()
    {
        RunModel model;
        DiagramView view(&model);
        model.setRun(ExperimentSpec{}, {}, QString());
        addEpoch(model, 0, epoch0());
        addEpoch(model, 1, epoch1());
        const QColor h1 = style::dimensionColor(1);
        // The legend shows every dimension's colour: look outside it.
        auto legendRect = [&] { return view.plot()->legend->outerRect().adjusted(-2, -2, 2, 2); };

        model.setCurrentEpoch(0);
        QImage image = render(view, view.plot());
        QVERIFY(pixelsOf(image, h1, legendRect()) > 10);
        model.setCurrentEpoch(1);
        image = render(view, view.plot());
        QCOMPARE(pixelsOf(image, h1, legendRect()), 0);
        QVERIFY(pixelsOf(image, h1) > 0); // the legend's H₁ icon
    }

    void hoverTextsNameTheBars()
    {
        RunModel model;
        BarcodeView barcode(&model);
        DiagramView diagram(&model);
        model.setRun(ExperimentSpec{}, {}, QString());
        addEpoch(model, 0, epoch0());
        render(barcode, barcode.plot());
        render(diagram, diagram.plot());

        // Down the column at ε = 0.7 the bars alive are H0 [0,∞) and H1 [0.4,0.8).
        QCustomPlot *plot = barcode.plot();
        const QSet<QString> texts = textsDownColumn([&](const QPointF &p) { return barcode.describeAt(p); },
                                                    plot->xAxis->coordToPixel(0.7), plot->height());
        QCOMPARE(texts, (QSet<QString>{QStringLiteral("H₀ bar: birth 0.0000, never dies"),
                                       QStringLiteral("H₁ bar: birth 0.4000, death 0.8000, persistence 0.4000")}));
        // Left of every birth of H1, at ε = 0.3 ± 3 px only H0 bars are met.
        const QSet<QString> early = textsDownColumn([&](const QPointF &p) { return barcode.describeAt(p); },
                                                    plot->xAxis->coordToPixel(0.2), plot->height());
        QCOMPARE(early, (QSet<QString>{QStringLiteral("H₀ bar: birth 0.0000, death 0.3000, persistence 0.3000"),
                                       QStringLiteral("H₀ bar: birth 0.0000, death 0.6000, persistence 0.6000"),
                                       QStringLiteral("H₀ bar: birth 0.0000, never dies")}));

        QCustomPlot *dplot = diagram.plot();
        const QPointF h1Point(dplot->xAxis->coordToPixel(0.4), dplot->yAxis->coordToPixel(0.8));
        QCOMPARE(diagram.describeAt(h1Point + QPointF(2, -2)),
                 QStringLiteral("H₁: birth 0.4000, death 0.8000, persistence 0.4000"));
        // The class that never dies sits on the top edge.
        const QPointF infinite(dplot->xAxis->coordToPixel(0.0), dplot->yAxis->coordToPixel(dplot->yAxis->range().upper));
        QCOMPARE(diagram.describeAt(infinite), QStringLiteral("H₀: birth 0.0000, never dies"));
        QCOMPARE(diagram.describeAt(QPointF(dplot->xAxis->coordToPixel(0.7), dplot->yAxis->coordToPixel(0.1))), QString());
    }

    void constantNeuronsFoldIntoOneBarAndShortBarsHide()
    {
        // Five neurons, three of them constant (dead): each of those is an
        // H0 bar [0, 1). The others: H0 [0, 0.1) and [0, ∞); H1 [0.4, 0.45), [0.3, 0.8).
        RunModel model;
        BarcodeView view(&model);
        view.resize(600, 400);
        ExperimentSpec spec;
        model.setRun(spec, spec.analysedNeurons(), QString());
        EpochRecord record;
        record.epoch = 0;
        record.analysed = true;
        record.neurons = 5;
        record.constantNeurons = 3;
        model.addEpoch(record, diagramOf({{0, 0, 1.0}, {0, 0, 1.0}, {0, 0, 1.0}, {0, 0, 0.1}, {0, 0, inf},
                                          {1, 0.4, 0.45}, {1, 0.3, 0.8}}));
        QCOMPARE(view.shownEpoch(), 0);
        QCOMPARE(view.foldedBarCount(), 3);
        QCOMPARE(view.shownBarCount(0), 2); // [0, 0.1) and [0, ∞)
        QCOMPARE(view.shownBarCount(1), 2);
        auto ticks = [&view] {
            return qSharedPointerCast<QCPAxisTickerText>(view.plot()->yAxis->ticker())->ticks().values();
        };
        QVERIFY2(ticks().contains(QStringLiteral("3 constant")), qPrintable(ticks().join(QLatin1Char('|'))));
        // Hovering the folded bar says what it stands for.
        view.plot()->replot();
        bool named = false;
        for (int y = 0; y < view.plot()->height() && !named; ++y)
            named = view.describeAt(QPointF(view.plot()->xAxis->coordToPixel(0.5), y))
                        .contains(QStringLiteral("3 constant neurons, each a bar [0, 1)"));
        QVERIFY(named);

        // Unfolded: the three are bars among the others.
        view.foldBox()->setChecked(false);
        QCOMPARE(view.foldedBarCount(), 0);
        QCOMPARE(view.shownBarCount(0), 5);
        QVERIFY(!ticks().contains(QStringLiteral("3 constant")));

        // Bars shorter than 0.2 left out, and counted under the plot: H0
        // [0, 0.1) and H1 [0.4, 0.45); the bar that never dies stays.
        view.minPersistenceBox()->setValue(0.2);
        QCOMPARE(view.shownBarCount(0), 4);
        QCOMPARE(view.shownBarCount(1), 1);
        auto *note = qobject_cast<QCPTextElement *>(view.plot()->plotLayout()->element(2, 0));
        QVERIFY(note);
        QVERIFY2(note->text().contains(QStringLiteral("shorter than 0.2 not drawn: 1 H₀, 1 H₁")), qPrintable(note->text()));
        // The options are the panel's state: a fresh view given them shows the same.
        RunModel other;
        other.setState(model.state());
        BarcodeView fresh(&other);
        fresh.setOptions(view.options());
        QCOMPARE(fresh.shownBarCount(0), 4);
        QCOMPARE(fresh.foldedBarCount(), 0);
    }

    void thresholdAndScaleAreMarked()
    {
        RunModel model;
        BarcodeView barcode(&model);
        DiagramView diagram(&model);
        ExperimentSpec spec;
        spec.analysis.threshold = 0.5; // the axes then reach 1.05 × 0.5
        model.setRun(spec, {}, QString());
        // Cut at 0.5: the H0 class and the H1 class [0.45, ·) are alive there.
        addEpoch(model, 0, diagramOf({{0, 0.0, 0.2}, {0, 0.0, inf}, {1, 0.45, inf}}, 0.5));
        render(barcode, barcode.plot());
        render(diagram, diagram.plot());
        QVERIFY(hasStraightLineAt(barcode.plot(), 0.5)); // the threshold
        QCustomPlot *plot = barcode.plot();
        const QSet<QString> texts = textsDownColumn([&](const QPointF &p) { return barcode.describeAt(p); },
                                                    plot->xAxis->coordToPixel(0.47), plot->height());
        QCOMPARE(texts, (QSet<QString>{QStringLiteral("H₀ bar: birth 0.0000, alive at threshold"),
                                       QStringLiteral("H₁ bar: birth 0.4500, alive at threshold")}));
        // Bars alive at the threshold end there, not at the axis' end.
        QVERIFY(textsDownColumn([&](const QPointF &p) { return barcode.describeAt(p); },
                                plot->xAxis->coordToPixel(0.515), plot->height())
                    .isEmpty());
        QCustomPlot *dplot = diagram.plot();
        QCOMPARE(diagram.describeAt(QPointF(dplot->xAxis->coordToPixel(0.45), dplot->yAxis->coordToPixel(dplot->yAxis->range().upper))),
                 QStringLiteral("H₁: birth 0.4500, alive at threshold"));

        // The chosen ε is a vertical line that moves with the model.
        model.setScale(0.125);
        QVERIFY(hasStraightLineAt(barcode.plot(), 0.125));
        model.setScale(0.375);
        QVERIFY(hasStraightLineAt(barcode.plot(), 0.375));
        QVERIFY(!hasStraightLineAt(barcode.plot(), 0.125));
    }
};

QTEST_MAIN(TestViewsBarcode)
#include "tst_views_barcode.moc"
