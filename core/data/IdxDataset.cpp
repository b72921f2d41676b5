#include "IdxDataset.h"

#include "Error.h"
#include "data/IdxFile.h"

#include <QFile>
#include <QFileInfo>
#include <algorithm>
#include <cmath>
#include <list>
#include <memory>
#include <mutex>
#include <numeric>
#include <optional>
#include <random>
#include <sys/stat.h>
#include <ctime>

namespace netbetti {

namespace {

/// Parsed files, kept while they are unchanged: Fashion-MNIST's training
/// images take a few tenths of a second to inflate, and the window asks
/// for the shape and the preview on every edit.
class IdxCache
{
public:
    std::shared_ptr<const IdxArray> read(const QString &path)
    {
        // The key is what stat says of the file. A file rewritten in place
        // within the clock's tick keeps all of it, so (as git treats a
        // "racily clean" index) a file read within a second of its last
        // change is read again next time rather than trusted.
        struct stat st{};
        const QString absolute = QFileInfo(path).absoluteFilePath();
        if (::stat(QFile::encodeName(absolute).constData(), &st) != 0)
            return std::make_shared<const IdxArray>(readIdx(path)); // says why it cannot be read
        const QString key = QStringLiteral("%1|%2|%3|%4.%5|%6.%7")
                                .arg(absolute)
                                .arg(qint64(st.st_size))
                                .arg(quint64(st.st_ino))
                                .arg(qint64(st.st_mtim.tv_sec))
                                .arg(qint64(st.st_mtim.tv_nsec))
                                .arg(qint64(st.st_ctim.tv_sec))
                                .arg(qint64(st.st_ctim.tv_nsec));
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            for (auto it = m_entries.begin(); it != m_entries.end(); ++it)
                if (it->first == key) {
                    m_entries.splice(m_entries.begin(), m_entries, it);
                    return it->second;
                }
        }
        auto array = std::make_shared<const IdxArray>(readIdx(path)); // outside the lock: slow
        timespec now{};
        clock_gettime(CLOCK_REALTIME, &now);
        if (now.tv_sec - st.st_mtim.tv_sec < 2 || now.tv_sec - st.st_ctim.tv_sec < 2)
            return array; // too fresh to trust its stamp
        std::lock_guard<std::mutex> lock(m_mutex);
        m_entries.emplace_front(key, array);
        if (m_entries.size() > kEntries)
            m_entries.pop_back();
        return array;
    }

private:
    static constexpr size_t kEntries = 6; // two pairs of files and a spare
    std::mutex m_mutex;
    std::list<std::pair<QString, std::shared_ptr<const IdxArray>>> m_entries;
};

IdxCache &cache()
{
    static IdxCache instance;
    return instance;
}

/// Values per image at most: a 128 × 128 image; the input layer is as wide.
constexpr qint64 kMaxImageSize = 16384;

/// A pair of files read and checked against each other.
struct ImagePair
{
    std::shared_ptr<const IdxArray> images;
    std::vector<int> labels;
};

void checkImages(const IdxArray &a, const QString &file)
{
    const bool bytes = a.type == IdxArray::UnsignedByte;
    const bool reals = a.type == IdxArray::Float || a.type == IdxArray::Double;
    if (!bytes && !reals)
        throw InputError(file, QStringLiteral("element type"), QStringLiteral("0x%1").arg(int(a.type), 2, 16, QLatin1Char('0')),
                         QStringLiteral("images must be unsigned bytes (pixels 0..255) or floats in [0, 1]"));
    if (a.sizes.size() < 2)
        throw InputError(file, QStringLiteral("sizes"), a.shapeText(),
                         QStringLiteral("a file of labels, not of images (images have 2 or more dimensions)"));
    if (a.itemSize() > kMaxImageSize)
        throw InputError(file, QStringLiteral("sizes"), a.shapeText(),
                         QStringLiteral("more than %1 values per image").arg(kMaxImageSize));
    if (reals) {
        const qint64 n = a.count() * a.itemSize();
        for (qint64 i = 0; i < n; ++i) {
            const double v = a.value(i);
            if (!(v >= 0.0 && v <= 1.0))
                throw InputError(file, QStringLiteral("image %1, pixel %2").arg(i / a.itemSize()).arg(i % a.itemSize()),
                                 QString::number(v), QStringLiteral("float pixels must lie in [0, 1]"));
        }
    }
}

ImagePair readPair(const QString &imagesFile, const QString &labelsFile)
{
    ImagePair pair;
    pair.images = cache().read(imagesFile);
    checkImages(*pair.images, imagesFile);
    const std::shared_ptr<const IdxArray> labels = cache().read(labelsFile);
    const IdxArray &l = *labels;
    if (l.type == IdxArray::Float || l.type == IdxArray::Double)
        throw InputError(labelsFile, QStringLiteral("element type"), QStringLiteral("0x%1").arg(int(l.type), 2, 16, QLatin1Char('0')),
                         QStringLiteral("labels must be integers 0..255"));
    if (l.itemSize() != 1)
        throw InputError(labelsFile, QStringLiteral("sizes"), l.shapeText(),
                         QStringLiteral("expected one label per item (a file of N labels)"));
    if (l.count() != pair.images->count())
        throw InputError(labelsFile, QStringLiteral("number of labels"), QString::number(l.count()),
                         QStringLiteral("%1 holds %2 images: one label per image")
                             .arg(imagesFile)
                             .arg(pair.images->count()));
    pair.labels.resize(size_t(l.count()));
    for (qint64 i = 0; i < l.count(); ++i) {
        const double v = l.value(i);
        if (v < 0 || v > 255)
            throw InputError(labelsFile, QStringLiteral("label %1").arg(i), QString::number(v),
                             QStringLiteral("outside 0..255"));
        pair.labels[size_t(i)] = int(v);
    }
    return pair;
}

struct Pairs
{
    ImagePair train;
    std::optional<ImagePair> test;
    int classes = 0;
    IdxFiles files;
};

Pairs readPairs(const DatasetSpec &spec)
{
    Pairs p;
    p.files = idxFilesOf(spec);
    p.train = readPair(p.files.images, p.files.labels);
    if (!p.files.testImages.isEmpty()) {
        p.test = readPair(p.files.testImages, p.files.testLabels);
        if (p.test->images->itemSize() != p.train.images->itemSize())
            throw InputError(p.files.testImages, QStringLiteral("sizes"), p.test->images->shapeText(),
                             QStringLiteral("the training images are %1").arg(p.train.images->shapeText()));
    }
    int top = *std::max_element(p.train.labels.begin(), p.train.labels.end());
    if (p.test)
        top = std::max(top, *std::max_element(p.test->labels.begin(), p.test->labels.end()));
    if (top < 1)
        throw InputError(p.files.labels, QStringLiteral("labels"), QString::number(top),
                         QStringLiteral("every label is 0: a classifier needs at least two classes"));
    p.classes = top + 1; // labels are the classes 0..max, as in MNIST
    return p;
}

void copyItems(const ImagePair &pair, const std::vector<qint64> &items, FeatureMatrix &x, LabelVector &y)
{
    const IdxArray &a = *pair.images;
    const qint64 size = a.itemSize();
    x.resize(Eigen::Index(items.size()), Eigen::Index(size));
    y.resize(Eigen::Index(items.size()));
    const auto *bytes = reinterpret_cast<const unsigned char *>(a.elements.constData());
    for (size_t r = 0; r < items.size(); ++r) {
        const qint64 item = items[r];
        for (qint64 k = 0; k < size; ++k)
            x(Eigen::Index(r), Eigen::Index(k)) = a.type == IdxArray::UnsignedByte
                                                      ? float(bytes[item * size + k]) / 255.0f
                                                      : float(a.value(item * size + k));
        y(Eigen::Index(r)) = pair.labels[size_t(item)];
    }
}

/// `count` distinct items of `total`, in a seeded random order.
std::vector<qint64> drawItems(qint64 total, qint64 count, std::mt19937_64 &rng)
{
    std::vector<qint64> order{};
    order.resize(size_t(total));
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), rng);
    order.resize(size_t(count));
    return order;
}

