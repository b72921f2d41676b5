#pragma once
// Labelled point sets for classification: the generators of the reference
// experiments (ball in cube, moons, ...), CSV files from elsewhere, and
// images in IDX files (MNIST's format; Fashion-MNIST from Debian).

#include <Eigen/Core>
#include <QString>
#include <QStringList>
#include <cstdint>

namespace netbetti {

using FeatureMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using LabelVector = Eigen::Matrix<std::int64_t, Eigen::Dynamic, 1>;

/// What to generate or load. Field names follow the spec's "dataset" object.
struct DatasetSpec
{
    QString kind = QStringLiteral("ball-in-cube"); ///< see datasetKinds()
    int dim = 4;               ///< input dimension (2 for the planar kinds)
    int samples = 2000;        ///< total number of points, before the split
    double testFraction = 0.5; ///< share of the points held out for testing
    double noise = 0.0;        ///< standard deviation of Gaussian jitter
    int classes = 2;           ///< for "blobs"; the other generators are binary
    QString path;              ///< for "csv": the file to read
    /// For "idx": IDX files of images and of their labels (gzip or plain);
    /// the test pair is optional (without it, test_fraction splits).
    QString images, labels, testImages, testLabels;
};

/// Points as rows, labels 0..classes-1, split into train and test.
struct Dataset
{
    FeatureMatrix trainX, testX;
    LabelVector trainY, testY;
    int dim = 0;
    int classes = 0;
    /// Items that are images (IDX files of N × rows × columns): their shape,
    /// 0 × 0 otherwise. Rows are the images flattened row by row.
    int imageRows = 0, imageColumns = 0;
    QStringList classNames; ///< names of the classes when the data has them (Fashion-MNIST)
};

/// The input dimension and number of classes of a dataset, without making
/// it: from the spec for the generators, from the files for csv and IDX.
struct DatasetShape
{
    int dim = 0, classes = 0;
    qint64 points = -1; ///< how many the files hold (IDX kinds: the most samples can ask); -1 unbounded
};

/// The kinds makeDataset understands, in the order a UI should offer them.
QStringList datasetKinds();
/// True for kinds that are defined in the plane only (dim must be 2).
bool isPlanarKind(const QString &kind);
/// True for the kinds read from IDX files ("idx", "fashion-mnist").
bool isIdxKind(const QString &kind);
/// True for the kinds whose points come from files (csv and the IDX kinds):
/// their shape is the files', and dim and noise do not apply.
bool isFileKind(const QString &kind);
/// Throws InputError as makeDataset would (a file that does not read).
DatasetShape datasetShape(const DatasetSpec &spec);

/// Generates (or, for "csv", reads) the dataset; the same spec and seed give
/// the same points. Throws InputError naming the field or the CSV line.
Dataset makeDataset(const DatasetSpec &spec, std::uint64_t seed);

/// Reads a CSV of numeric columns whose last column is the class label
/// (integers, or any strings, mapped to 0..k-1 in order of first appearance).
/// A header line is allowed. Throws InputError naming the file, line and value
/// for ragged rows, non-numbers, fewer than two classes or an empty file.
void readLabelledCsv(const QString &path, FeatureMatrix &x, LabelVector &y, int &classes);
/// The same on bytes already in memory; fileName is used in messages only.
void parseLabelledCsv(const QByteArray &bytes, const QString &fileName, FeatureMatrix &x, LabelVector &y,
                      int &classes);

} // namespace netbetti
