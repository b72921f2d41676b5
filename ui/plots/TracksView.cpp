#include "plots/TracksView.h"

#include "plots/PlotStyle.h"
#include "run/RunModel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QSpinBox>
#include <QVBoxLayout>
#include <cmath>
#include <qcustomplot.h>

namespace netbetti {

namespace {

const char *kTrackProperty = "netbettiTrack";

bool sameTrack(const BarTrack &a, const BarTrack &b)
{
    return a.dim == b.dim && a.points.size() == b.points.size() &&
           std::equal(a.points.begin(), a.points.end(), b.points.begin(),
                      [](const TrackPoint &p, const TrackPoint &q) { return p.epoch == q.epoch && p.bar == q.bar; });
}

} // namespace

TracksView::TracksView(RunModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_quantity(new QComboBox(this)), m_dimension(new QComboBox(this)),
      m_count(new QSpinBox(this)), m_message(new QLabel(this)), m_plot(new QCustomPlot(this))
{
    m_quantity->addItem(tr("Persistence"));
    m_quantity->addItem(tr("Birth and death"));
    m_count->setRange(1, 1000);
    m_count->setValue(10);
    m_count->setToolTip(tr("How many of the longest-lived tracks of each dimension are drawn"));
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(4, 2, 4, 0);
    bar->addWidget(new QLabel(tr("Show:"), this));
    bar->addWidget(m_quantity);
    bar->addWidget(m_dimension);
    bar->addWidget(new QLabel(tr("Longest-lived:"), this));
    bar->addWidget(m_count);
    bar->addWidget(m_message, 1);
    m_message->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_plot, 1);

    style::setUpPlot(m_plot);
    m_plot->xAxis->setLabel(tr("epoch"));
    style::useEpochTicks(m_plot->xAxis);
    style::showLegend(m_plot, Qt::AlignRight | Qt::AlignTop);
    m_current = style::addEpochMarker(m_plot);
    m_plot->setMouseTracking(true);

    connect(m_quantity, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_options.quantity = index == 1 ? Quantity::BirthAndDeath : Quantity::Persistence;
        rebuild();
    });
    connect(m_dimension, &QComboBox::currentIndexChanged, this, [this] {
        m_options.dimension = m_dimension->currentData().toInt();
        rebuild();
    });
    connect(m_count, &QSpinBox::valueChanged, this, [this](int count) {
        m_options.count = count;
        rebuild();
    });
    connect(m_plot, &QCustomPlot::mouseMove, this,
            [this](QMouseEvent *event) { style::showTooltip(m_plot, event, trackNameAt(event->pos())); });
    connect(m_plot, &QCustomPlot::mousePress, this, [this](QMouseEvent *event) {
        if (event->button() == Qt::LeftButton)
            selectTrackAt(event->pos());
    });
    connect(model, &RunModel::selectedTrackChanged, this, &TracksView::rebuild);
    connect(model, &RunModel::runReset, this, [this] {
        m_matchings.clear();
        rebuild();
    });
    connect(model, &RunModel::epochAdded, this, &TracksView::rebuild);
    connect(model, &RunModel::recordUpdated, this, &TracksView::rebuild); // its matching was written
    connect(model, &RunModel::currentEpochChanged, this, &TracksView::markCurrentEpoch);
    rebuild();
}

TracksView::Options TracksView::options() const
{
    return m_options;
}

void TracksView::setOptions(const Options &options)
{
    m_options = options;
    rebuild();
}

QCustomPlot *TracksView::plot() const
{
    return m_plot;
}

QComboBox *TracksView::quantityBox() const
{
    return m_quantity;
}

QComboBox *TracksView::dimensionBox() const
{
    return m_dimension;
}

QSpinBox *TracksView::countBox() const
{
    return m_count;
}

TracksView::Quantity TracksView::quantity() const
{
    return m_options.quantity;
}

const std::vector<BarTrack> &TracksView::shownTracks() const
{
    return m_shown;
}

QString TracksView::message() const
{
    return m_message->text();
}

