// The dataset designer in the Experiment panel: the preview draws the
// points the network will see, coloured by class, in two chosen
// coordinates, or for images (IDX files, Fashion-MNIST) a grid of samples
// with their classes; a CSV or IDX files set the input and output layers
// from their shape, or are refused with the line or field at fault and
// nothing changed.

#include "editor/DatasetPreview.h"
#include "IdxTestFiles.h"
#include "data/IdxDataset.h"
#include "document/ExperimentDocument.h"
#include "editor/ExperimentPanel.h"
#include "editor/ImageGrid.h"
#include "TestSupport.h"

#include <QDoubleSpinBox>

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QUndoStack>
#include <QtTest>
#include <qcustomplot.h>

using namespace netbetti;

namespace {

QComboBox *kindBox(ExperimentPanel &panel)
{
    for (QComboBox *c : panel.findChildren<QComboBox *>())
        if (c->findText(QStringLiteral("fashion-mnist")) >= 0)
            return c;
    return nullptr;
}

QLineEdit *fieldWithHint(ExperimentPanel &panel, const QString &hint)
{
    for (QLineEdit *e : panel.findChildren<QLineEdit *>())
        if (e->placeholderText().startsWith(hint))
            return e;
    return nullptr;
}

} // namespace

class TestDatasetDesigner : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

