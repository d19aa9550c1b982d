#pragma once
// Human output of the resources: tables for lists, key/value blocks for single objects.
#include <aod/models/agent.h>
#include <aod/models/environment.h>
#include <aod/models/health.h>
#include <aod/models/session.h>

#include <QList>
#include <QString>

namespace AodCli {

QString renderHealth(const Aod::Health &health, int httpStatus);

QString renderAgentTable(const QList<Aod::Agent> &agents);
QString renderAgent(const Aod::Agent &agent);
QString renderAgentVersions(const QList<Aod::AgentVersion> &versions);

QString renderEnvironmentTable(const QList<Aod::Environment> &environments);
QString renderEnvironment(const Aod::Environment &environment);
QString renderEnvironmentVersions(const QList<Aod::EnvironmentVersion> &versions);

QString renderSessionTable(const QList<Aod::Session> &sessions);
QString renderSession(const Aod::Session &session);
QString renderSessionAck(const Aod::SessionAck &ack);
QString renderTurns(const QList<Aod::SessionTurn> &turns);

//! "limited (api.github.com, pypi.org)", "unrestricted".
QString describeNetworking(const Aod::Networking &networking);
//! "apt: jq curl; pip: requests".
QString describePackages(const QMap<QString, QStringList> &packages);

} // namespace AodCli
