#pragma once
//! \file environment.h  Environment, EnvironmentVersion, EnvironmentDraft and EnvironmentPatch.
#include <aod/error.h>
#include <aod/models/common.h>

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace Aod {

//! \brief An environment's `networking` (contract §3.3).
struct AOD_EXPORT Networking
{
    QString type = QStringLiteral("unrestricted"); //!< "unrestricted" | "limited"
    QStringList allowedHosts;                      //!< limited only; empty blocks all egress
    QJsonObject raw;                               //!< other stored keys (limited only)

    bool isLimited() const { return type == QLatin1String("limited"); }
    static Networking fromJson(const QJsonObject &obj);
    QJsonObject toJson() const;
    bool operator==(const Networking &o) const { return toJson() == o.toJson(); }
};

//! Package managers the server accepts as `packages` keys.
AOD_EXPORT QStringList packageManagers(); // apt, cargo, gem, go, npm, pip

//! \brief What an environment version snapshots. `env_vars` are write-only and absent.
struct AOD_EXPORT EnvironmentContent
{
    QString name;
    QMap<QString, QStringList> packages;  //!< manager -> packages
    QString setupScript;                  //!< null QString: JSON null
    Networking networking;
};

//! \brief GET /environments/{id} (contract §3.3).
struct AOD_EXPORT Environment : EnvironmentContent
{
    QString id;
    int version = 0;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime archivedAt;
    QJsonObject raw;

    bool isArchived() const { return archivedAt.isValid(); }
    static bool fromJson(const QJsonValue &json, Environment &out, QString *error);
    QJsonObject toJson() const;
};

//! \brief One history snapshot (contract §3.4).
struct AOD_EXPORT EnvironmentVersion : EnvironmentContent
{
    QString environmentId;
    int version = 0;
    QDateTime createdAt;
    QJsonObject raw;

    static bool fromJson(const QJsonValue &json, EnvironmentVersion &out, QString *error);
    QJsonObject toJson() const;
};

//! \brief Body of POST /environments.
struct AOD_EXPORT EnvironmentDraft : EnvironmentContent
{
    QMap<QString, QString> envVars;       //!< write-only; keys `^[A-Za-z_][A-Za-z0-9_]*$`

    QList<ValidationItem> validate() const;
    QJsonObject toJson() const;
};

//! \brief Body of PUT /environments/{id}. Each field sent replaces the old value wholesale
//! (env_vars too: keys left out are deleted).
struct AOD_EXPORT EnvironmentPatch
{
    int version = 0;
    std::optional<QString> name;
    std::optional<QMap<QString, QStringList>> packages;
    std::optional<QMap<QString, QString>> envVars;
    std::optional<QString> setupScript;
    std::optional<Networking> networking;

    QList<ValidationItem> validate() const;
    QJsonObject toJson() const;
};

AOD_EXPORT QDebug operator<<(QDebug dbg, const Environment &environment);

} // namespace Aod

Q_DECLARE_METATYPE(Aod::Environment)
Q_DECLARE_METATYPE(Aod::EnvironmentVersion)