std::vector<EpochBars> TracksView::epochBars()
{
    std::vector<EpochBars> out;
    const RunFolder folder(m_model->folder());
    int previous = -1;
    for (int epoch : m_model->analysedEpochs()) {
        EpochBars e;
        e.epoch = epoch;
        e.diagram = *m_model->diagram(epoch);
        e.matchingFile = folder.matchingPath(epoch);
        const EpochRecord *record = m_model->record(epoch);
        // A matching pairs this diagram with the one analysed just before.
        if (previous >= 0 && record && record->previousEpoch == previous) {
            auto cached = m_matchings.find(epoch);
            if (cached == m_matchings.end() || !cached->second)
                cached = m_matchings.insert_or_assign(epoch, folder.readMatching(epoch)).first;
            e.matchingToPrevious = cached->second;
        }
        out.push_back(std::move(e));
        previous = epoch;
    }
    return out;
}

std::pair<double, double> TracksView::drawnBar(const PersistenceBar &bar) const
{
    const double top = m_model->scaleRange();
    return {bar.birth, bar.isInfinite() ? std::max(top, bar.birth) : bar.death};
}

void TracksView::rebuild()
{
    const int maxDim = m_model->hasRun() ? m_model->maxDim() : 1;
    {
        // The controls say the options; a dimension the run lacks shows the default.
        const QSignalBlocker blockDimension(m_dimension), blockQuantity(m_quantity), blockCount(m_count);
        m_dimension->clear();
        m_dimension->addItem(tr("every dimension"), -1);
        for (int dim = 0; dim <= maxDim; ++dim)
            m_dimension->addItem(style::homologyName(dim), dim);
        const int dim = m_options.dimension;
        m_dimension->setCurrentIndex(dim == -1 ? 0 : dim >= 0 && dim <= maxDim ? dim + 1 : (maxDim >= 1 ? 2 : 0));
        m_quantity->setCurrentIndex(m_options.quantity == Quantity::BirthAndDeath ? 1 : 0);
        m_count->setValue(m_options.count);
    }
    m_plot->clearGraphs();
    m_shown.clear();
    QString problem;
    m_epochs.clear();
    std::vector<BarTrack> tracks;
    if (m_model->hasRun()) {
        try {
            m_epochs = epochBars();
            tracks = chainTracks(m_epochs);
        } catch (const std::exception &e) {
            problem = tr("No tracks: %1").arg(QString::fromUtf8(e.what()));
            m_epochs.clear();
            m_matchings.clear(); // read again next time: the file may be rewritten
        }
        const bool anyMatching = std::any_of(m_epochs.begin(), m_epochs.end(),
                                             [](const EpochBars &e) { return e.matchingToPrevious.has_value(); });
        if (problem.isEmpty() && m_epochs.size() > 1 && !anyMatching)
            problem = tr("This run has no matchings between epochs (matching.csv; runs before NetBetti "
                         "tracked bars): each epoch's bars are drawn alone. Analyse the run again to track them.");
    }
    m_message->setText(problem);

    const int wanted = m_dimension->currentData().toInt();
    const bool persistence = quantity() == Quantity::Persistence;
    double top = 0.0, lastEpoch = 1.0;
    for (const EpochBars &e : m_epochs)
        lastEpoch = std::max(lastEpoch, double(e.epoch));
    std::map<int, const PersistenceDiagram *> diagrams;
    for (const EpochBars &e : m_epochs)
        diagrams[e.epoch] = &e.diagram;
    const std::optional<BarTrack> &selected = m_model->selectedTrack();
    for (int dim = 0; dim <= maxDim; ++dim) {
        if (wanted >= 0 && dim != wanted)
            continue;
        // One legend entry per dimension (and per line style), from a track
        // drawn as the others are (the selected one is thicker).
        std::map<Qt::PenStyle, QCPGraph *> named;
        std::map<Qt::PenStyle, QCPGraph *> selectedLines;
        for (const BarTrack &track : longestTracks(tracks, m_epochs, dim, m_options.count)) {
            const int index = int(m_shown.size());
            m_shown.push_back(track);
            const bool isSelected = selected && sameTrack(*selected, track);
            auto addLine = [&](Qt::PenStyle pen, auto value) {
                QCPGraph *graph = m_plot->addGraph();
                graph->setProperty(kTrackProperty, index);
                graph->setPen(QPen(isSelected ? style::dimensionColor(dim).darker(150) : style::dimensionColor(dim),
                                   isSelected ? 3.5 : 1.5, pen));
                graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 4));
                for (const TrackPoint &p : track.points) {
                    const double v = value(drawnBar(diagrams.at(p.epoch)->bars[size_t(p.bar)]));
                    graph->addData(p.epoch, v);
                    top = std::max(top, v);
                }
                graph->removeFromLegend();
                (isSelected ? selectedLines : named).emplace(pen, graph); // the first of each
            };
            if (persistence) {
                addLine(Qt::SolidLine, [](std::pair<double, double> b) { return b.second - b.first; });
            } else {
                addLine(Qt::SolidLine, [](std::pair<double, double> b) { return b.second; });
                addLine(Qt::DashLine, [](std::pair<double, double> b) { return b.first; });
            }
        }
        for (const auto &[pen, graph] : selectedLines)
            named.emplace(pen, graph); // only when no other track has that style
        for (const auto &[pen, graph] : named) {
            graph->setName(persistence ? style::homologyName(dim)
                           : pen == Qt::SolidLine ? tr("%1 death").arg(style::homologyName(dim))
                                                  : tr("%1 birth").arg(style::homologyName(dim)));
            graph->addToLegend();
        }
    }
    m_plot->yAxis->setLabel(persistence ? tr("persistence (death − birth)") : tr("birth (dashed) and death"));
    m_plot->xAxis->setRange(-0.2, lastEpoch + 0.2);
    m_plot->yAxis->setRange(0.0, top > 0.0 ? top * 1.1 : 1.0);
    markCurrentEpoch();
}

