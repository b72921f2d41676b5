#pragma once
// Trains the MLP of a ModelSpec on a Dataset, one epoch at a time, and
// probes the activations of chosen layers. LibTorch stays behind the pimpl:
// including this header costs nothing.

#include "data/Dataset.h"
#include "metric/NeuronMetric.h"
#include "model/Architecture.h"
#include "train/TrainingSpec.h"

#include <QByteArray>
#include <atomic>
#include <cstdint>
#include <memory>

namespace netbetti {

class Trainer
{
public:
    /// Builds the network with weights drawn from `seed`. Each epoch's
    /// shuffle is seeded by (seed, epoch), so the same inputs give the same
    /// run on the same machine, and a run restored after epoch k trains
    /// epoch k+1 exactly as an uninterrupted one would.
    Trainer(const ModelSpec &model, const TrainingSpec &training, const Dataset &data,
            std::uint64_t seed);
    ~Trainer();
    Trainer(const Trainer &) = delete;
    Trainer &operator=(const Trainer &) = delete;

    /// One pass over the training set in shuffled mini-batches. Throws
    /// Cancelled if *cancel turns true between batches.
    EpochStats trainEpoch(const std::atomic_bool *cancel = nullptr);
    /// Loss and accuracies of the network as it is (epoch 0: at initialisation).
    EpochStats evaluate() const;
    int epochsDone() const;

    TrainerState saveState() const;
    /// Continues from a state saved after `epochsDone` epochs (an empty
    /// state.optimizer restores the network alone, to probe it). Throws
    /// InputError naming `source` when the state is not one of this network.
    void restoreState(const TrainerState &state, int epochsDone, const QString &source);

    /// Activations over the probe set: samples as rows, the neurons of
    /// settings.layers as columns (layer order, then unit order).
    ActivationMatrix probe(const ProbeSettings &settings) const;

    /// Threads LibTorch may use for training (the rest are for analysis).
    static void setThreads(int threads);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace netbetti
