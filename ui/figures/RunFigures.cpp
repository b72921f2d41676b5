#include "figures/RunFigures.h"

#include "Error.h"
#include "plots/DiagramView.h"
#include "plots/RunDistancesView.h"
#include "plots/RunMatrixView.h"
#include "plots/TrainingView.h"
#include "plots/TracksView.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QWidget>
#include <qcustomplot.h>

namespace netbetti {

FigureState FigureState::of(const RunModel &model)
{
    FigureState state;
    state.run = model.state();
    return state;
}

FigurePanel::FigurePanel(const FigureState &state, const QString &figure, const FigurePreset &preset,
                         const QString &field)
{
    m_model.setState(state.run);
    const QString f = figure.toLower();
    if (f == QLatin1String("barcode")) {
        auto *view = new BarcodeView(&m_model);
        view->setOptions(state.barcode);
        m_plot = view->plot();
        m_panel.reset(view);
    } else if (f == QLatin1String("diagram")) {
        auto *view = new DiagramView(&m_model);
        m_plot = view->plot();
        m_panel.reset(view);
    } else if (f == QLatin1String("betti") || f == QLatin1String("surface")) {
        auto *view = new BettiView(&m_model);
        view->setOptions(state.betti);
        m_plot = f == QLatin1String("betti") ? view->curvesPlot() : view->surfacePlot();
        m_panel.reset(view);
    } else if (f == QLatin1String("heatmap")) {
        auto *view = new HeatmapView(&m_model);
        view->setOptions(state.heatmap);
        m_plot = view->plot();
        m_panel.reset(view);
    } else if (f == QLatin1String("loss")) {
        auto *view = new TrainingView(&m_model);
        m_plot = view->plot();
        m_panel.reset(view);
    } else if (f == QLatin1String("continuity")) {
        auto *view = new ContinuityView(&m_model);
        view->setOptions(state.continuity);
        m_plot = view->plot();
        m_panel.reset(view);
    } else if (f == QLatin1String("tracks")) {
        auto *view = new TracksView(&m_model);
        view->setOptions(state.tracks);
        m_plot = view->plot();
        m_panel.reset(view);
    } else if (f == QLatin1String("run-distances")) {
        auto *view = new RunDistancesView;
        view->setState(state.comparison);
        m_plot = view->plot();
        m_panel.reset(view);
    } else if (f == QLatin1String("run-matrix")) {
        auto *view = new RunMatrixView;
        view->setState(state.comparison);
        m_plot = view->plot();
        m_panel.reset(view);
    } else {
        throw InputError({}, field, figure,
                         QStringLiteral("expected one of %1")
                             .arg((figureNames() + comparisonFigureNames()).join(QStringLiteral(", "))));
    }
    applyPrintLook(m_plot, preset);
}

FigurePanel::~FigurePanel() = default;

QImage renderFigure(const FigureState &state, const QString &figure, const FigurePreset &preset, int dpi)
{
    const FigurePanel panel(state, figure, preset);
    return renderPlot(panel.plot(), preset, dpi);
}

void writeFigure(const FigureState &state, const QString &figure, const QString &path, FigureFormat format,
                 const FigurePreset &preset, int dpi)
{
    const FigurePanel panel(state, figure, preset);
    writePlot(panel.plot(), path, format, preset, dpi);
}

QStringList comparisonFigureNames()
{
    return {QStringLiteral("run-distances"), QStringLiteral("run-matrix")};
}

QString figureTitle(const QString &figure)
{
    if (figure == QLatin1String("run-distances"))
        return QStringLiteral("Distances between compared diagrams");
    if (figure == QLatin1String("run-matrix"))
        return QStringLiteral("Distance matrix between runs");
    static const QStringList titles{
        QStringLiteral("Barcode"),
        QStringLiteral("Persistence diagram"),
        QStringLiteral("Betti numbers against epoch"),
        QStringLiteral("Betti number over epoch × ε"),
        QStringLiteral("Distance matrix"),
        QStringLiteral("Training curves"),
        QStringLiteral("Continuity between epochs"),
        QStringLiteral("Bars tracked across epochs"),
    };
    const qsizetype i = figureNames().indexOf(figure);
    return i >= 0 ? titles.value(i) : figure;
}

bool figureShowsOneEpoch(const QString &figure)
{
    return figure == QLatin1String("barcode") || figure == QLatin1String("diagram") ||
           figure == QLatin1String("heatmap");
}

QString suggestedFigureFileName(const RunState &run, const QString &figure, FigureFormat format)
{
    QString base = run.spec.name.isEmpty() ? QFileInfo(run.folder).fileName() : run.spec.name;
    base = base.toLower().replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
    base.remove(QRegularExpression(QStringLiteral("^-+|-+$")));
    if (base.isEmpty())
        base = QStringLiteral("netbetti");
    QString name = base + QLatin1Char('-') + figure;
    if (figureShowsOneEpoch(figure) && run.current >= 0)
        name += QStringLiteral("-epoch-%1").arg(run.current, 4, 10, QLatin1Char('0'));
    return name + QLatin1Char('.') + formatSuffix(format);
}

} // namespace netbetti
