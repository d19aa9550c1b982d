#pragma once
//! \file agent.h  Agent, AgentVersion, AgentDraft (create) and AgentPatch (update).
#include <aod/error.h>
#include <aod/models/common.h>

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace Aod {

//! \brief One entry of an agent's `skills` (contract §4.3).
//! Inline when type is empty (name, description, content); GitHub when type is "github"
//! (source `owner/repo`, description, optional name).
struct AOD_EXPORT AgentSkill
{
    QString type;        //!< empty: inline; "github"
    QString name;        //!< null when absent (GitHub skills may leave it out)
    QString description;
    QString content;     //!< inline only
    QString source;      //!< github only
    QJsonObject raw;     //!< the object as the server returned it (unknown keys kept)

    bool isGithub() const { return !type.isEmpty(); }
    static AgentSkill inlineSkill(const QString &name, const QString &description, const QString &content);
    static AgentSkill github(const QString &source, const QString &description, const QString &name = {});
    //! Never fails: unknown shapes keep their raw object.
    static AgentSkill fromJson(const QJsonObject &obj);
    //! raw with the typed fields written over it.
    QJsonObject toJson() const;
    bool operator==(const AgentSkill &o) const { return toJson() == o.toJson(); }
};

//! \brief One entry of an agent's `mcp_servers` (contract §4.4). A missing `type` means "url".
struct AOD_EXPORT McpServer
{
    QString name;
    QString type = QStringLiteral("url"); //!< "url" or "stdio"
    QString url;                          //!< url servers
    QJsonObject headers;                  //!< url servers, optional
    QString command;                      //!< stdio servers
    QStringList args;                     //!< stdio servers, optional
    QJsonObject env;                      //!< stdio servers, optional
    QJsonObject raw;                      //!< as returned (may lack `type`; other keys kept)

    static McpServer fromJson(const QJsonObject &obj);
    QJsonObject toJson() const;
    bool operator==(const McpServer &o) const { return toJson() == o.toJson(); }
};

//! \brief What an agent version snapshots: every field the API lets a user set.
struct AOD_EXPORT AgentContent
{
    QString name;
    QString description;    //!< null QString: JSON null (stored empty)
    QString system;         //!< null QString: JSON null. Prepended to the first turn's prompt
    QString provider;       //!< "anthropic" | "openai"
    QString model;          //!< without a known provider prefix
    QString environmentId;  //!< null: no default environment
    QList<AgentSkill> skills;
    QList<McpServer> mcpServers;
    QJsonObject metadata;   //!< any JSON values
};

//! \brief GET /agents/{id} (contract §3.1).
struct AOD_EXPORT Agent : AgentContent
{
    QString id;
    int version = 0;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime archivedAt;   //!< invalid while active
    QJsonObject raw;        //!< the whole object, unknown future fields included

    bool isArchived() const { return archivedAt.isValid(); }
    static bool fromJson(const QJsonValue &json, Agent &out, QString *error);
    QJsonObject toJson() const;
};

//! \brief One history snapshot (contract §3.2). `agentId` is the owning agent's `id`.
struct AOD_EXPORT AgentVersion : AgentContent
{
    QString agentId;
    int version = 0;
    QDateTime createdAt;    //!< when the snapshot was written
    QJsonObject raw;

    static bool fromJson(const QJsonValue &json, AgentVersion &out, QString *error);
    QJsonObject toJson() const;
};

//! \brief Body of POST /agents.
//!
//! The older calling style of the official docs works: leave provider empty and give
//! `model = "anthropic/claude-sonnet-4-6"` or `runtime = "claude"`; the provider is derived
//! from the model prefix, else from the runtime (claude -> anthropic, codex -> openai).
struct AOD_EXPORT AgentDraft : AgentContent
{
    QString runtime;        //!< legacy; never sent, only used to derive the provider

    //! Provider as it will be sent (derived for the legacy style).
    QString effectiveProvider() const;
    //! Client-side checks of contract §4.1/§4.3/§4.4, in the server's 422 item shape.
    QList<ValidationItem> validate() const;
    QJsonObject toJson() const;
};

//! \brief Body of PUT /agents/{id}. Unset fields are left unchanged by the server.
//!
//! `metadata` is merged key by key: a value of "" deletes that key, any other value (null
//! included) is set, keys not sent stay. `environmentId` set to a null QString sends an
//! explicit JSON null, which detaches the default environment.
struct AOD_EXPORT AgentPatch
{
    int version = 0;        //!< required: the version the edit is based on
    std::optional<QString> name;
    std::optional<QString> description;   //!< "" clears
    std::optional<QString> system;        //!< "" clears
    std::optional<QString> provider;
    std::optional<QString> model;
    std::optional<QString> environmentId; //!< null QString: detach
    std::optional<QList<AgentSkill>> skills;
    std::optional<QList<McpServer>> mcpServers;
    std::optional<QJsonObject> metadata;

    void detachEnvironment() { environmentId = QString(); }
    QList<ValidationItem> validate() const;
    QJsonObject toJson() const;
};

AOD_EXPORT QDebug operator<<(QDebug dbg, const Agent &agent);

} // namespace Aod

Q_DECLARE_METATYPE(Aod::Agent)
Q_DECLARE_METATYPE(Aod::AgentVersion)
