#include "editor/ImageGrid.h"

#include "plots/PlotStyle.h"

#include <QPainter>
#include <algorithm>
#include <cmath>

namespace netbetti {

namespace {

constexpr int kCaption = 14; // pixels under each image for its class
constexpr int kGap = 4;

} // namespace

ImageGrid::ImageGrid(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void ImageGrid::setImages(const FeatureMatrix &pixels, const LabelVector &labels, int rows, int columns,
                          const QStringList &classNames)
{
    m_images.clear();
    m_labels.clear();
    m_classNames = classNames;
    const Eigen::Index shown = std::min<Eigen::Index>(pixels.rows(), kColumns * kRows);
    for (Eigen::Index i = 0; rows * columns == pixels.cols() && i < shown; ++i) {
        QImage image(columns, rows, QImage::Format_Grayscale8);
        for (int r = 0; r < rows; ++r) {
            uchar *line = image.scanLine(r);
            for (int c = 0; c < columns; ++c) // dark on light, as a printed figure shows them
                line[c] = uchar(std::lround(255.0 * (1.0 - double(pixels(i, r * columns + c)))));
        }
        m_images.push_back(image);
        m_labels.push_back(int(labels(i)));
    }
    updateGeometry();
    update();
}

QString ImageGrid::caption(int i) const
{
    const int label = m_labels[size_t(i)];
    return label < m_classNames.size() ? m_classNames[label] : tr("class %1").arg(label);
}

QSize ImageGrid::sizeHint() const
{
    return {kColumns * (56 + kGap), kRows * (56 + kCaption + kGap)};
}

QSize ImageGrid::minimumSizeHint() const
{
    return {kColumns * (28 + kGap), kRows * (28 + kCaption + kGap)};
}

void ImageGrid::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), Qt::white);
    const int count = imageCount();
    if (count == 0)
        return;
    // Square cells as large as the width allows, whole pixels of the image each.
    const int cellWidth = std::max(16, (width() - kGap) / kColumns - kGap);
    const int side = std::min(cellWidth, (height() - kGap) / kRows - kCaption - kGap);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.8);
    painter.setFont(small);
    for (int i = 0; i < count; ++i) {
        const int x = kGap + (i % kColumns) * (cellWidth + kGap);
        const int y = kGap + (i / kColumns) * (side + kCaption + kGap);
        const QRect box(x + (cellWidth - side) / 2, y, side, side);
        painter.drawImage(box, m_images[size_t(i)]); // nearest neighbour: pixels stay pixels
        const QColor colour = style::categoryColor(m_labels[size_t(i)]);
        painter.setPen(QPen(colour, 2));
        painter.drawRect(box.adjusted(-1, -1, 0, 0));
        painter.setPen(colour.darker(130));
        painter.drawText(QRect(x - kGap / 2, y + side, cellWidth + kGap, kCaption), Qt::AlignCenter,
                         painter.fontMetrics().elidedText(caption(i), Qt::ElideRight, cellWidth + kGap));
    }
}

} // namespace netbetti
