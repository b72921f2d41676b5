#include "plots/SideBySideView.h"

#include "plots/BarcodeView.h"
#include "plots/BettiView.h"
#include "plots/DiagramView.h"
#include "plots/RunDistancesView.h"
#include "plots/RunNames.h"
#include "run/RunModel.h"

#include <QLabel>
#include <QSplitter>
#include <QStackedLayout>
#include <QToolButton>

namespace netbetti {

namespace {

/// A run as a model shows it, under the name that tells it from the others
/// (the panels' titles name it), at the epoch given, on the shared ε axis.
RunState columnState(const ComparedRun &run, const QString &name, int epoch, double scale, double axisRange)
{
    RunState s;
    s.spec = run.data->spec;
    s.spec.name = name;
    s.folder = run.folder;
    s.hasRun = true;
    s.follow = false;
    s.epochs = run.data->record.epochs;
    s.diagrams = run.data->diagrams;
    for (auto &entry : s.diagrams)
        entry.second.maxDim = s.spec.analysis.maxDim; // as RunModel::loadFolder reads them
    s.current = epoch;
    s.scale = scale;
    s.axisRange = axisRange;
    return s;
}

} // namespace

struct SideBySideView::Column
{
    RunModel model;
    BarcodeView *barcode = nullptr;
    DiagramView *diagram = nullptr;
    bool fixedEpoch = false; ///< the reference epoch of two epochs compared
};

SideBySideView::SideBySideView(QWidget *parent)
    : QWidget(parent), m_pages(new QStackedLayout(this)), m_problem(new QLabel(this))
{
    m_problem->setObjectName(QStringLiteral("comparisonProblem"));
    m_problem->setWordWrap(true);
    m_problem->setAlignment(Qt::AlignCenter);
    m_problem->setMargin(40);
    QFont big = m_problem->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    m_problem->setFont(big);
    m_pages->addWidget(m_problem);
    rebuild();
}

SideBySideView::~SideBySideView()
{
    delete m_panels; // before the models its panels watch
}

BarcodeView *SideBySideView::barcode(int column) const
{
    return column >= 0 && column < columnCount() ? m_columns[size_t(column)]->barcode : nullptr;
}

DiagramView *SideBySideView::diagram(int column) const
{
    return column >= 0 && column < columnCount() ? m_columns[size_t(column)]->diagram : nullptr;
}

RunModel *SideBySideView::model(int column) const
{
    return column >= 0 && column < columnCount() ? &m_columns[size_t(column)]->model : nullptr;
}

QString SideBySideView::problem() const
{
    return m_pages->currentWidget() == m_problem ? m_problem->text() : QString();
}

void SideBySideView::setState(const ComparisonState &state)
{
    const bool sameRuns = state.referenceEpoch == m_state.referenceEpoch && state.runs.size() == m_state.runs.size() &&
                          std::equal(state.runs.begin(), state.runs.end(), m_state.runs.begin(),
                                     [](const ComparedRun &a, const ComparedRun &b) { return a.data == b.data; });
    m_state = state;
    if (sameRuns && m_panels) {
        showEpoch();
        m_distances->setState(m_state);
    } else {
        rebuild();
    }
}

void SideBySideView::rebuild()
{
    delete m_panels;
    m_panels = nullptr;
    m_betti = nullptr;
    m_distances = nullptr;
    m_columns.clear();
    m_bettiModel.reset();
    const QString problem = comparisonProblem(m_state);
    if (!problem.isEmpty()) {
        m_problem->setText(problem);
        m_pages->setCurrentWidget(m_problem);
        return;
    }
    m_problem->clear();
    const QStringList names = comparedNames(m_state);
    const double axisRange = sharedScaleRange(m_state);
    const int epoch = shownEpoch(m_state);

    // A column per run, or the reference epoch's and the shown epoch's.
    auto *columns = new QSplitter(Qt::Horizontal);
    columns->setChildrenCollapsible(false);
    const size_t count = m_state.comparesEpochs() ? 2 : m_state.runs.size();
    for (size_t i = 0; i < count; ++i) {
        const ComparedRun &run = m_state.comparesEpochs() ? m_state.runs.front() : m_state.runs[i];
        auto column = std::make_unique<Column>();
        column->fixedEpoch = m_state.comparesEpochs() && i == 0;
        column->model.setState(columnState(run, names.value(qsizetype(m_state.comparesEpochs() ? 0 : i)),
                                           column->fixedEpoch ? m_state.referenceEpoch : epoch, m_state.scale,
                                           axisRange));
        auto *split = new QSplitter(Qt::Vertical, columns);
        split->setChildrenCollapsible(false);
        column->barcode = new BarcodeView(&column->model, split);
        column->diagram = new DiagramView(&column->model, split);
        split->setSizes({300, 300});
        m_columns.push_back(std::move(column));
    }

    // Beneath: every run's Betti numbers at one ε on one epoch axis, and the distances.
    auto *bottom = new QSplitter(Qt::Horizontal);
    bottom->setChildrenCollapsible(false);
    m_bettiModel = std::make_unique<RunModel>();
    m_bettiModel->setState(columnState(m_state.runs.front(), runTitle(m_state.runs.front().data->spec), epoch,
                                       m_state.scale, axisRange));
    m_betti = new BettiView(m_bettiModel.get(), bottom);
    if (!m_state.comparesEpochs()) {
        BettiView::Options options = m_betti->options();
        for (size_t k = 1; k < m_state.runs.size(); ++k)
            options.overlays.push_back({m_state.runs[k].folder, m_state.runs[k].data});
        m_betti->setOptions(options);
    }
    // The Compare window adds and removes runs itself: the panel's own
    // overlay buttons (Overlay Run…, Clear) would leave it out of step.
    for (QToolButton *button : m_betti->findChildren<QToolButton *>())
        if (button == m_betti->overlayButton() || button->text() == BettiView::tr("Clear"))
            button->hide();
    m_distances = new RunDistancesView(bottom);
    m_distances->setState(m_state);
    bottom->setSizes({500, 500});
    connect(m_bettiModel.get(), &RunModel::scaleChanged, this, [this](double eps) {
        m_state.scale = eps;
        for (const auto &column : m_columns)
            column->model.setScale(eps);
        Q_EMIT scaleChanged(eps);
    });

    auto *rows = new QSplitter(Qt::Vertical);
    rows->setChildrenCollapsible(false);
    rows->addWidget(columns);
    rows->addWidget(bottom);
    rows->setSizes({600, 400});
    m_panels = rows;
    m_pages->addWidget(m_panels);
    m_pages->setCurrentWidget(m_panels);
}

void SideBySideView::showEpoch()
{
    const int epoch = shownEpoch(m_state);
    for (const auto &column : m_columns) {
        if (!column->fixedEpoch)
            column->model.setCurrentEpoch(epoch);
        column->model.setScale(m_state.scale);
    }
    if (m_bettiModel) {
        m_bettiModel->setCurrentEpoch(epoch);
        m_bettiModel->setScale(m_state.scale);
    }
}

} // namespace netbetti
