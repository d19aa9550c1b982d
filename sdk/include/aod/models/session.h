#pragma once
//! \file session.h  Session, SessionTurn, SessionResource, the acks, and the request bodies.
#include <aod/error.h>
#include <aod/models/common.h>

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>

#include <optional>

namespace Aod {

//! Session statuses (contract §5.1). Unknown keeps forward compatibility.
enum class SessionStatus { Unknown, Pending, Running, Completed, Failed, Terminated };
//! Turn statuses (contract §5.3); Interrupted exists on the newest servers only.
enum class TurnStatus { Unknown, Pending, Running, Completed, Failed, Interrupted };

AOD_EXPORT SessionStatus sessionStatusFromString(const QString &s);
AOD_EXPORT QString sessionStatusToString(SessionStatus s);
AOD_EXPORT TurnStatus turnStatusFromString(const QString &s);
AOD_EXPORT QString turnStatusToString(TurnStatus s);
//! pending or running.
AOD_EXPORT bool isActive(SessionStatus s);
//! completed, failed or terminated: the stream's terminal statuses.
AOD_EXPORT bool isTerminal(SessionStatus s);

//! \brief A repository attached to a session, as returned (contract §3.6). Tokens never are.
struct AOD_EXPORT SessionResource
{
    QString type = QStringLiteral("github_repository");
    QString url;        //!< canonical, ".git" removed
    QString mountPath;  //!< always resolved by the server
    QJsonObject raw;

    static bool fromJson(const QJsonValue &json, SessionResource &out, QString *error);
    QJsonObject toJson() const;
};

//! \brief A repository to attach on create (GitHubRepoResource input, contract §4.5).
struct AOD_EXPORT RepositoryResource
{
    QString url;                //!< https://github.com/owner/repo[.git]
    QString mountPath;          //!< null: `/workspace/<last URL segment>`
    QString authorizationToken; //!< null: public repository. Encrypted by the server, never returned

    //! The mount path the server will use (explicit or derived).
    QString resolvedMountPath() const;
    QJsonObject toJson() const;
};

//! \brief GET /sessions/{id} (contract §3.5).
struct AOD_EXPORT Session
{
    QString id;
    QString agentId;        //!< null when the agent row is gone
    QString environmentId;  //!< null when none
    QString provider;       //!< "anthropic", "openai", or a legacy runtime name
    SessionStatus status = SessionStatus::Unknown;
    QString statusString;   //!< as sent (kept for unknown statuses)
    std::optional<int> exitCode;
    QDateTime createdAt;
    QDateTime updatedAt;
    QList<SessionResource> resources;
    int turnCount = 0;
    std::optional<int> currentTurn;
    QJsonObject raw;

    bool isActive() const { return Aod::isActive(status); }
    bool isTerminal() const { return Aod::isTerminal(status); }
    static bool fromJson(const QJsonValue &json, Session &out, QString *error);
    QJsonObject toJson() const;
};

//! \brief GET /sessions/{id}/turns items (contract §3.7).
struct AOD_EXPORT SessionTurn
{
    int turnNumber = 0;
    QString prompt;         //!< as sent, without the agent's system text
    TurnStatus status = TurnStatus::Unknown;
    QString statusString;
    std::optional<int> exitCode;
    QDateTime createdAt;
    QDateTime startedAt;    //!< invalid: null
    QDateTime endedAt;      //!< invalid: null
    QJsonObject raw;

    static bool fromJson(const QJsonValue &json, SessionTurn &out, QString *error);
    QJsonObject toJson() const;
};

//! \brief The acks of create (202), prompt (202), interrupt (202) and terminate (200)
//! (contract §3.8). Fields an ack does not carry stay empty / nullopt.
struct AOD_EXPORT SessionAck
{
    QString id;
    SessionStatus status = SessionStatus::Unknown;
    QString statusString;
    QString streamUrl;                  //!< relative: "/sessions/<id>/stream" (create, prompt)
    QString environmentId;              //!< create only
    QList<SessionResource> resources;   //!< create only
    std::optional<int> currentTurn;     //!< create, prompt
    QJsonObject raw;

    static bool fromJson(const QJsonValue &json, SessionAck &out, QString *error);
};

//! \brief Body of POST /sessions.
struct AOD_EXPORT SessionDraft
{
    QString agentId;
    QString prompt;                     //!< may be empty
    std::optional<int> timeout;         //!< seconds per turn, 10..3600; server default 600
    QString environmentId;              //!< null/empty: the agent's default environment
    QList<RepositoryResource> resources;  //!< at most 10, unique mount paths
    QMap<QString, QString> secretEnvVars; //!< BYOK keys; never returned

    QList<ValidationItem> validate() const;
    QJsonObject toJson() const;
};

//! \brief Body of POST /sessions/{id}/prompt.
struct AOD_EXPORT PromptRequest
{
    QString prompt;
    std::optional<int> timeout;

    QList<ValidationItem> validate() const;
    QJsonObject toJson() const;
};

AOD_EXPORT QDebug operator<<(QDebug dbg, const Session &session);

} // namespace Aod

Q_DECLARE_METATYPE(Aod::Session)
Q_DECLARE_METATYPE(Aod::SessionTurn)
