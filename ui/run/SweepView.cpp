#include "run/SweepView.h"

#include "Error.h"
#include "experiment/RunTables.h"
#include "experiment/SeedSet.h"
#include "plots/PlotStyle.h"
#include "storage/AtomicFile.h"

#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>
#include <qcustomplot.h>

namespace netbetti {

namespace {

QString cellText(const QJsonValue &value)
{
    return value.isString() ? value.toString() : describeJsonValue(value);
}

} // namespace

SweepView::SweepView(QWidget *parent)
    : QWidget(parent), m_table(new QTableWidget(this)), m_scale(new QDoubleSpinBox(this)),
      m_dimension(new QComboBox(this)), m_distance(new QComboBox(this)),
      m_show(new QPushButton(tr("Show on Betti Panel"), this)), m_band(new QPushButton(tr("Show as Seed Band"), this)),
      m_plot(new QCustomPlot(this))
{
    setWindowTitle(tr("Sweep"));
    m_scale->setRange(0.0, 10.0);
    m_scale->setDecimals(3);
    m_scale->setSingleStep(0.05);
    m_scale->setValue(0.5);
    m_scale->setPrefix(tr("ε = "));
    m_scale->setToolTip(tr("The scale at which the table counts Betti numbers"));
    m_distance->addItems({tr("bottleneck"), tr("1-Wasserstein")});
    m_show->setToolTip(tr("The first selected run is shown, the others overlaid on the Betti panel"));
    m_show->setEnabled(false);
    m_band->setEnabled(false);

    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setVisible(false);
    m_table->setSortingEnabled(false); // rows stay in grid order: the heatmap's order

    style::setUpPlot(m_plot);
    style::addTitle(m_plot, tr("Distances between runs"));
    m_map = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
    auto *scale = new QCPColorScale(m_plot);
    m_plot->plotLayout()->addElement(1, 1, scale);
    scale->setType(QCPAxis::atRight);
    scale->setBarWidth(12);
    m_map->setColorScale(scale);
    m_map->setGradient(style::perceptualGradient());
    m_map->setInterpolate(false);
    m_plot->yAxis->setRangeReversed(true);
    for (QCPAxis *axis : {m_plot->xAxis, m_plot->yAxis}) {
        axis->grid()->setVisible(false);
        axis->setLabel(tr("run"));
    }

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_scale);
    controls->addWidget(m_show);
    controls->addWidget(m_band);
    controls->addStretch(1);
    controls->addWidget(new QLabel(tr("Distance:"), this));
    controls->addWidget(m_distance);
    controls->addWidget(m_dimension);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_plot);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(split, 1);

    connect(m_scale, &QDoubleSpinBox::valueChanged, this, &SweepView::redraw);
    connect(m_dimension, &QComboBox::currentIndexChanged, this, &SweepView::redraw);
    connect(m_distance, &QComboBox::currentIndexChanged, this, &SweepView::redraw);
    connect(m_table, &QTableWidget::itemSelectionChanged, this,
            [this] { m_show->setEnabled(!selectedFolders().isEmpty()); });
    connect(m_show, &QPushButton::clicked, this, [this] { Q_EMIT showRuns(selectedFolders()); });
    connect(m_band, &QPushButton::clicked, this, [this] { Q_EMIT showBand(m_dir); });
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this](int row) {
        if (row >= 0 && row < int(m_runs.size()) && m_runs[size_t(row)].entry.epochsDone >= 0)
            Q_EMIT showRuns({m_runs[size_t(row)].folder});
    });
    resize(900, 760);
}

bool SweepView::open(const QString &dir, QString *error)
{
    std::vector<Run> runs;
    std::map<std::pair<QString, QString>, std::map<int, std::pair<double, double>>> distances;
    int maxDim = 0;
    SweepIndex index;
    try {
        index = SweepIndex::read(dir);
        for (const SweepEntry &e : index.runs) {
            Run run{e, QDir(dir).absoluteFilePath(e.folder), std::nullopt, -1};
            if (QFileInfo::exists(run.folder + QStringLiteral("/spec.json"))) {
                RunData data = RunData::read(RunFolder(run.folder));
                if (!data.diagrams.empty()) {
                    run.last = data.diagrams.rbegin()->second;
                    run.maxDim = data.maxDim();
                    maxDim = std::max(maxDim, run.maxDim);
                }
            }
            runs.push_back(std::move(run));
        }
        const QString csv = QDir(dir).filePath(QStringLiteral("distances.csv"));
        if (QFileInfo::exists(csv)) {
            const QList<QByteArray> lines = readWholeFile(csv, 256 << 20).split('\n');
            for (qsizetype i = 1; i < lines.size(); ++i) {
                if (lines[i].trimmed().isEmpty())
                    continue;
                const QList<QByteArray> f = lines[i].split(',');
                bool okDim = false, okB = false, okW = false;
                const int dim = f.value(3).toInt(&okDim);
                const double b = f.value(4).toDouble(&okB), w = f.value(5).toDouble(&okW);
                if (f.size() != 6 || !okDim || !okB || !okW)
                    throw InputError(csv, QStringLiteral("line %1").arg(i + 1), QString::fromUtf8(lines[i].left(80)),
                                     QStringLiteral("expected run_a,run_b,epoch,dim,bottleneck,wasserstein"));
                const QString a = QString::fromUtf8(f[0]), c = QString::fromUtf8(f[1]);
                distances[{a, c}][dim] = {b, w};
                distances[{c, a}][dim] = {b, w};
            }
        }
    } catch (const std::exception &e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return false;
    }
    m_dir = dir;
    m_runs = std::move(runs);
    m_distances = std::move(distances);
    m_maxDim = maxDim;
    m_paths = index.variedPaths();
    // One experiment with N seeds has a band (SeedSet's own test); a grid
    // of settings has none, and the button says why.
    QString noBand;
    try {
        SeedSet::checkVariesSeedOnly(index, dir);
        if (std::none_of(m_runs.begin(), m_runs.end(),
                         [](const Run &r) { return r.entry.status == QLatin1String("finished"); }))
            noBand = tr("No seed has finished yet");
    } catch (const std::exception &e) {
        noBand = QString::fromUtf8(e.what());
    }
    m_band->setEnabled(noBand.isEmpty());
    m_band->setToolTip(noBand.isEmpty()
                           ? tr("The median β curve of the seeds with their quartiles or extremes, on the Betti panel")
                           : noBand);
    setWindowTitle(tr("Sweep — %1").arg(QDir(dir).dirName()));
    {
        const QSignalBlocker block(m_dimension);
        m_dimension->clear();
        for (int d = 0; d <= m_maxDim; ++d)
            m_dimension->addItem(style::homologyName(d));
        m_dimension->setCurrentIndex(std::min(1, m_maxDim));
    }
    redraw();
    return true;
}

