#pragma once
// What an experiment says about training and probing, as plain values: the
// spec, the run folder and the window read these without LibTorch, which
// only Trainer.cpp includes.

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <vector>

namespace netbetti {

struct TrainingSpec
{
    int epochs = 20;
    int batchSize = 32;
    QString optimizer = QStringLiteral("adam"); ///< "adam" or "sgd"
    double learningRate = 0.001;
};

inline QStringList optimizerNames()
{
    return {QStringLiteral("adam"), QStringLiteral("sgd")};
}

enum class ProbeSet { Test, Train, All };
enum class OutputValues { Softmax, Logits };

struct ProbeSettings
{
    std::vector<int> layers; ///< layer indices, 0 = input
    OutputValues output = OutputValues::Softmax;
    ProbeSet probe = ProbeSet::Test;
};

/// What training needs to continue where it stopped: the module's
/// parameters and the optimizer's state (Adam's moments and step counts), as
/// LibTorch serialises them (torch::save archives).
struct TrainerState
{
    QByteArray model;
    QByteArray optimizer;
};

struct EpochStats
{
    double loss = 0.0;          ///< mean cross-entropy over the epoch's batches
    double trainAccuracy = 0.0; ///< after the epoch, in eval mode
    double testAccuracy = 0.0;
};

} // namespace netbetti