void TracksView::markCurrentEpoch()
{
    style::moveEpochMarker(m_current, m_model->currentEpoch());
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QString TracksView::describe(const BarTrack &track) const
{
    std::map<int, const PersistenceDiagram *> diagrams;
    for (const EpochBars &e : m_epochs)
        diagrams[e.epoch] = &e.diagram;
    auto barText = [&](const TrackPoint &p) {
        const PersistenceBar &bar = diagrams.at(p.epoch)->bars[size_t(p.bar)];
        return tr("[%1, %2) at epoch %3")
            .arg(bar.birth, 0, 'g', 3)
            .arg(bar.isInfinite() ? QStringLiteral("∞") : QString::number(bar.death, 'g', 3))
            .arg(p.epoch);
    };
    const TrackPoint &first = track.points.front(), &last = track.points.back();
    return tr("%1 class, bar %2 of epoch %3: %4 epochs, %5 → %6")
        .arg(style::homologyName(track.dim))
        .arg(first.bar)
        .arg(first.epoch)
        .arg(track.points.size())
        .arg(barText(first), barText(last));
}

int TracksView::trackIndexAt(const QPoint &pos) const
{
    double best = 8.0; // pixels
    int found = -1;
    for (int g = 0; g < m_plot->graphCount(); ++g) {
        QCPGraph *graph = m_plot->graph(g);
        const double distance = graph->selectTest(pos, false);
        if (distance >= 0.0 && distance < best) {
            best = distance;
            found = graph->property(kTrackProperty).toInt();
        }
    }
    return found >= 0 && found < int(m_shown.size()) ? found : -1;
}

QString TracksView::trackNameAt(const QPoint &pos) const
{
    const int found = trackIndexAt(pos);
    return found >= 0 ? describe(m_shown[size_t(found)]) : QString();
}

void TracksView::selectTrackAt(const QPoint &pos)
{
    const int found = trackIndexAt(pos);
    m_model->setSelectedTrack(found >= 0 ? std::optional<BarTrack>(m_shown[size_t(found)]) : std::nullopt);
}


} // namespace netbetti