private Q_SLOTS:
    void planarSetsInThePlane()
    {
        DatasetPreview preview;
        DatasetSpec moons;
        moons.kind = QStringLiteral("moons");
        moons.dim = 2;
        moons.samples = 500;
        preview.showDataset(moons, 1);
        QCOMPARE(preview.errorMessage(), QString());
        QCOMPARE(preview.plot()->graphCount(), 2);
        QCOMPARE(preview.shownPoints(0) + preview.shownPoints(1), 500);
        QVERIFY(!preview.xCoordinateBox()->isEnabled()); // nothing to choose in the plane
        QCOMPARE(preview.plot()->xAxis->label(), QStringLiteral("x₁"));
        QCOMPARE(preview.plot()->yAxis->label(), QStringLiteral("x₂"));

        // Large sets are thinned to the same shape.
        moons.samples = 100'000;
        preview.showDataset(moons, 1);
        QCOMPARE(preview.shownPoints(0) + preview.shownPoints(1), DatasetPreview::kMaxShown);
    }

    void twoChosenCoordinatesOfTheBall()
    {
        DatasetPreview preview;
        DatasetSpec ball; // ball-in-cube in [0,1]^4
        ball.samples = 2000;
        preview.showDataset(ball, 7);
        QCOMPARE(preview.xCoordinateBox()->count(), 4);
        QVERIFY(preview.xCoordinateBox()->isEnabled());
        preview.xCoordinateBox()->setCurrentIndex(2);
        preview.yCoordinateBox()->setCurrentIndex(3);
        QCOMPARE(preview.plot()->xAxis->label(), QStringLiteral("x₃"));
        // Inside the ball in all four coordinates is inside the disc in any two.
        const auto inside = preview.plot()->graph(1)->data();
        QVERIFY(inside->size() > 100);
        for (auto it = inside->constBegin(); it != inside->constEnd(); ++it)
            QVERIFY((it->key - 0.5) * (it->key - 0.5) + (it->value - 0.5) * (it->value - 0.5) <= 0.25 + 1e-6);
        // The choice stays when the dataset changes but keeps its dimension.
        ball.noise = 0.01;
        preview.showDataset(ball, 7);
        QCOMPARE(preview.xCoordinateBox()->currentIndex(), 2);
    }

    void blobsOneColourPerClass()
    {
        DatasetPreview preview;
        DatasetSpec blobs;
        blobs.kind = QStringLiteral("blobs");
        blobs.dim = 3;
        blobs.classes = 5;
        preview.showDataset(blobs, 1);
        QCOMPARE(preview.plot()->graphCount(), 5);
        QSet<QRgb> colours;
        for (int c = 0; c < 5; ++c) {
            QVERIFY(preview.shownPoints(c) > 0);
            colours.insert(preview.plot()->graph(c)->scatterStyle().brush().color().rgb());
        }
        QCOMPARE(colours.size(), 5);
    }

    void formChangesReachThePreview()
    {
        ExperimentDocument document;
        ExperimentPanel panel(&document);
        auto *kind = panel.findChild<QComboBox *>(); // the first combo of the form is the dataset's kind
        for (QComboBox *c : panel.findChildren<QComboBox *>())
            if (c->findText(QStringLiteral("circles")) >= 0)
                kind = c;
        kind->setCurrentText(QStringLiteral("circles"));
        QCOMPARE(document.spec().dataset.kind, QStringLiteral("circles"));
        QCOMPARE(document.spec().model.layers.front(), 2);
        QCOMPARE(panel.datasetPreview()->xCoordinateBox()->count(), 2);
        QCOMPARE(panel.datasetPreview()->plot()->graphCount(), 2);
        document.undoStack()->undo();
        QCOMPARE(panel.datasetPreview()->xCoordinateBox()->count(), 4);

        // Blobs: the output layer follows the number of classes.
        kind->setCurrentText(QStringLiteral("blobs"));
        QSpinBox *classes = nullptr;
        for (QSpinBox *s : panel.findChildren<QSpinBox *>())
            if (s->maximum() == 1000 && s->isEnabled())
                classes = s;
        QVERIFY(classes);
        classes->setValue(5);
        QCOMPARE(document.spec().model.layers, (std::vector<int>{4, 64, 64, 5}));
        QCOMPARE(panel.datasetPreview()->plot()->graphCount(), 5);
    }

    void importACsv()
    {
        ExperimentDocument document;
        ExperimentPanel panel(&document);
        const QString path = test::writeTestFile(m_dir, QStringLiteral("three.csv"),
                                                 "a,b,c,kind\n0,0,0,red\n1,0,0,green\n0,1,0,blue\n0,0,1,red\n"
                                                 "1,1,0,green\n1,1,1,blue\n");
        QVERIFY(panel.importCsv(path));
        QCOMPARE(document.spec().dataset.kind, QStringLiteral("csv"));
        QCOMPARE(document.spec().dataset.path, path);
        QCOMPARE(document.spec().model.layers, (std::vector<int>{3, 64, 64, 3}));
        QVERIFY2(panel.isValid(), qPrintable(panel.validationMessage()));
        QCOMPARE(panel.datasetPreview()->plot()->graphCount(), 3);
        QCOMPARE(panel.datasetPreview()->shownPoints(0) + panel.datasetPreview()->shownPoints(1)
                     + panel.datasetPreview()->shownPoints(2),
                 6);
        QCOMPARE(document.undoStack()->count(), 1);
        document.undoStack()->undo();
        QVERIFY(sameSpec(document.spec(), builtInExample()));

        // Typed rather than imported: the layers follow once the path reads.
        for (QComboBox *c : panel.findChildren<QComboBox *>())
            if (c->findText(QStringLiteral("csv")) >= 0)
                c->setCurrentText(QStringLiteral("csv"));
        QVERIFY(!panel.isValid()); // no path yet
        QLineEdit *pathField = nullptr;
        for (QLineEdit *e : panel.findChildren<QLineEdit *>())
            if (e->placeholderText().contains(QStringLiteral("CSV")))
                pathField = e;
        QVERIFY(pathField);
        pathField->setText(path);
        QVERIFY2(panel.isValid(), qPrintable(panel.validationMessage()));
        QCOMPARE(document.spec().model.layers, (std::vector<int>{3, 64, 64, 3}));
    }

    void aBadCsvChangesNothing()
    {
        ExperimentDocument document;
        ExperimentPanel panel(&document);
        const QString path = test::writeTestFile(m_dir, QStringLiteral("ragged.csv"),
                                                 "x,y,label\n0,0,0\n1,1,1\n2,2\n3,3,0\n");
        QVERIFY(!panel.importCsv(path));
        QVERIFY(sameSpec(document.spec(), builtInExample()));
        QCOMPARE(document.undoStack()->count(), 0);
        QLabel *message = nullptr;
        for (QLabel *l : panel.findChildren<QLabel *>())
            if (l->text().contains(QStringLiteral("ragged.csv")))
                message = l;
        QVERIFY(message);
        QVERIFY2(message->text().contains(QStringLiteral("line 4")), qPrintable(message->text()));
        QVERIFY(message->isVisibleTo(&panel));

        // A spec that names the file: the preview and the form both say why.
        ExperimentSpec spec = builtInExample();
        spec.dataset.kind = QStringLiteral("csv");
        spec.dataset.path = path;
        document.reset(spec);
        QVERIFY(!panel.isValid());
        QVERIFY(panel.validationMessage().contains(QStringLiteral("line 4")));
        QVERIFY(panel.datasetPreview()->errorMessage().contains(QStringLiteral("line 4")));
        QCOMPARE(panel.datasetPreview()->plot()->graphCount(), 0);
    }

    void fashionMnistAsAGridOfImages()
    {
        DatasetPreview preview;
        preview.resize(480, 420);
        DatasetSpec fashion;
        fashion.kind = QStringLiteral("fashion-mnist");
        fashion.samples = 6000;
        preview.showDataset(fashion, 1);
        QCOMPARE(preview.errorMessage(), QString());
        ImageGrid *grid = preview.imageGrid();
        QCOMPARE(grid->imageCount(), ImageGrid::kColumns * ImageGrid::kRows);
        QCOMPARE(grid->imageSize(), QSize(28, 28));
        QVERIFY(!grid->isHidden());
        QVERIFY(preview.plot()->isHidden()); // no scatter of 784 coordinates
        QVERIFY(preview.statusLabel()->text().contains(QStringLiteral("28 × 28 pixels; 10 classes")));
        // The captions are the classes of the images the run draws first.
        DatasetSpec drawn = fashion;
        drawn.samples = DatasetPreview::kImagesDrawn;
        const Dataset data = makeDataset(drawn, 1);
        for (int i = 0; i < grid->imageCount(); ++i)
            QCOMPARE(grid->caption(i), fashionMnistClassNames()[int(data.trainY(i))]);
        // Drawn: dark pixels of the garments on white.
        QCoreApplication::processEvents();
        const QImage shot = grid->grab().toImage();
        int dark = 0;
        for (int y = 0; y < shot.height(); ++y)
            for (int x = 0; x < shot.width(); ++x)
                dark += qGray(shot.pixel(x, y)) < 80;
        QVERIFY2(dark > shot.width() * shot.height() / 20, qPrintable(QString::number(dark)));

        // Back to points: the plot returns and the grid goes.
        preview.showDataset(DatasetSpec{}, 1);
        QVERIFY(grid->isHidden());
        QVERIFY(!preview.plot()->isHidden());
    }

    void choosingFashionMnistSetsTheLayers()
    {
        ExperimentDocument document;
        ExperimentPanel panel(&document);
        kindBox(panel)->setCurrentText(QStringLiteral("fashion-mnist"));
        QVERIFY2(panel.isValid(), qPrintable(panel.validationMessage()));
        QCOMPARE(document.spec().dataset.kind, QStringLiteral("fashion-mnist"));
        QCOMPARE(document.spec().model.layers, (std::vector<int>{784, 64, 64, 10}));
        QCOMPARE(panel.datasetPreview()->imageGrid()->imageCount(), ImageGrid::kColumns * ImageGrid::kRows);
        // The files decide the split and the shape: those fields are off.
        for (QDoubleSpinBox *s : panel.findChildren<QDoubleSpinBox *>())
            if (s->maximum() == 0.999)
                QVERIFY(!s->isEnabled()); // the test fraction
        QVERIFY(!fieldWithHint(panel, QStringLiteral("IDX file of the images"))->isEnabled());
        document.undoStack()->undo();
        QCOMPARE(document.spec().model.layers, (std::vector<int>{4, 64, 64, 2}));
    }

    void idxFilesTypedInTheForm()
    {
        ExperimentDocument document;
        ExperimentPanel panel(&document);
        const auto [images, labels] = test::numberedImages(60, 4, 5, 3);
        const QString imagesPath = test::writeTestFile(m_dir, QStringLiteral("form-images.idx.gz"), test::gzipped(images));
        const QString labelsPath = test::writeTestFile(m_dir, QStringLiteral("form-labels.idx"), labels);
        kindBox(panel)->setCurrentText(QStringLiteral("idx"));
        QVERIFY(!panel.isValid()); // no files yet
        QVERIFY2(panel.validationMessage().contains(QStringLiteral("dataset.images")), qPrintable(panel.validationMessage()));
        QLineEdit *imagesField = fieldWithHint(panel, QStringLiteral("IDX file of the images"));
        QLineEdit *labelsField = fieldWithHint(panel, QStringLiteral("IDX file of their labels"));
        QVERIFY(imagesField && labelsField && imagesField->isEnabled());
        imagesField->setText(imagesPath);
        labelsField->setText(labelsPath);
        // 2000 samples of 60 images: refused, naming both numbers; 60 are fine.
        QVERIFY(!panel.isValid());
        QVERIFY2(panel.validationMessage().contains(QStringLiteral("dataset.samples = 2000: the image files hold 60 images")),
                 qPrintable(panel.validationMessage()));
        QSpinBox *samples = nullptr;
        for (QSpinBox *s : panel.findChildren<QSpinBox *>())
            if (s->maximum() == 10'000'000 && s->value() == 2000)
                samples = s;
        QVERIFY(samples);
        samples->setValue(60);
        QVERIFY2(panel.isValid(), qPrintable(panel.validationMessage()));
        QCOMPARE(document.spec().dataset.images, imagesPath);
        QCOMPARE(document.spec().model.layers, (std::vector<int>{20, 64, 64, 3}));
        QCOMPARE(panel.datasetPreview()->imageGrid()->imageCount(), 32); // 30 of the training draw, 2 of the test
        QCOMPARE(panel.datasetPreview()->imageGrid()->caption(0).left(6), QStringLiteral("class "));

        // Labels that do not match the images: named, marked, nothing changes.
        const QString fewer = test::writeTestFile(m_dir, QStringLiteral("form-fewer.idx"),
                                                  test::idxFile(0x08, {59}, QByteArray(59, '\1')));
        const ExperimentSpec before = document.spec();
        labelsField->setText(fewer);
        QVERIFY(!panel.isValid());
        QVERIFY2(panel.validationMessage().startsWith(fewer + QStringLiteral(": number of labels = 59")),
                 qPrintable(panel.validationMessage()));
        QVERIFY(labelsField->property("invalid").toBool());
        QVERIFY(sameSpec(document.spec(), before));
        QVERIFY(!panel.trainButton()->isEnabled());
    }

    void fashionMnistNotInstalledNamesThePackage()
    {
        QTemporaryDir empty;
        qputenv("NETBETTI_FASHION_MNIST_DIR", empty.path().toUtf8());
        ExperimentDocument document;
        ExperimentPanel panel(&document);
        kindBox(panel)->setCurrentText(QStringLiteral("fashion-mnist"));
        const QString form = panel.validationMessage();
        ExperimentSpec spec = builtInExample();
        spec.dataset.kind = QStringLiteral("fashion-mnist");
        spec.model.layers = {784, 64, 10};
        document.reset(spec);
        const QString preview = panel.datasetPreview()->errorMessage();
        qunsetenv("NETBETTI_FASHION_MNIST_DIR");
        QVERIFY2(form.contains(QStringLiteral("apt install dataset-fashion-mnist")), qPrintable(form));
        QVERIFY(!panel.isValid());
        QVERIFY2(preview.contains(QStringLiteral("dataset-fashion-mnist")), qPrintable(preview));
    }
};

QTEST_MAIN(TestDatasetDesigner)
#include "tst_dataset_designer.moc"
