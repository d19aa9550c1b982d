#include "appsettings.h"

#include <QFontDatabase>
#include <QSettings>

#include <algorithm>

namespace Aod::Ui {

namespace {
QString k(const char *key) { return QString::fromLatin1(key); }
} // namespace

AppSettings::AppSettings(QObject *parent)
    : QObject(parent), m_settings(std::make_unique<QSettings>())
{
}

AppSettings::AppSettings(const QString &iniPath, QObject *parent)
    : QObject(parent), m_settings(std::make_unique<QSettings>(iniPath, QSettings::IniFormat))
{
}

AppSettings::~AppSettings() = default;

QList<ConnectionProfile> AppSettings::profiles() const
{
    QList<ConnectionProfile> out;
    const int n = m_settings->beginReadArray(k("profiles"));
    for (int i = 0; i < n; ++i) {
        m_settings->setArrayIndex(i);
        ConnectionProfile p;
        p.name = m_settings->value(k("name")).toString();
        p.url = m_settings->value(k("url")).toString();
        p.demo = m_settings->value(k("demo"), false).toBool();
        if (!p.name.isEmpty())
            out.append(p);
    }
    m_settings->endArray();
    return out;
}

void AppSettings::setProfiles(const QList<ConnectionProfile> &profiles)
{
    m_settings->remove(k("profiles"));
    m_settings->beginWriteArray(k("profiles"), int(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i) {
        m_settings->setArrayIndex(i);
        m_settings->setValue(k("name"), profiles[i].name);
        m_settings->setValue(k("url"), profiles[i].url);
        m_settings->setValue(k("demo"), profiles[i].demo);
    }
    m_settings->endArray();
}

void AppSettings::upsertProfile(const ConnectionProfile &profile)
{
    auto list = profiles();
    auto it = std::find_if(list.begin(), list.end(),
                           [&](const ConnectionProfile &p) { return p.name == profile.name; });
    if (it != list.end())
        *it = profile;
    else
        list.append(profile);
    setProfiles(list);
}

void AppSettings::removeProfile(const QString &name)
{
    auto list = profiles();
    list.removeIf([&](const ConnectionProfile &p) { return p.name == name; });
    setProfiles(list);
}

QString AppSettings::lastProfile() const { return m_settings->value(k("connection/last")).toString(); }
void AppSettings::setLastProfile(const QString &name) { m_settings->setValue(k("connection/last"), name); }

int AppSettings::consoleLineCap() const
{
    return std::max(100, m_settings->value(k("console/lineCap"), DefaultConsoleLineCap).toInt());
}
void AppSettings::setConsoleLineCap(int lines) { m_settings->setValue(k("console/lineCap"), std::max(100, lines)); }

QFont AppSettings::consoleFont() const
{
    QFont f = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    const QString saved = m_settings->value(k("console/font")).toString();
    if (!saved.isEmpty())
        f.fromString(saved);
    return f;
}
void AppSettings::setConsoleFont(const QFont &font) { m_settings->setValue(k("console/font"), font.toString()); }

bool AppSettings::notificationsEnabled() const { return m_settings->value(k("notifications/enabled"), true).toBool(); }
void AppSettings::setNotificationsEnabled(bool on) { m_settings->setValue(k("notifications/enabled"), on); }

int AppSettings::pollIntervalSec() const
{
    return std::clamp(m_settings->value(k("polling/sessionsSec"), 5).toInt(), 1, 3600);
}
void AppSettings::setPollIntervalSec(int sec) { m_settings->setValue(k("polling/sessionsSec"), std::clamp(sec, 1, 3600)); }

int AppSettings::healthIntervalSec() const
{
    return std::clamp(m_settings->value(k("polling/healthSec"), 15).toInt(), 1, 3600);
}
void AppSettings::setHealthIntervalSec(int sec) { m_settings->setValue(k("polling/healthSec"), std::clamp(sec, 1, 3600)); }

bool AppSettings::showThinking() const { return m_settings->value(k("console/showThinking"), true).toBool(); }
void AppSettings::setShowThinking(bool on) { m_settings->setValue(k("console/showThinking"), on); }

QByteArray AppSettings::windowGeometry() const { return m_settings->value(k("window/geometry")).toByteArray(); }
void AppSettings::setWindowGeometry(const QByteArray &g) { m_settings->setValue(k("window/geometry"), g); }
QByteArray AppSettings::windowState() const { return m_settings->value(k("window/state")).toByteArray(); }
void AppSettings::setWindowState(const QByteArray &s) { m_settings->setValue(k("window/state"), s); }

QByteArray AppSettings::viewState(const QString &key) const
{
    return m_settings->value(k("views/") + key).toByteArray();
}
void AppSettings::setViewState(const QString &key, const QByteArray &state)
{
    m_settings->setValue(k("views/") + key, state);
}

void AppSettings::sync() { m_settings->sync(); }

} // namespace Aod::Ui
