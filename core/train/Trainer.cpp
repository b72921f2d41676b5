#include "Trainer.h"

#include "metric/BlasKernels.h"
#include "Error.h"
#include "Mlp.h"

#include <algorithm>
#include <mutex>
#include <numeric>
#include <random>
#include <sstream>

namespace netbetti {

namespace {

// manual_seed sets LibTorch's global generator, which weight initialisation
// draws from: two trainers built at once (two runs compared side by side)
// must not interleave there.
std::mutex &seedMutex()
{
    static std::mutex mutex;
    return mutex;
}

torch::Tensor toTensor(const FeatureMatrix &x)
{
    return torch::from_blob(const_cast<float *>(x.data()), {x.rows(), x.cols()}, torch::kFloat32)
        .clone();
}

torch::Tensor toTensor(const LabelVector &y)
{
    return torch::from_blob(const_cast<std::int64_t *>(y.data()), {y.rows()}, torch::kInt64).clone();
}

constexpr int64_t kProbeBatch = 8192;

} // namespace

struct Trainer::Impl
{
    Mlp model{nullptr};
    std::unique_ptr<torch::optim::Optimizer> optimizer;
    torch::Tensor trainX, trainY, testX, testY;
    int batchSize = 32;
    int epochs = 0;
    std::uint64_t seed = 0;
    std::vector<int> layers;

    double accuracy(const torch::Tensor &x, const torch::Tensor &y)
    {
        if (x.size(0) == 0)
            return 0.0;
        const torch::Tensor predicted = model->forward(x).argmax(1);
        return predicted.eq(y).sum().item<double>() / double(x.size(0));
    }

    EpochStats measure(double loss)
    {
        torch::NoGradGuard noGrad;
        model->eval();
        EpochStats stats;
        stats.loss = loss;
        stats.trainAccuracy = accuracy(trainX, trainY);
        stats.testAccuracy = accuracy(testX, testY);
        return stats;
    }
};

Trainer::Trainer(const ModelSpec &model, const TrainingSpec &training, const Dataset &data,
                 std::uint64_t seed)
    : d(std::make_unique<Impl>())
{
    // Links BlasKernels.cpp into every program that trains: its choice of
    // OpenBLAS kernels is made when the program loads, before any product.
    (void)blasKernels();
    {
        std::lock_guard<std::mutex> lock(seedMutex());
        torch::manual_seed(seed);
        d->model = Mlp(model.layers, model.activation.toStdString());
    }
    d->layers = model.layers;
    d->seed = seed;
    d->batchSize = std::max(1, training.batchSize);
    d->trainX = toTensor(data.trainX);
    d->trainY = toTensor(data.trainY);
    d->testX = toTensor(data.testX);
    d->testY = toTensor(data.testY);
    if (training.optimizer == QLatin1String("sgd"))
        d->optimizer = std::make_unique<torch::optim::SGD>(
            d->model->parameters(), torch::optim::SGDOptions(training.learningRate));
    else
        d->optimizer = std::make_unique<torch::optim::Adam>(
            d->model->parameters(), torch::optim::AdamOptions(training.learningRate));
}

Trainer::~Trainer() = default;

void Trainer::setThreads(int threads)
{
    torch::set_num_threads(std::max(1, threads));
}

int Trainer::epochsDone() const
{
    return d->epochs;
}

EpochStats Trainer::evaluate() const
{
    torch::NoGradGuard noGrad;
    d->model->eval();
    const double loss = torch::nn::functional::cross_entropy(d->model->forward(d->trainX), d->trainY)
                            .item<double>();
    return d->measure(loss);
}

EpochStats Trainer::trainEpoch(const std::atomic_bool *cancel)
{
    const int64_t n = d->trainX.size(0);
    std::vector<int64_t> order(static_cast<size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    // Seeded by (seed, epoch) rather than drawn from one generator across
    // epochs: a run resumed from its saved state shuffles as it would have.
    const int epoch = d->epochs + 1;
    std::seed_seq seedSequence{std::uint32_t(d->seed), std::uint32_t(d->seed >> 32), std::uint32_t(epoch)};
    std::mt19937_64 shuffle(seedSequence);
    std::shuffle(order.begin(), order.end(), shuffle);
    const torch::Tensor permutation = torch::from_blob(order.data(), {n}, torch::kInt64);

    d->model->train();
    double lossSum = 0.0;
    int64_t batches = 0;
    for (int64_t start = 0; start < n; start += d->batchSize) {
        if (cancel && cancel->load())
            throw Cancelled();
        const torch::Tensor index = permutation.slice(0, start, std::min(n, start + d->batchSize));
        const torch::Tensor x = d->trainX.index_select(0, index);
        const torch::Tensor y = d->trainY.index_select(0, index);
        d->optimizer->zero_grad();
        const torch::Tensor loss = torch::nn::functional::cross_entropy(d->model->forward(x), y);
        loss.backward();
        d->optimizer->step();
        lossSum += loss.item<double>();
        ++batches;
    }
    ++d->epochs;
    return d->measure(batches ? lossSum / double(batches) : 0.0);
}

namespace {

template <typename Value>
QByteArray serialised(const Value &value)
{
    std::ostringstream out;
    torch::save(value, out);
    const std::string bytes = out.str();
    return QByteArray(bytes.data(), qsizetype(bytes.size()));
}

template <typename Value>
void deserialise(Value &value, const QByteArray &bytes)
{
    std::istringstream in(std::string(bytes.constData(), size_t(bytes.size())));
    torch::load(value, in);
}

} // namespace

TrainerState Trainer::saveState() const
{
    return {serialised(d->model), serialised(*d->optimizer)};
}

void Trainer::restoreState(const TrainerState &state, int epochsDone, const QString &source)
{
    try {
        deserialise(d->model, state.model);
        // No optimizer: the network alone, to probe it (analysing again).
        if (!state.optimizer.isEmpty())
            deserialise(*d->optimizer, state.optimizer);
    } catch (const std::exception &e) {
        // LibTorch's message runs to a stack trace: its first line is the reason.
        const QString reason = QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0);
        throw InputError(source, {}, {}, QStringLiteral("not a saved state of this network: ") + reason);
    }
    d->epochs = epochsDone;
}

ActivationMatrix Trainer::probe(const ProbeSettings &settings) const
{
    torch::NoGradGuard noGrad;
    d->model->eval();
    torch::Tensor x;
    switch (settings.probe) {
    case ProbeSet::Test: x = d->testX; break;
    case ProbeSet::Train: x = d->trainX; break;
    case ProbeSet::All: x = torch::cat({d->trainX, d->testX}, 0); break;
    }
    const int64_t samples = x.size(0);
    int64_t columns = 0;
    for (int layer : settings.layers)
        columns += d->layers[size_t(layer)];

    ActivationMatrix activations(samples, columns);
    for (int64_t start = 0; start < samples; start += kProbeBatch) {
        const int64_t rows = std::min(kProbeBatch, samples - start);
        std::vector<torch::Tensor> outputs = d->model->forwardAll(x.slice(0, start, start + rows));
        if (settings.output == OutputValues::Softmax)
            outputs.back() = torch::softmax(outputs.back(), 1);
        int64_t column = 0;
        for (int layer : settings.layers) {
            const torch::Tensor out = outputs[size_t(layer)].contiguous();
            const auto width = out.size(1);
            using RowMajorBlock = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
            activations.block(start, column, rows, width) =
                Eigen::Map<const RowMajorBlock>(out.data_ptr<float>(), rows, width);
            column += width;
        }
    }
    return activations;
}

} // namespace netbetti
