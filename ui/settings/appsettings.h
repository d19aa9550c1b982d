#pragma once
//! \file appsettings.h  The one typed façade over QSettings (KeePassXC's Config, qBittorrent's
//! SettingValue<T>). Secrets never go here: tokens live in TokenStore.
#include <QByteArray>
#include <QFont>
#include <QList>
#include <QObject>
#include <QString>

#include <memory>

class QSettings;

namespace Aod::Ui {

//! A saved connection: where to connect. The token is stored by TokenStore under the name.
struct ConnectionProfile
{
    QString name;
    QString url;
    bool demo = false; //!< the offline demo (the URL is picked at run time)
    bool operator==(const ConnectionProfile &) const = default;
};

class AppSettings : public QObject
{
    Q_OBJECT
public:
    //! Uses QSettings with the application's organisation and name (set them in main() first).
    explicit AppSettings(QObject *parent = nullptr);
    //! Uses an INI file at \a path (tests, screenshots).
    explicit AppSettings(const QString &iniPath, QObject *parent = nullptr);
    ~AppSettings() override;

    QList<ConnectionProfile> profiles() const;
    void setProfiles(const QList<ConnectionProfile> &profiles);
    void upsertProfile(const ConnectionProfile &profile);
    void removeProfile(const QString &name);
    QString lastProfile() const;
    void setLastProfile(const QString &name);

    static constexpr int DefaultConsoleLineCap = 50000;
    int consoleLineCap() const;
    void setConsoleLineCap(int lines);
    QFont consoleFont() const;
    void setConsoleFont(const QFont &font);
    bool notificationsEnabled() const;
    void setNotificationsEnabled(bool on);
    //! Seconds between session list polls while any session is active (default 5).
    int pollIntervalSec() const;
    void setPollIntervalSec(int sec);
    //! Seconds between /health probes (default 15).
    int healthIntervalSec() const;
    void setHealthIntervalSec(int sec);
    bool showThinking() const;
    void setShowThinking(bool on);

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);
    //! Header and splitter states, keyed by a widget name.
    QByteArray viewState(const QString &key) const;
    void setViewState(const QString &key, const QByteArray &state);

    void sync();

Q_SIGNALS:
    //! The console cap, font, notifications or polling changed (the settings dialog applied).
    void preferencesChanged();

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace Aod::Ui
