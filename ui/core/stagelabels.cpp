#include "stagelabels.h"

#include <QCoreApplication>

namespace Aod::Ui {

QString stageLabel(const QString &stage)
{
    struct Entry { const char *stage; const char *label; };
    static const Entry table[] = {
        {"create_sprite", QT_TRANSLATE_NOOP("Aod::Ui::Stage", "creating sandbox")},
        {"network_policy", QT_TRANSLATE_NOOP("Aod::Ui::Stage", "applying network policy")},
        {"env_file", QT_TRANSLATE_NOOP("Aod::Ui::Stage", "writing env file")},
        {"git_credentials", QT_TRANSLATE_NOOP("Aod::Ui::Stage", "writing git credentials")},
        {"provision_setup", QT_TRANSLATE_NOOP("Aod::Ui::Stage", "installing packages, cloning repos, running setup")},
        {"mcp_config", QT_TRANSLATE_NOOP("Aod::Ui::Stage", "writing mcp config")},
        {"skills", QT_TRANSLATE_NOOP("Aod::Ui::Stage", "writing skills")},
        {"runtime_start", QT_TRANSLATE_NOOP("Aod::Ui::Stage", "starting agent")},
    };
    for (const Entry &e : table) {
        if (stage == QLatin1String(e.stage))
            return QCoreApplication::translate("Aod::Ui::Stage", e.label);
    }
    return stage;
}

QString formatDuration(qint64 ms)
{
    if (ms < 0)
        return {};
    if (ms < 60000)
        return QStringLiteral("%1s").arg(double(ms) / 1000.0, 0, 'f', 1);
    const qint64 s = ms / 1000;
    if (s < 3600)
        return QStringLiteral("%1m %2s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1h %2m").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
}

} // namespace Aod::Ui
