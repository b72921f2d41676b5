#include "plots/TrainingView.h"

#include "plots/PlotStyle.h"
#include "plots/RunNames.h"
#include "run/RunModel.h"

#include <QVBoxLayout>
#include <qcustomplot.h>

namespace netbetti {

TrainingView::TrainingView(RunModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_plot(new QCustomPlot(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    style::setUpPlot(m_plot);
    m_plot->xAxis->setLabel(tr("epoch"));
    style::useEpochTicks(m_plot->xAxis);
    m_plot->yAxis->setLabel(tr("loss"));
    m_plot->yAxis2->setLabel(tr("accuracy"));
    m_plot->yAxis2->setVisible(true);
    m_plot->yAxis2->setRange(0.0, 1.0);

    const QColor black(0x33, 0x33, 0x33);
    auto *loss = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis);
    loss->setName(tr("loss"));
    loss->setPen(QPen(black, 2));
    auto *train = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis2);
    train->setName(tr("train accuracy"));
    train->setPen(QPen(style::dimensionColor(0), 2));
    auto *test = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis2);
    test->setName(tr("test accuracy"));
    test->setPen(QPen(style::dimensionColor(1), 2, Qt::DashLine));
    for (int i = 0; i < 3; ++i)
        m_plot->graph(i)->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 4));
    // The legend in a row above the axes: inside them it covered the curves.
    style::addTitle(m_plot, tr("Training"));
    style::addLegendRow(m_plot, 1);

    m_current = style::addEpochMarker(m_plot);

    connect(model, &RunModel::runReset, this, &TrainingView::rebuild);
    connect(model, &RunModel::epochAdded, this, &TrainingView::rebuild);
    connect(model, &RunModel::currentEpochChanged, this, &TrainingView::markCurrentEpoch);
    rebuild();
}

QCustomPlot *TrainingView::plot() const
{
    return m_plot;
}

int TrainingView::pointCount() const
{
    return m_plot->graph(0)->dataCount();
}

void TrainingView::rebuild()
{
    QVector<double> epochs, loss, train, test;
    double maxLoss = 0.0;
    for (const EpochRecord &e : m_model->epochs()) {
        epochs << e.epoch;
        loss << e.loss;
        train << e.trainAccuracy;
        test << e.testAccuracy;
        maxLoss = std::max(maxLoss, e.loss);
    }
    m_plot->graph(0)->setData(epochs, loss, true);
    m_plot->graph(1)->setData(epochs, train, true);
    m_plot->graph(2)->setData(epochs, test, true);
    const double lastEpoch = epochs.isEmpty() ? 1.0 : std::max(1.0, epochs.last());
    m_plot->xAxis->setRange(-0.2, lastEpoch + 0.2);
    m_plot->yAxis->setRange(0.0, maxLoss > 0.0 ? maxLoss * 1.1 : 1.0);
    style::setTitle(m_plot, m_model->hasRun() ? tr("Training — %1").arg(runTitle(m_model->spec())) : tr("Training"));
    style::showEmptyNote(m_plot, epochs.isEmpty() ? tr("no epoch yet") : QString());
    markCurrentEpoch();
}

void TrainingView::markCurrentEpoch()
{
    style::moveEpochMarker(m_current, m_model->currentEpoch());
}

} // namespace netbetti
