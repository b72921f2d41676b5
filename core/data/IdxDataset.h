#pragma once
// Datasets of images in IDX files: the "idx" kind (any pair of image and
// label files, MNIST's format) and "fashion-mnist" (Debian's package
// dataset-fashion-mnist, no paths needed). Pixels are scaled to [0, 1] and
// each image is flattened row by row into one input vector.

#include "data/Dataset.h"

namespace netbetti {

/// Where Debian installs Fashion-MNIST; $NETBETTI_FASHION_MNIST_DIR, when
/// set, names another folder with the same four files.
QString fashionMnistFolder();
/// The Debian package that holds it, named in the message when it is missing.
inline constexpr const char *kFashionMnistPackage = "dataset-fashion-mnist";
/// Fashion-MNIST's ten classes, in label order.
QStringList fashionMnistClassNames();

/// The image and label files a spec of an IDX kind reads: train pair first,
/// then the test pair (empty for an "idx" spec without one).
struct IdxFiles
{
    QString images, labels, testImages, testLabels;
};
/// Throws InputError naming the package to install when Fashion-MNIST is not there.
IdxFiles idxFilesOf(const DatasetSpec &spec);

/// Reads the files (inflated and parsed once per version of a file: the
/// window asks on every edit) and draws spec.samples of the images with the
/// seed: with a test pair, train and test points in the files' proportion,
/// else test_fraction of them held out. Throws InputError naming the file,
/// the field and the value (sizes that disagree, a label outside 0..255,
/// pixels that are not bytes or in [0, 1]), or dataset.samples when the
/// files hold fewer images.
Dataset makeIdxDataset(const DatasetSpec &spec, std::uint64_t seed);
/// Input dimension and classes from the files.
DatasetShape idxDatasetShape(const DatasetSpec &spec);

} // namespace netbetti
