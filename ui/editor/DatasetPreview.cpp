#include "editor/DatasetPreview.h"

#include "editor/ImageGrid.h"
#include "plots/PlotStyle.h"

#include <QComboBox>
#include <QDateTime>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace netbetti {

DatasetPreview::DatasetPreview(QWidget *parent)
    : QWidget(parent), m_plot(new QCustomPlot(this)), m_grid(new ImageGrid(this)), m_axes(new QWidget(this)),
      m_x(new QComboBox(m_axes)), m_y(new QComboBox(m_axes)), m_status(new QLabel(this))
{
    style::setUpPlot(m_plot);
    m_plot->setMinimumHeight(240);
    m_x->setToolTip(tr("The coordinate along the horizontal axis"));
    m_y->setToolTip(tr("The coordinate along the vertical axis"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *axes = new QHBoxLayout(m_axes);
    axes->setContentsMargins(0, 0, 0, 0);
    axes->addWidget(new QLabel(tr("Show"), m_axes));
    axes->addWidget(m_x, 1);
    axes->addWidget(new QLabel(tr("against"), m_axes));
    axes->addWidget(m_y, 1);
    m_grid->hide();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_axes);
    layout->addWidget(m_plot, 1);
    layout->addWidget(m_grid, 1);
    layout->addWidget(m_status);

    connect(m_x, &QComboBox::currentIndexChanged, this, &DatasetPreview::redraw);
    connect(m_y, &QComboBox::currentIndexChanged, this, &DatasetPreview::redraw);
}

QSize DatasetPreview::sizeHint() const
{
    return {320, 260};
}

void DatasetPreview::showDataset(const DatasetSpec &spec, std::uint64_t seed)
{
    DatasetSpec small = spec;
    if (isIdxKind(spec.kind))
        small.samples = std::min(spec.samples, kImagesDrawn); // a grid's worth, drawn as the run draws
    else if (spec.kind != QLatin1String("csv"))
        small.samples = std::min(spec.samples, kMaxShown); // the same shape, fewer points
    // The test fraction only splits the points, all of which are shown.
    QStringList key{small.kind, QString::number(small.dim), QString::number(small.samples),
                    QString::number(small.noise, 'g', 17), QString::number(small.classes), QString::number(seed)};
    for (const QString &path : {small.path, small.images, small.labels, small.testImages, small.testLabels}) {
        const QFileInfo file(path);
        key << path << file.lastModified().toString(Qt::ISODateWithMs) << QString::number(file.size());
    }
    if (key.join(QLatin1Char('|')) == m_key)
        return;
    m_key = key.join(QLatin1Char('|'));
    m_error.clear();
    m_grid->setImages({}, {}, 0, 0, {});
    try {
        small.testFraction = 0.5;
        const Dataset data = makeDataset(small, seed);
        const Eigen::Index n = std::min<Eigen::Index>(data.trainX.rows() + data.testX.rows(), kMaxShown);
        const Eigen::Index fromTrain = std::min<Eigen::Index>(data.trainX.rows(), n);
        m_points.resize(n, data.dim);
        m_labels.resize(n);
        m_points.topRows(fromTrain) = data.trainX.topRows(fromTrain);
        m_labels.head(fromTrain) = data.trainY.head(fromTrain);
        m_points.bottomRows(n - fromTrain) = data.testX.topRows(n - fromTrain);
        m_labels.tail(n - fromTrain) = data.testY.head(n - fromTrain);
        m_classes = data.classes;
        if (data.imageRows > 0) // the training draw first, as for the points
            m_grid->setImages(m_points, m_labels, data.imageRows, data.imageColumns, data.classNames);
    } catch (const std::exception &e) {
        m_error = QString::fromUtf8(e.what());
        m_points.resize(0, 0);
        m_labels.resize(0);
        m_classes = 0;
    }
    // One item per coordinate; the choice is kept when the dimension allows it.
    const int dim = m_grid->imageCount() > 0 ? 0 : int(m_points.cols()); // images: no coordinates to choose
    for (QComboBox *box : {m_x, m_y}) {
        const QSignalBlocker block(box);
        const int keep = box->currentIndex();
        box->clear();
        for (int k = 0; k < dim; ++k)
            box->addItem(tr("x%1").arg(style::subscript(k + 1)));
        box->setCurrentIndex(keep >= 0 && keep < dim ? keep : std::min(box == m_x ? 0 : 1, dim - 1));
        box->setEnabled(dim > 2);
    }
    redraw();
}

int DatasetPreview::shownPoints(int cls) const
{
    if (cls < 0 || cls >= m_plot->graphCount())
        return -1;
    return m_plot->graph(cls)->data()->size();
}

void DatasetPreview::redraw()
{
    const bool images = m_grid->imageCount() > 0;
    m_grid->setVisible(images);
    m_plot->setVisible(!images);
    m_axes->setVisible(!images);
    if (images) {
        m_status->setStyleSheet(QString());
        m_status->setTextFormat(Qt::PlainText);
        m_status->setText(tr("%1 of the images drawn, %2 × %3 pixels; %4 classes")
                              .arg(m_grid->imageCount())
                              .arg(m_grid->imageSize().height())
                              .arg(m_grid->imageSize().width())
                              .arg(m_classes));
        return;
    }
    m_plot->clearGraphs();
    const int cx = m_x->currentIndex(), cy = m_y->currentIndex();
    if (m_error.isEmpty() && cx >= 0 && cy >= 0) {
        std::vector<QVector<double>> xs(static_cast<size_t>(m_classes)), ys(static_cast<size_t>(m_classes));
        for (Eigen::Index i = 0; i < m_points.rows(); ++i) {
            const auto c = size_t(m_labels(i));
            xs[c] << m_points(i, cx);
            ys[c] << m_points(i, cy);
        }
        for (int c = 0; c < m_classes; ++c) {
            QCPGraph *graph = m_plot->addGraph();
            graph->setLineStyle(QCPGraph::lsNone);
            const QColor colour = style::categoryColor(c);
            graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, colour, colour, 3.5));
            graph->setData(xs[size_t(c)], ys[size_t(c)]);
        }
        m_plot->xAxis->setLabel(m_x->currentText());
        m_plot->yAxis->setLabel(m_y->currentText());
        m_plot->rescaleAxes();
        for (QCPAxis *axis : {m_plot->xAxis, m_plot->yAxis})
            axis->scaleRange(1.1, axis->range().center());
        // Equal scales, so that circles look round and distances read true:
        // the axis with room to spare widens, nothing is cut.
        const double xPerPixel = m_plot->xAxis->range().size() / std::max(1, m_plot->axisRect()->width());
        const double yPerPixel = m_plot->yAxis->range().size() / std::max(1, m_plot->axisRect()->height());
        if (yPerPixel < xPerPixel)
            m_plot->yAxis->setScaleRatio(m_plot->xAxis, 1.0);
        else
            m_plot->xAxis->setScaleRatio(m_plot->yAxis, 1.0);
        // The key under the plot, where it hides no point.
        QStringList key;
        for (int c = 0; c < std::min(m_classes, 8); ++c)
            key << tr("<span style=\"color:%1\">●</span> class %2 (%3)")
                       .arg(style::categoryColor(c).name())
                       .arg(c)
                       .arg(xs[size_t(c)].size());
        if (m_classes > 8)
            key << tr("… %1 classes").arg(m_classes);
        m_status->setStyleSheet(QString());
        m_status->setTextFormat(Qt::RichText);
        m_status->setText(key.join(QStringLiteral("&nbsp;&nbsp; ")));
    } else {
        m_status->setStyleSheet(QStringLiteral("color: #b00020;"));
        m_status->setTextFormat(Qt::PlainText);
        m_status->setText(m_error);
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace netbetti