[[noreturn]] void tooFew(const DatasetSpec &spec, qint64 held, const QString &where)
{
    throw InputError(QString(), QStringLiteral("dataset.samples"), QString::number(spec.samples),
                     QStringLiteral("%1 holds %2 images").arg(where).arg(held));
}

QString orPlain(const QString &gzipped)
{
    // A copy of the folder with the files inflated reads as well.
    const QString plain = gzipped.chopped(3);
    return !QFileInfo::exists(gzipped) && QFileInfo::exists(plain) ? plain : gzipped;
}

} // namespace

QString fashionMnistFolder()
{
    const QString custom = qEnvironmentVariable("NETBETTI_FASHION_MNIST_DIR");
    return custom.isEmpty() ? QStringLiteral("/usr/share/datasets/fashion-mnist") : custom;
}

QStringList fashionMnistClassNames()
{
    return {QStringLiteral("T-shirt/top"), QStringLiteral("Trouser"), QStringLiteral("Pullover"),
            QStringLiteral("Dress"),       QStringLiteral("Coat"),    QStringLiteral("Sandal"),
            QStringLiteral("Shirt"),       QStringLiteral("Sneaker"), QStringLiteral("Bag"),
            QStringLiteral("Ankle boot")};
}

IdxFiles idxFilesOf(const DatasetSpec &spec)
{
    if (spec.kind == QLatin1String("fashion-mnist")) {
        const QString dir = fashionMnistFolder() + QLatin1Char('/');
        IdxFiles f{orPlain(dir + QStringLiteral("train-images-idx3-ubyte.gz")),
                   orPlain(dir + QStringLiteral("train-labels-idx1-ubyte.gz")),
                   orPlain(dir + QStringLiteral("t10k-images-idx3-ubyte.gz")),
                   orPlain(dir + QStringLiteral("t10k-labels-idx1-ubyte.gz"))};
        for (const QString &file : {f.images, f.labels, f.testImages, f.testLabels})
            if (!QFileInfo::exists(file))
                throw InputError(file, QStringLiteral("dataset.kind"), QStringLiteral("\"fashion-mnist\""),
                                 QStringLiteral("Fashion-MNIST is not installed: install the Debian package %1 "
                                                "(sudo apt install %1)")
                                     .arg(QLatin1String(kFashionMnistPackage)));
        return f;
    }
    const std::pair<const char *, const QString *> required[] = {{"dataset.images", &spec.images},
                                                                 {"dataset.labels", &spec.labels}};
    for (const auto &[field, value] : required)
        if (value->isEmpty())
            throw InputError(QString(), QLatin1String(field), QString(),
                             QStringLiteral("an idx dataset needs the paths of its images and labels"));
    if (spec.testImages.isEmpty() != spec.testLabels.isEmpty())
        throw InputError(QString(), spec.testImages.isEmpty() ? QStringLiteral("dataset.test_images")
                                                              : QStringLiteral("dataset.test_labels"),
                         QString(), QStringLiteral("test images and test labels go together: give both or neither"));
    return {spec.images, spec.labels, spec.testImages, spec.testLabels};
}

