// Figures for talks with many runs: the Betti figure of a run with six
// overlaid runs, drawn in every preset by a figure panel. Its legend must be
// legible: every entry whole (no clipping), inside the page, clear of the
// other entries, of the title and of the axes with their tick labels; its
// type the preset's size; the scale ε printed in the title.

#include "RunFixtures.h"
#include "TestSupport.h"
#include "figures/RunFigures.h"

#include <QTemporaryDir>
#include <QtTest>
#include <qcustomplot.h>

using namespace netbetti;
using namespace netbetti::test;

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

QString rectText(const QRect &r)
{
    return QStringLiteral("(%1, %2, %3 × %4)").arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height());
}

} // namespace

class TestFigureLegend : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    FigureState m_state;
    RunModel m_model;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto diagrams = [](double shift) {
            return std::vector<PersistenceDiagram>{
                diagramOf({{0, 0, inf}, {0, 0, 0.3}, {1, 0.2 + shift, 0.7}, {2, 0.5, 0.6 + shift}}, std::nullopt, 2),
                diagramOf({{0, 0, inf}, {1, 0.3, 0.8 - shift}, {1, 0.4, 0.9}, {2, 0.55, 0.7}}, std::nullopt, 2),
                diagramOf({{0, 0, inf}, {1, 0.1, 0.6 + shift}}, std::nullopt, 2)};
        };
        auto withDim2 = [](std::function<void(ExperimentSpec &)> more) {
            return [more](ExperimentSpec &s) {
                s.name = QStringLiteral("base");
                s.analysis.maxDim = 2;
                if (more)
                    more(s);
            };
        };
        m_model.loadFolder(writeRun(m_dir.filePath(QStringLiteral("base")), {4, 64, 64, 2}, diagrams(0.0), withDim2({})));
        m_model.setScale(0.5);
        m_state = FigureState::of(m_model);
        // Six runs that differ from it in architecture and metric, as a talk
        // comparing nets and metrics would have them: "4-1024×2-2, signed".
        const auto signedMetric = [](ExperimentSpec &s) { s.analysis.metric = QStringLiteral("sqrt-one-minus-correlation"); };
        const std::vector<std::pair<std::vector<int>, std::function<void(ExperimentSpec &)>>> runs{
            {{4, 128, 128, 2}, {}},           {{4, 128, 128, 2}, signedMetric},
            {{4, 128, 128, 128, 2}, {}},      {{4, 512, 512, 2}, signedMetric},
            {{4, 1024, 1024, 2}, {}},         {{4, 1024, 1024, 2}, signedMetric},
        };
        for (size_t i = 0; i < runs.size(); ++i) {
            const QString dir = writeRun(m_dir.filePath(QStringLiteral("overlay-%1").arg(i)), runs[i].first,
                                         diagrams(0.02 * double(i + 1)), withDim2(runs[i].second));
            m_state.betti.overlays.push_back({dir, std::make_shared<const RunData>(RunData::read(RunFolder(dir)))});
        }
    }

    void legendIsLegibleInEveryPreset_data()
    {
        QTest::addColumn<QString>("preset");
        for (const FigurePreset &p : figurePresets())
            QTest::newRow(qPrintable(p.id)) << p.id;
    }

    void legendIsLegibleInEveryPreset()
    {
        QFETCH(QString, preset);
        const FigurePreset p = figurePreset(preset);
        const FigurePanel panel(m_state, QStringLiteral("betti"), p);
        QCustomPlot *plot = panel.plot();
        // Drawn as the file is; the layout keeps the page's rectangles after.
        const QImage image = renderPlot(plot, p, 100);
        QVERIFY(!image.isNull());
        image.save(QDir::temp().filePath(QStringLiteral("netbetti-figure-legend-%1.png").arg(preset))); // to look at
        const QRect page(QPoint(0, 0), figureLayoutSize(p));

        QList<QCPAbstractLegendItem *> items;
        for (int i = 0; i < plot->legend->itemCount(); ++i)
            if (QCPAbstractLegendItem *item = plot->legend->item(i))
                items << item;
        // β₀ β₁ β₂ of the run, one entry per overlaid run, the key to the overlays' styles.
        QCOMPARE(items.size(), 3 + 6 + 1);

        const QRect axes = plot->axisRect()->outerRect(); // the axes with their tick labels and titles
        QCPTextElement *title = nullptr;
        for (QCPLayoutElement *e : plot->plotLayout()->elements(true))
            if (auto *t = qobject_cast<QCPTextElement *>(e); t && t->text().contains(QStringLiteral("Betti numbers")))
                title = t;
        QVERIFY(title);
        for (int i = 0; i < items.size(); ++i) {
            const QRect r = items[i]->outerRect();
            const QString name = qobject_cast<QCPPlottableLegendItem *>(items[i])->plottable()->name();
            QVERIFY2(page.contains(r), qPrintable(name + QStringLiteral(" off the page: ") + rectText(r)));
            const QSize needed = items[i]->minimumOuterSizeHint();
            QVERIFY2(r.width() >= needed.width() && r.height() >= needed.height(),
                     qPrintable(name + QStringLiteral(" clipped: ") + rectText(r) + QStringLiteral(" needs %1 × %2, legend ").arg(needed.width()).arg(needed.height()) + rectText(plot->legend->outerRect()) + QStringLiteral(" wrap %1").arg(plot->legend->wrap())));
            QVERIFY2(!r.intersects(axes), qPrintable(name + QStringLiteral(" over the axes ") + rectText(axes)));
            QVERIFY2(!r.intersects(title->outerRect()), qPrintable(name + QStringLiteral(" over the title")));
            for (int j = 0; j < i; ++j)
                QVERIFY2(!r.intersects(items[j]->outerRect()), qPrintable(name + QStringLiteral(" over another entry")));
            // The preset's type size on the page.
            QCOMPARE(items[i]->font().pointSizeF() * p.pointsPerUnit, p.fontPoints);
        }
        // The axes keep room to be read: at least a third of the page's height.
        QVERIFY2(plot->axisRect()->rect().height() > page.height() / 3, qPrintable(rectText(plot->axisRect()->rect())));
        // The scale printed, whole.
        // The scale printed, whole: the title is shortened at its end, after it.
        const QString scale = QStringLiteral("Betti numbers at ε = 0.5");
        QVERIFY2(title->text().startsWith(scale), qPrintable(title->text()));
        QVERIFY(QFontMetrics(title->font()).horizontalAdvance(scale + QStringLiteral(" …")) <= title->rect().width());
        QVERIFY(page.contains(title->outerRect()));
    }

    void longTitlesWrapRatherThanLoseLetters()
    {
        // A run whose name is wider than a paper column: the title keeps all
        // its words, on two lines that each fit the page.
        RunModel model;
        model.loadFolder(writeRun(m_dir.filePath(QStringLiteral("long")), {4, 128, 128, 2},
                                  {diagramOf({{0, 0, inf}, {0, 0, 0.3}, {1, 0.2, 0.7}})}, [](ExperimentSpec &s) {
                                      s.name = QStringLiteral("D4 ball in cube, 4-128-128-2, Z/3");
                                  }));
        model.setScale(0.5);
        const FigureState state = FigureState::of(model);
        const FigurePreset p = figurePreset(QStringLiteral("column"));
        for (const QString &figure : {QStringLiteral("barcode"), QStringLiteral("diagram")}) {
            const FigurePanel panel(state, figure, p);
            QCustomPlot *plot = panel.plot();
            renderPlot(plot, p, 100);
            auto *title = qobject_cast<QCPTextElement *>(plot->plotLayout()->element(0, 0));
            QVERIFY2(title, qPrintable(figure));
            const QStringList lines = title->text().split(QLatin1Char('\n'));
            QVERIFY2(lines.size() == 2, qPrintable(figure + QStringLiteral(": ") + title->text()));
            QVERIFY2(lines.join(QLatin1Char(' ')).contains(QStringLiteral("D4 ball in cube, 4-128-128-2, Z/3")),
                     qPrintable(title->text()));
            for (const QString &line : lines)
                QVERIFY2(QFontMetrics(title->font()).horizontalAdvance(line) <= title->rect().width(),
                         qPrintable(figure + QStringLiteral(": \"") + line + QStringLiteral("\" is wider than the page")));
        }
    }
};

QTEST_MAIN(TestFigureLegend)
#include "tst_figure_legend.moc"
