#include "TorchVersion.h"

#include <torch/version.h>

namespace netbetti {

QString libTorchVersion()
{
    return QStringLiteral(TORCH_VERSION);
}

} // namespace netbetti
