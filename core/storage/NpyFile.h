#pragma once
// NumPy .npy files (format version 1.0/2.0): the distance matrices of a run
// folder, and matrices users bring from elsewhere.

#include <Eigen/Core>
#include <QString>

namespace netbetti {

using FloatMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// Writes a 2-D little-endian float32 array ('<f4', C order), header padded so
/// that the data starts at a multiple of 64 bytes. Atomic (QSaveFile); throws
/// RunError naming the file and the cause when the write fails.
void writeNpy(const QString &path, const FloatMatrix &matrix);

/// Reads a 2-D array of '<f4' or '<f8' (C or Fortran order) as float32.
/// Throws InputError naming the file and what is wrong (magic, version,
/// header, dtype, shape, truncated data). Never allocates more than the file
/// can hold.
FloatMatrix readNpy(const QString &path);
/// The same on bytes already in memory; fileName is used in messages only.
FloatMatrix parseNpy(const QByteArray &bytes, const QString &fileName);

} // namespace netbetti
