// Placeholder implementation so that the published API links; the simulation lands next.
#include <aod/testing/localserver.h>

#include <QTcpServer>

namespace Aod::Testing {

ServerTiming ServerTiming::fast()
{
    ServerTiming t;
    t.pollIntervalMs = 20;
    t.heartbeatMs = 1000;
    t.staleTimeoutMs = 60000;
    t.stageDelayMs = 5;
    t.chunkDelayMs = 2;
    t.slowChunkDelayMs = 40;
    return t;
}

QByteArray RecordedRequest::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

struct FaultInjector::Private {};
FaultInjector::FaultInjector(QObject *parent) : QObject(parent), d(std::make_unique<Private>()) {}
FaultInjector::~FaultInjector() = default;
void FaultInjector::dropStreamAfterEvents(int, int) {}
void FaultInjector::dropStreamAfterBytes(qint64, int) {}
void FaultInjector::dropStreamsRandomly(int, quint32, qint64) {}
void FaultInjector::refuseEveryKthConnection(int, bool) {}
void FaultInjector::failNextRequests(int, int, bool) {}
void FaultInjector::delayResponses(int) {}
void FaultInjector::stallStreamAfterEvents(int, int) {}
void FaultInjector::trickleStreamBytes(bool) {}
void FaultInjector::sendMalformedFrames(MalformedKind) {}
void FaultInjector::reset() {}

struct LocalServer::Private {
    QTcpServer tcp;
    FaultInjector *faults = nullptr;
    ServerTiming timing;
    QString token;
};

LocalServer::LocalServer(QObject *parent) : QObject(parent), d(std::make_unique<Private>())
{
    d->faults = new FaultInjector(this);
}
LocalServer::~LocalServer() = default;
bool LocalServer::listen(quint16 port) { return d->tcp.listen(QHostAddress::LocalHost, port); }
void LocalServer::close() { d->tcp.close(); }
bool LocalServer::isListening() const { return d->tcp.isListening(); }
quint16 LocalServer::port() const { return d->tcp.serverPort(); }
QUrl LocalServer::url() const
{
    QUrl u;
    u.setScheme(QStringLiteral("http"));
    u.setHost(QStringLiteral("127.0.0.1"));
    u.setPort(port());
    return u;
}
QString LocalServer::token() const { return d->token; }
void LocalServer::setToken(const QString &token) { d->token = token; }
QString LocalServer::addUser() { return {}; }
QString LocalServer::addToken(const QString &, bool, const QDateTime &) { return {}; }
void LocalServer::setTiming(const ServerTiming &t) { d->timing = t; }
ServerTiming LocalServer::timing() const { return d->timing; }
void LocalServer::setConcurrencyLimit(int) {}
void LocalServer::setUserConcurrencyLimit(const QString &, int) {}
void LocalServer::setBackendConfigured(bool) {}
void LocalServer::setHealthy(bool) {}
void LocalServer::setPromptBackendError(const QString &) {}
bool LocalServer::setSandboxGone(const QString &, bool) { return false; }
bool LocalServer::removeAgentRow(const QString &) { return false; }
int LocalServer::purgeLogRows(const QString &, qint64, qint64) { return 0; }
void LocalServer::setInterruptStopsRunningTurn(bool) {}
void LocalServer::setRandomSeed(quint32) {}
void LocalServer::addTranscript(const QString &, const QByteArray &, const QByteArray &) {}
QStringList LocalServer::transcriptNames() const { return {}; }
void LocalServer::seed() {}
QByteArray LocalServer::sessionOutput(const QString &, const QString &) const { return {}; }
QByteArray LocalServer::turnOutput(const QString &, int, const QString &) const { return {}; }
QJsonArray LocalServer::sessionLog(const QString &) const { return {}; }
QString LocalServer::sessionStatus(const QString &) const { return {}; }
QStringList LocalServer::sessionIds() const { return {}; }
int LocalServer::openStreamCount() const { return 0; }
int LocalServer::streamConnectionCount() const { return 0; }
QList<RecordedRequest> LocalServer::requestLog() const { return {}; }
void LocalServer::clearRequestLog() {}
FaultInjector *LocalServer::faults() { return d->faults; }

} // namespace Aod::Testing
