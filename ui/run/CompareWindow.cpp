#include "run/CompareWindow.h"

#include "figures/ExportFigureDialog.h"
#include "plots/PlotStyle.h"
#include "plots/RunMatrixView.h"
#include "plots/RunNames.h"
#include "plots/SideBySideView.h"
#include "window/Settings.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QSlider>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>
#include <algorithm>

namespace netbetti {

CompareWindow::CompareWindow(QWidget *parent)
    : QWidget(parent), m_runs(new QLabel(this)), m_add(new QPushButton(tr("Add Runs…"), this)),
      m_slider(new QSlider(Qt::Horizontal, this)), m_epochLabel(new QLabel(this)), m_dimension(new QComboBox(this)),
      m_distance(new QComboBox(this)), m_export(new QPushButton(tr("Export Figure…"), this)),
      m_tabs(new QTabWidget(this)), m_sideBySide(new SideBySideView(this)), m_matrix(new RunMatrixView(this))
{
    setWindowTitle(tr("Compare — NetBetti"));
    m_runs->setTextFormat(Qt::PlainText);
    m_runs->setWordWrap(true);
    m_add->setToolTip(tr("Add run folders to compare (trained on the same dataset)"));
    m_slider->setToolTip(tr("The epoch every run is shown at (the epochs all of them analysed)"));
    m_slider->setMinimumWidth(200);
    m_epochLabel->setMinimumWidth(90);
    m_distance->addItems({tr("bottleneck"), tr("1-Wasserstein")});
    m_distance->setToolTip(tr("The distance between diagrams (hera; L∞ ground metric)"));
    m_dimension->setToolTip(tr("The dimension whose diagrams the distance plot and the matrix compare"));
    m_export->setToolTip(tr("Export the figure of the tab shown, as PDF, SVG or PNG"));

    auto *top = new QHBoxLayout;
    top->addWidget(m_runs, 1);
    top->addWidget(m_add);
    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Epoch"), this));
    controls->addWidget(m_slider, 1);
    controls->addWidget(m_epochLabel);
    controls->addSpacing(12);
    controls->addWidget(new QLabel(tr("Distance:"), this));
    controls->addWidget(m_distance);
    controls->addWidget(m_dimension);
    controls->addSpacing(12);
    controls->addWidget(m_export);
    m_tabs->addTab(m_sideBySide, tr("Side by side"));
    m_tabs->addTab(m_matrix, tr("Distance matrix"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(controls);
    layout->addWidget(m_tabs, 1);

    connect(m_slider, &QSlider::valueChanged, this, [this](int index) {
        const std::vector<int> epochs = scrubbedEpochs(m_state);
        if (index < 0 || index >= int(epochs.size()))
            return;
        ComparisonState s = m_state;
        s.epoch = epochs[size_t(index)];
        setState(s);
    });
    connect(m_dimension, &QComboBox::currentIndexChanged, this, [this](int dim) {
        ComparisonState s = m_state;
        s.dim = std::max(0, dim);
        setState(s);
    });
    connect(m_distance, &QComboBox::currentIndexChanged, this, [this](int index) {
        ComparisonState s = m_state;
        s.wasserstein = index == 1;
        setState(s);
    });
    connect(m_sideBySide, &SideBySideView::scaleChanged, this, [this](double eps) { m_state.scale = eps; });
    connect(m_add, &QPushButton::clicked, this, &CompareWindow::chooseRuns);
    connect(m_export, &QPushButton::clicked, this, &CompareWindow::exportFigure);
    resize(1500, 950);
    setState(m_state);
}

void CompareWindow::setState(const ComparisonState &state)
{
    m_state = state;
    // The epoch and the dimension resolved to ones there are: a fresh window
    // given the state shows the same.
    const int epoch = shownEpoch(m_state);
    if (epoch >= 0)
        m_state.epoch = epoch;
    if (!m_state.runs.empty())
        m_state.dim = std::clamp(m_state.dim, 0, comparedMaxDim(m_state));
    syncControls();
    m_sideBySide->setState(m_state);
    m_matrix->setState(m_state);
}

void CompareWindow::syncControls()
{
    const QSignalBlocker a(m_slider), b(m_dimension), c(m_distance);
    const std::vector<int> epochs = scrubbedEpochs(m_state);
    const auto at = std::find(epochs.begin(), epochs.end(), m_state.epoch);
    m_slider->setRange(0, std::max(0, int(epochs.size()) - 1));
    m_slider->setValue(at == epochs.end() ? 0 : int(at - epochs.begin()));
    m_slider->setEnabled(epochs.size() > 1);
    m_epochLabel->setText(at == epochs.end() ? tr("no epoch") : tr("epoch %1").arg(*at));
    m_dimension->clear();
    for (int d = 0; d <= comparedMaxDim(m_state); ++d)
        m_dimension->addItem(style::homologyName(d));
    m_dimension->setCurrentIndex(std::min(m_state.dim, m_dimension->count() - 1));
    m_distance->setCurrentIndex(m_state.wasserstein ? 1 : 0);
    const QStringList names = comparedNames(m_state);
    m_runs->setText(m_state.comparesEpochs() && !names.isEmpty()
                        ? tr("Two epochs of %1: epoch %2 (left) against the epoch shown (right)")
                              .arg(names.front())
                              .arg(m_state.referenceEpoch)
                        : names.isEmpty() ? tr("No runs yet") : tr("Runs: %1").arg(names.join(QStringLiteral(" · "))));
    m_add->setEnabled(!m_state.comparesEpochs());
    m_export->setEnabled(comparisonProblem(m_state).isEmpty()); // no figure of runs that cannot be compared
    m_tabs->setTabEnabled(1, !m_state.comparesEpochs());
    setWindowTitle(names.isEmpty() ? tr("Compare — NetBetti") : tr("Compare %1 — NetBetti").arg(names.join(QStringLiteral(", "))));
}

bool CompareWindow::addRuns(const QStringList &folders, QString *error)
{
    ComparisonState s = m_state;
    s.referenceEpoch = -1;
    QStringList problems;
    for (const QString &folder : folders) {
        try {
            s.runs.push_back(readComparedRun(folder));
        } catch (const std::exception &e) {
            problems << QString::fromUtf8(e.what());
        }
    }
    setState(s);
    if (error)
        *error = problems.join(QLatin1Char('\n'));
    return problems.isEmpty();
}

void CompareWindow::chooseRuns()
{
    const QStringList folders = chooseRunFolders(this, tr("Add runs to compare"), settings::lastRunFolder());
    QString error;
    if (!folders.isEmpty() && !addRuns(folders, &error))
        m_runs->setText(m_runs->text() + QLatin1Char('\n') + error);
}

FigureState CompareWindow::figureState() const
{
    FigureState figure;
    figure.comparison = m_state;
    if (!m_state.runs.empty()) {
        // Names the file suggested for the figure.
        figure.run.spec = m_state.runs.front().data->spec;
        figure.run.folder = m_state.runs.front().folder;
        figure.run.hasRun = true;
    }
    return figure;
}

ExportFigureDialog *CompareWindow::exportFigure()
{
    const QString figure = m_tabs->currentWidget() == m_matrix ? QStringLiteral("run-matrix") : QStringLiteral("run-distances");
    auto *dialog = new ExportFigureDialog(figureState(), figure, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

QStringList chooseRunFolders(QWidget *parent, const QString &title, const QString &start)
{
    // The platform's folder dialog picks one folder; Qt's own lets its
    // list take several.
    QFileDialog dialog(parent, title, start);
    dialog.setFileMode(QFileDialog::Directory);
    dialog.setOption(QFileDialog::ShowDirsOnly);
    dialog.setOption(QFileDialog::DontUseNativeDialog);
    for (QAbstractItemView *view : {static_cast<QAbstractItemView *>(dialog.findChild<QListView *>(QStringLiteral("listView"))),
                                    static_cast<QAbstractItemView *>(dialog.findChild<QTreeView *>()) })
        if (view)
            view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    return dialog.exec() == QDialog::Accepted ? dialog.selectedFiles() : QStringList();
}

} // namespace netbetti
