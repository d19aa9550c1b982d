#include "apicommon_p.h"
#include "client_p.h"
#include "models/json_p.h"

namespace Aod {

namespace {
const QString kSessions = QStringLiteral("/sessions");
Error checkSessionId(const QString &id) { return ClientPrivate::checkId(QStringLiteral("session"), id); }
} // namespace

SessionsApi::SessionsApi(ClientPrivate *client, QObject *parent) : QObject(parent), c(client) {}

SessionListReply *SessionsApi::list()
{
    return c->send<QList<Session>>("GET", kSessions, &Json::parseDataList<Session>);
}

SessionReply *SessionsApi::get(const QString &sessionId)
{
    return c->send<Session>("GET", ClientPrivate::idPath(kSessions, sessionId), &Session::fromJson, std::nullopt,
                            checkSessionId(sessionId));
}

SessionAckReply *SessionsApi::create(const SessionDraft &draft)
{
    return c->send<SessionAck>("POST", kSessions, &SessionAck::fromJson, draft.toJson(),
                               clientValidationError(draft.validate()));
}

SessionAckReply *SessionsApi::prompt(const QString &sessionId, const PromptRequest &request)
{
    return c->send<SessionAck>("POST", ClientPrivate::idPath(kSessions, sessionId, QStringLiteral("/prompt")),
                               &SessionAck::fromJson, request.toJson(),
                               firstError({checkSessionId(sessionId), clientValidationError(request.validate())}));
}

SessionAckReply *SessionsApi::prompt(const QString &sessionId, const QString &prompt)
{
    PromptRequest request;
    request.prompt = prompt;
    return this->prompt(sessionId, request);
}

SessionTurnListReply *SessionsApi::turns(const QString &sessionId)
{
    return c->send<QList<SessionTurn>>("GET", ClientPrivate::idPath(kSessions, sessionId, QStringLiteral("/turns")),
                                       &Json::parseDataList<SessionTurn>, std::nullopt, checkSessionId(sessionId));
}

SessionAckReply *SessionsApi::interrupt(const QString &sessionId)
{
    return c->send<SessionAck>("POST", ClientPrivate::idPath(kSessions, sessionId, QStringLiteral("/interrupt")),
                               &SessionAck::fromJson, std::nullopt, checkSessionId(sessionId));
}

SessionAckReply *SessionsApi::terminate(const QString &sessionId)
{
    return c->send<SessionAck>("POST", ClientPrivate::idPath(kSessions, sessionId, QStringLiteral("/terminate")),
                               &SessionAck::fromJson, std::nullopt, checkSessionId(sessionId));
}

DetailReply *SessionsApi::remove(const QString &sessionId)
{
    return c->send<QString>("DELETE", ClientPrivate::idPath(kSessions, sessionId, QStringLiteral("/delete")),
                            &Json::parseDetailMessage, std::nullopt, checkSessionId(sessionId));
}

} // namespace Aod
