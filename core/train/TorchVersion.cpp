#include "TorchVersion.h"

#include "metric/BlasKernels.h"

#include <torch/version.h>

namespace netbetti {

QString libTorchVersion()
{
    return QStringLiteral(TORCH_VERSION);
}

QString blasDescription()
{
    const BlasKernels &k = blasKernels();
    if (k.detected.empty())
        return QStringLiteral("not OpenBLAS");
    const QString used = QString::fromStdString(k.used);
    if (k.used == k.detected)
        return QStringLiteral("OpenBLAS, %1 kernels").arg(used);
    return QStringLiteral("OpenBLAS, %1 kernels (chosen by NetBetti: OpenBLAS fell back to %2 on this CPU)")
        .arg(used, QString::fromStdString(k.detected));
}

} // namespace netbetti
