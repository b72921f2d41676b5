#include "figures/RunFigures.h"

#include "plots/BarcodeView.h"
#include "plots/BettiView.h"
#include "plots/ContinuityView.h"
#include "plots/DiagramView.h"
#include "Error.h"
#include "plots/HeatmapView.h"
#include "run/RunModel.h"
#include "plots/TrainingView.h"
#include "plots/TracksView.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QWidget>
#include <algorithm>

namespace netbetti {

QCustomPlot *FigureViews::plot(const QString &figure, const QString &field) const
{
    const QString f = figure.toLower();
    if (f == QLatin1String("barcode") && barcode)
        return barcode->plot();
    if (f == QLatin1String("diagram") && diagram)
        return diagram->plot();
    if (f == QLatin1String("betti") && betti)
        return betti->curvesPlot();
    if (f == QLatin1String("surface") && betti)
        return betti->surfacePlot();
    if (f == QLatin1String("heatmap") && heatmap)
        return heatmap->plot();
    if (f == QLatin1String("loss") && training)
        return training->plot();
    if (f == QLatin1String("continuity") && continuity)
        return continuity->plot();
    if (f == QLatin1String("tracks") && tracks)
        return tracks->plot();
    throw InputError({}, field, figure,
                     QStringLiteral("expected one of %1").arg(figureNames().join(QStringLiteral(", "))));
}

QString figureTitle(const QString &figure)
{
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

QString suggestedFigureFileName(const RunModel &model, const QString &figure, FigureFormat format)
{
    QString base = model.spec().name.isEmpty() ? QFileInfo(model.folder()).fileName() : model.spec().name;
    base = base.toLower().replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
    base.remove(QRegularExpression(QStringLiteral("^-+|-+$")));
    if (base.isEmpty())
        base = QStringLiteral("netbetti");
    QString name = base + QLatin1Char('-') + figure;
    if (figureShowsOneEpoch(figure) && model.currentEpoch() >= 0)
        name += QStringLiteral("-epoch-%1").arg(model.currentEpoch(), 4, 10, QLatin1Char('0'));
    return name + QLatin1Char('.') + formatSuffix(format);
}

OffscreenRun::OffscreenRun(const QString &runDir)
    : m_model(std::make_unique<RunModel>()), m_host(std::make_unique<QWidget>())
{
    // The views first, so that they hear the run arrive as the window's do.
    m_views.barcode = new BarcodeView(m_model.get(), m_host.get());
    m_views.diagram = new DiagramView(m_model.get(), m_host.get());
    m_views.betti = new BettiView(m_model.get(), m_host.get());
    m_views.heatmap = new HeatmapView(m_model.get(), m_host.get());
    m_views.training = new TrainingView(m_model.get(), m_host.get());
    m_views.continuity = new ContinuityView(m_model.get(), m_host.get());
    m_views.tracks = new TracksView(m_model.get(), m_host.get());
    m_model->loadFolder(runDir);
    if (m_model->epochs().empty())
        throw InputError(QFileInfo(runDir).absoluteFilePath(), QStringLiteral("run.json"), QString(),
                         QStringLiteral("the run has no epochs yet"));
}

OffscreenRun::~OffscreenRun() = default;

void OffscreenRun::showEpoch(int epoch)
{
    const std::vector<int> analysed = m_model->analysedEpochs();
    if (std::find(analysed.begin(), analysed.end(), epoch) == analysed.end()) {
        QStringList there;
        for (int e : analysed)
            there << QString::number(e);
        throw InputError(m_model->folder(), QStringLiteral("--epoch"), QString::number(epoch),
                         there.isEmpty() ? QStringLiteral("the run has no analysed epoch")
                                         : QStringLiteral("not an analysed epoch of this run (%1)")
                                               .arg(there.join(QStringLiteral(", "))));
    }
    m_model->setCurrentEpoch(epoch);
}

} // namespace netbetti