QString SweepView::folder() const
{
    return m_dir;
}

double SweepView::distance(int i, int j) const
{
    if (i < 0 || j < 0 || i >= int(m_runs.size()) || j >= int(m_runs.size()))
        return std::numeric_limits<double>::quiet_NaN();
    if (i == j)
        return 0.0;
    const auto pair = m_distances.find({m_runs[size_t(i)].entry.name, m_runs[size_t(j)].entry.name});
    if (pair == m_distances.end())
        return std::numeric_limits<double>::quiet_NaN();
    const auto dim = pair->second.find(m_dimension->currentIndex());
    if (dim == pair->second.end())
        return std::numeric_limits<double>::quiet_NaN();
    return m_distance->currentIndex() == 0 ? dim->second.first : dim->second.second;
}

QStringList SweepView::selectedFolders() const
{
    QStringList folders;
    for (int row = 0; row < m_table->rowCount(); ++row)
        if (m_table->item(row, 0) && m_table->item(row, 0)->isSelected() && m_runs[size_t(row)].entry.epochsDone >= 0)
            folders << m_runs[size_t(row)].folder;
    return folders;
}

void SweepView::redraw()
{
    // The table: its selection survives a change of ε.
    const QStringList selected = selectedFolders();
    QStringList headers{tr("Run")};
    headers << m_paths << tr("Status") << tr("Epochs") << tr("Test accuracy");
    for (int d = 0; d <= m_maxDim; ++d)
        headers << tr("%1 at ε").arg(style::bettiName(d));
    const QSignalBlocker block(m_table);
    m_table->clear();
    m_table->setColumnCount(int(headers.size()));
    m_table->setHorizontalHeaderLabels(headers);
    m_table->setRowCount(int(m_runs.size()));
    const double eps = m_scale->value();
    for (size_t r = 0; r < m_runs.size(); ++r) {
        const Run &run = m_runs[r];
        const SweepEntry &e = run.entry;
        QStringList cells{QString::number(r) + QStringLiteral("  ") + e.name};
        for (const QString &path : m_paths)
            cells << cellText(e.values.value(path));
        cells << (e.error.isEmpty() ? e.status : e.status + QStringLiteral(": ") + e.error)
              << (e.epochsDone >= 0 ? QStringLiteral("%1/%2").arg(e.epochsDone).arg(e.epochs) : QStringLiteral("—"))
              << (e.epochsDone >= 0 ? QString::number(e.testAccuracy, 'f', 3) : QStringLiteral("—"));
        for (int d = 0; d <= m_maxDim; ++d)
            cells << (run.last && d <= run.maxDim ? QString::number(run.last->bettiAt(d, eps))
                                                       : QStringLiteral("—"));
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            if (c == m_paths.size() + 1 && !e.error.isEmpty())
                item->setToolTip(e.error);
            m_table->setItem(int(r), c, item);
            item->setSelected(selected.contains(run.folder));
        }
    }
    m_table->resizeColumnsToContents();
    m_show->setEnabled(!selectedFolders().isEmpty());

    // The heatmap: runs in grid order, NaN (blank) where two runs share no epoch.
    const int n = int(m_runs.size());
    m_map->data()->setSize(std::max(n, 1), std::max(n, 1));
    m_map->data()->setRange(QCPRange(0, std::max(n - 1, 0)), QCPRange(0, std::max(n - 1, 0)));
    double high = 0.0;
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
            const double v = distance(i, j);
            // Infinite (different numbers of essential classes) and
            // missing pairs are left blank.
            m_map->data()->setCell(i, j, std::isfinite(v) ? v : std::numeric_limits<double>::quiet_NaN());
            if (std::isfinite(v))
                high = std::max(high, v);
        }
    m_map->setDataRange(QCPRange(0.0, high > 0 ? high : 1.0));
    m_map->colorScale()->axis()->setLabel(
        QStringLiteral("%1, %2").arg(m_distance->currentText(), style::homologyName(m_dimension->currentIndex())));
    m_plot->xAxis->setRange(-0.5, std::max(n, 1) - 0.5);
    m_plot->yAxis->setRange(-0.5, std::max(n, 1) - 0.5);
    m_plot->replot();
}

} // namespace netbetti