Dataset makeIdxDataset(const DatasetSpec &spec, std::uint64_t seed)
{
    const Pairs p = readPairs(spec);
    std::mt19937_64 rng(seed);
    Dataset d;
    const qint64 samples = spec.samples;
    if (p.test) {
        // The files' own split, in their proportion (Fashion-MNIST: 1 in 7 for testing).
        const qint64 trainHeld = p.train.images->count(), testHeld = p.test->images->count();
        if (samples > trainHeld + testHeld)
            tooFew(spec, trainHeld + testHeld, QStringLiteral("%1 with %2").arg(p.files.images, p.files.testImages));
        const qint64 testCount = std::clamp<qint64>(
            std::min<qint64>(std::llround(double(samples) * double(testHeld) / double(trainHeld + testHeld)), testHeld),
            1, samples - 1);
        if (samples - testCount > trainHeld)
            tooFew(spec, trainHeld, p.files.images);
        copyItems(p.train, drawItems(trainHeld, samples - testCount, rng), d.trainX, d.trainY);
        copyItems(*p.test, drawItems(testHeld, testCount, rng), d.testX, d.testY);
    } else {
        const qint64 held = p.train.images->count();
        if (samples > held)
            tooFew(spec, held, p.files.images);
        const std::vector<qint64> items = drawItems(held, samples, rng);
        const qint64 testCount = std::clamp<qint64>(std::llround(double(samples) * spec.testFraction), 1, samples - 1);
        copyItems(p.train, {items.begin(), items.begin() + testCount}, d.testX, d.testY);
        copyItems(p.train, {items.begin() + testCount, items.end()}, d.trainX, d.trainY);
    }
    d.dim = int(p.train.images->itemSize());
    d.classes = p.classes;
    const std::vector<qint64> &sizes = p.train.images->sizes;
    if (sizes.size() == 3) {
        d.imageRows = int(sizes[1]);
        d.imageColumns = int(sizes[2]);
    }
    if (spec.kind == QLatin1String("fashion-mnist") && d.classes == 10)
        d.classNames = fashionMnistClassNames();
    return d;
}

DatasetShape idxDatasetShape(const DatasetSpec &spec)
{
    const Pairs p = readPairs(spec);
    return {int(p.train.images->itemSize()), p.classes,
            p.train.images->count() + (p.test ? p.test->images->count() : 0)};
}

} // namespace netbetti
