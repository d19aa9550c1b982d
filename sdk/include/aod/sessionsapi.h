#pragma once
//! \file sessionsapi.h  Aod::SessionsApi: /sessions routes and the live stream.
#include <aod/environmentsapi.h>
#include <aod/models/session.h>
#include <aod/reply.h>

#include <QObject>

namespace Aod {

class ClientPrivate;
class SessionStream;
struct StreamOptions;

using SessionReply = ReplyOf<Session>;
using SessionListReply = ReplyOf<QList<Session>>;
using SessionAckReply = ReplyOf<SessionAck>;
using SessionTurnListReply = ReplyOf<QList<SessionTurn>>;

//! \brief Sessions (contract §4.5, §5). Owned by the Client: `client->sessions()`.
class AOD_EXPORT SessionsApi : public QObject
{
    Q_OBJECT
public:
    //! GET /sessions: all statuses, newest first.
    SessionListReply *list();
    SessionReply *get(const QString &sessionId);
    //! POST /sessions (202). 429 gives RateLimited with rateLimit()/activeCount().
    SessionAckReply *create(const SessionDraft &draft);
    //! POST /sessions/{id}/prompt (202): only a `completed` session accepts one.
    SessionAckReply *prompt(const QString &sessionId, const PromptRequest &request);
    SessionAckReply *prompt(const QString &sessionId, const QString &prompt);
    SessionTurnListReply *turns(const QString &sessionId);
    //! POST /sessions/{id}/interrupt (202). Older servers answer 404/405: treat as optional.
    SessionAckReply *interrupt(const QString &sessionId);
    //! POST /sessions/{id}/terminate (200). Not idempotent: a second call is 409.
    SessionAckReply *terminate(const QString &sessionId);
    //! DELETE /sessions/{id}/delete: 409 while pending or running.
    DetailReply *remove(const QString &sessionId);

    //! Opens the live SSE stream (see sessionstream.h). The stream is a child of the Client.
    SessionStream *openStream(const QString &sessionId, const StreamOptions &options);
    SessionStream *openStream(const QString &sessionId);

private:
    friend class Client;
    friend class ClientPrivate;
    explicit SessionsApi(ClientPrivate *client, QObject *parent);
    ClientPrivate *const c;
};

} // namespace Aod
