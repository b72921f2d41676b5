#pragma once
// The dataset as the network will see it: its points in the plane, one
// colour per class; for more than two dimensions, the two coordinates the
// user picks; for images (IDX files, Fashion-MNIST), a grid of samples with
// their classes. A dataset that cannot be made (a CSV that does not read, a
// damaged IDX file, a data package not installed) is shown as the reason,
// naming the file and the line or field.

#include "data/Dataset.h"

#include <QWidget>

class QComboBox;
class QCustomPlot;
class QLabel;

namespace netbetti {

class ImageGrid;

class DatasetPreview : public QWidget
{
    Q_OBJECT
public:
    /// Points drawn at most: enough to see the shape, few enough to redraw
    /// while a spin box is held.
    static constexpr int kMaxShown = 3000;
    /// Images drawn from an image dataset to fill the grid (from its training draw).
    static constexpr int kImagesDrawn = 64;

    explicit DatasetPreview(QWidget *parent = nullptr);

    /// Makes (or reads) the dataset and draws it; does nothing when neither
    /// the dataset nor the seed changed.
    void showDataset(const DatasetSpec &spec, std::uint64_t seed);

    QCustomPlot *plot() const { return m_plot; }
    QComboBox *xCoordinateBox() const { return m_x; }
    QComboBox *yCoordinateBox() const { return m_y; }
    /// Shown instead of the plot when the points are images.
    ImageGrid *imageGrid() const { return m_grid; }
    QLabel *statusLabel() const { return m_status; }
    /// Points drawn for one class; −1 for a class that is not there.
    int shownPoints(int cls) const;
    /// Why the dataset could not be made; empty when it is drawn.
    QString errorMessage() const { return m_error; }

    QSize sizeHint() const override;

private:
    void redraw();

    QCustomPlot *m_plot;
    ImageGrid *m_grid;
    QWidget *m_axes;
    QComboBox *m_x, *m_y;
    QLabel *m_status;
    QString m_key; // what the points were made from
    FeatureMatrix m_points;
    LabelVector m_labels;
    int m_classes = 0;
    QString m_error;
};

} // namespace netbetti
