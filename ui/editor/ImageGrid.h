#pragma once
// Sample images of a dataset in a grid, each with its class under it and a
// frame in the class's colour: what the network is asked to tell apart.
// It draws the images it is given and nothing else.

#include "data/Dataset.h"

#include <QImage>
#include <QWidget>

namespace netbetti {

class ImageGrid : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kColumns = 8;
    static constexpr int kRows = 4;

    explicit ImageGrid(QWidget *parent = nullptr);

    /// The first kColumns × kRows rows of `pixels` (values in [0, 1], each
    /// row an image of rows × columns, row by row) with their labels.
    void setImages(const FeatureMatrix &pixels, const LabelVector &labels, int rows, int columns,
                   const QStringList &classNames);
    int imageCount() const { return int(m_labels.size()); }
    /// Columns × rows of the images shown; empty when none is.
    QSize imageSize() const { return m_images.empty() ? QSize() : m_images.front().size(); }
    /// What the caption under image i says ("Sneaker", or "class 7").
    QString caption(int i) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    std::vector<QImage> m_images;
    std::vector<int> m_labels;
    QStringList m_classNames;
};

} // namespace netbetti
