#pragma once
//! \file stagelabels.h  Human labels of the provisioning stages (sdk-parity §4.3) and durations.
#include <QString>

namespace Aod::Ui {

//! "creating sandbox" for create_sprite, ...; unknown stages fall back to their raw name.
QString stageLabel(const QString &stage);
//! "1.2s", "3m 04s", "1h 02m".
QString formatDuration(qint64 ms);

} // namespace Aod::Ui
