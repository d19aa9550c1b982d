#include "render.h"

#include "clioutput.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace AodCli {

static QString orDash(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("-") : text;
}

static QString jsonScalar(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isNull())
        return QStringLiteral("null");
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 15);
    const QJsonDocument doc = v.isArray() ? QJsonDocument(v.toArray()) : QJsonDocument(v.toObject());
    return QString::fromUtf8(doc.toJson(QJsonDocument::Compact));
}

static QString describeMetadata(const QJsonObject &metadata)
{
    QStringList parts;
    for (auto it = metadata.begin(); it != metadata.end(); ++it)
        parts.append(it.key() + QLatin1Char('=') + jsonScalar(it.value()));
    return parts.join(QLatin1Char('\n'));
}

static QString describeSkills(const QList<Aod::AgentSkill> &skills)
{
    QStringList lines;
    for (const Aod::AgentSkill &skill : skills) {
        if (skill.isGithub()) {
            lines.append(QStringLiteral("%1 (github %2)")
                             .arg(skill.name.isEmpty() ? QStringLiteral("*") : skill.name, skill.source));
        } else {
            lines.append(QStringLiteral("%1 (inline, %2 bytes)").arg(skill.name).arg(skill.content.toUtf8().size()));
        }
    }
    return lines.join(QLatin1Char('\n'));
}

static QString describeMcp(const QList<Aod::McpServer> &servers)
{
    QStringList lines;
    for (const Aod::McpServer &server : servers) {
        if (server.type == QLatin1String("stdio")) {
            lines.append(QStringLiteral("%1 (stdio: %2)")
                             .arg(server.name, (QStringList{server.command} + server.args).join(QLatin1Char(' '))));
        } else {
            lines.append(QStringLiteral("%1 (%2 %3)").arg(server.name, server.type, server.url));
        }
    }
    return lines.join(QLatin1Char('\n'));
}

QString describeNetworking(const Aod::Networking &networking)
{
    if (!networking.isLimited())
        return networking.type;
    if (networking.allowedHosts.isEmpty())
        return QStringLiteral("limited (no egress)");
    return QStringLiteral("limited (%1)").arg(networking.allowedHosts.join(QStringLiteral(", ")));
}

QString describePackages(const QMap<QString, QStringList> &packages)
{
    QStringList parts;
    for (auto it = packages.begin(); it != packages.end(); ++it) {
        if (!it.value().isEmpty())
            parts.append(it.key() + QStringLiteral(": ") + it.value().join(QLatin1Char(' ')));
    }
    return parts.join(QStringLiteral("; "));
}

static int packageCount(const QMap<QString, QStringList> &packages)
{
    int n = 0;
    for (const QStringList &list : packages)
        n += int(list.size());
    return n;
}

QString renderHealth(const Aod::Health &health, int httpStatus)
{
    KeyValueBlock block;
    block.add(QStringLiteral("Status"), orDash(health.status));
    if (httpStatus)
        block.add(QStringLiteral("HTTP"), QString::number(httpStatus));
    for (auto it = health.checks.begin(); it != health.checks.end(); ++it)
        block.add(QStringLiteral("Check ") + it.key(), it.value());
    return block.render();
}

QString renderAgentTable(const QList<Aod::Agent> &agents)
{
    if (agents.isEmpty())
        return QStringLiteral("No agents.\n");
    Table table({QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("PROVIDER"), QStringLiteral("MODEL"),
                 QStringLiteral("VER"), QStringLiteral("ENVIRONMENT"), QStringLiteral("CREATED")});
    for (const Aod::Agent &a : agents) {
        table.addRow({a.id, a.name, a.provider, a.model, QString::number(a.version), orDash(a.environmentId),
                      formatLocalTime(a.createdAt)});
    }
    return table.render();
}

QString renderAgent(const Aod::Agent &a)
{
    KeyValueBlock block;
    block.add(QStringLiteral("ID"), a.id);
    block.add(QStringLiteral("Name"), a.name);
    block.add(QStringLiteral("Provider"), a.provider);
    block.add(QStringLiteral("Model"), a.model);
    block.add(QStringLiteral("Version"), QString::number(a.version));
    block.add(QStringLiteral("Environment"), orDash(a.environmentId));
    block.add(QStringLiteral("Description"), orDash(a.description));
    block.add(QStringLiteral("System"), orDash(a.system));
    block.add(QStringLiteral("Skills"), orDash(describeSkills(a.skills)));
    block.add(QStringLiteral("MCP servers"), orDash(describeMcp(a.mcpServers)));
    block.add(QStringLiteral("Metadata"), orDash(describeMetadata(a.metadata)));
    block.add(QStringLiteral("Created"), formatLocalTime(a.createdAt));
    block.add(QStringLiteral("Updated"), formatLocalTime(a.updatedAt));
    block.add(QStringLiteral("Archived"), formatLocalTime(a.archivedAt));
    return block.render();
}

QString renderAgentVersions(const QList<Aod::AgentVersion> &versions)
{
    Table table({QStringLiteral("VER"), QStringLiteral("NAME"), QStringLiteral("PROVIDER"), QStringLiteral("MODEL"),
                 QStringLiteral("ENVIRONMENT"), QStringLiteral("SKILLS"), QStringLiteral("MCP"), QStringLiteral("CREATED")});
    for (const Aod::AgentVersion &v : versions) {
        table.addRow({QString::number(v.version), v.name, v.provider, v.model, orDash(v.environmentId),
                      QString::number(v.skills.size()), QString::number(v.mcpServers.size()),
                      formatLocalTime(v.createdAt)});
    }
    return table.render();
}

QString renderEnvironmentTable(const QList<Aod::Environment> &environments)
{
    if (environments.isEmpty())
        return QStringLiteral("No environments.\n");
    Table table({QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("NETWORKING"), QStringLiteral("PACKAGES"),
                 QStringLiteral("VER"), QStringLiteral("CREATED")});
    for (const Aod::Environment &e : environments) {
        table.addRow({e.id, e.name, e.networking.type, QString::number(packageCount(e.packages)),
                      QString::number(e.version), formatLocalTime(e.createdAt)});
    }
    return table.render();
}

QString renderEnvironment(const Aod::Environment &e)
{
    KeyValueBlock block;
    block.add(QStringLiteral("ID"), e.id);
    block.add(QStringLiteral("Name"), e.name);
    block.add(QStringLiteral("Version"), QString::number(e.version));
    block.add(QStringLiteral("Networking"), describeNetworking(e.networking));
    block.add(QStringLiteral("Packages"), orDash(describePackages(e.packages)));
    block.add(QStringLiteral("Setup script"), orDash(e.setupScript));
    block.add(QStringLiteral("Created"), formatLocalTime(e.createdAt));
    block.add(QStringLiteral("Updated"), formatLocalTime(e.updatedAt));
    block.add(QStringLiteral("Archived"), formatLocalTime(e.archivedAt));
    return block.render();
}

QString renderEnvironmentVersions(const QList<Aod::EnvironmentVersion> &versions)
{
    Table table({QStringLiteral("VER"), QStringLiteral("NAME"), QStringLiteral("NETWORKING"), QStringLiteral("PACKAGES"),
                 QStringLiteral("CREATED")});
    for (const Aod::EnvironmentVersion &v : versions) {
        table.addRow({QString::number(v.version), v.name, describeNetworking(v.networking),
                      orDash(describePackages(v.packages)), formatLocalTime(v.createdAt)});
    }
    return table.render();
}

static QString exitText(const std::optional<int> &code)
{
    return code ? QString::number(*code) : QStringLiteral("-");
}

QString renderSessionTable(const QList<Aod::Session> &sessions)
{
    if (sessions.isEmpty())
        return QStringLiteral("No sessions.\n");
    Table table({QStringLiteral("ID"), QStringLiteral("STATUS"), QStringLiteral("EXIT"), QStringLiteral("TURNS"),
                 QStringLiteral("PROVIDER"), QStringLiteral("AGENT"), QStringLiteral("CREATED"), QStringLiteral("UPDATED")});
    for (const Aod::Session &s : sessions) {
        table.addRow({s.id, s.statusString, exitText(s.exitCode), QString::number(s.turnCount), s.provider,
                      orDash(s.agentId), formatLocalTime(s.createdAt), formatLocalTime(s.updatedAt)});
    }
    return table.render();
}

static QString describeResources(const QList<Aod::SessionResource> &resources)
{
    QStringList lines;
    for (const Aod::SessionResource &r : resources)
        lines.append(r.url + QStringLiteral(" -> ") + r.mountPath);
    return lines.join(QLatin1Char('\n'));
}

QString renderSession(const Aod::Session &s)
{
    KeyValueBlock block;
    block.add(QStringLiteral("ID"), s.id);
    block.add(QStringLiteral("Status"), s.statusString);
    block.add(QStringLiteral("Exit code"), exitText(s.exitCode));
    block.add(QStringLiteral("Provider"), s.provider);
    block.add(QStringLiteral("Agent"), orDash(s.agentId));
    block.add(QStringLiteral("Environment"), orDash(s.environmentId));
    block.add(QStringLiteral("Turns"), QString::number(s.turnCount));
    block.add(QStringLiteral("Current turn"), s.currentTurn ? QString::number(*s.currentTurn) : QStringLiteral("-"));
    block.add(QStringLiteral("Resources"), orDash(describeResources(s.resources)));
    block.add(QStringLiteral("Created"), formatLocalTime(s.createdAt));
    block.add(QStringLiteral("Updated"), formatLocalTime(s.updatedAt));
    return block.render();
}

QString renderSessionAck(const Aod::SessionAck &ack)
{
    KeyValueBlock block;
    block.add(QStringLiteral("ID"), ack.id);
    block.add(QStringLiteral("Status"), ack.statusString);
    if (ack.currentTurn)
        block.add(QStringLiteral("Turn"), QString::number(*ack.currentTurn));
    if (!ack.environmentId.isEmpty())
        block.add(QStringLiteral("Environment"), ack.environmentId);
    if (!ack.resources.isEmpty())
        block.add(QStringLiteral("Resources"), describeResources(ack.resources));
    if (!ack.streamUrl.isEmpty())
        block.add(QStringLiteral("Stream"), ack.streamUrl);
    return block.render();
}

QString renderTurns(const QList<Aod::SessionTurn> &turns)
{
    Table table({QStringLiteral("TURN"), QStringLiteral("STATUS"), QStringLiteral("EXIT"), QStringLiteral("STARTED"),
                 QStringLiteral("DURATION"), QStringLiteral("PROMPT")});
    for (const Aod::SessionTurn &t : turns) {
        QString duration = QStringLiteral("-");
        if (t.startedAt.isValid() && t.endedAt.isValid())
            duration = formatDuration(t.startedAt.msecsTo(t.endedAt));
        table.addRow({QString::number(t.turnNumber), t.statusString, exitText(t.exitCode),
                      formatLocalTime(t.startedAt), duration, oneLine(t.prompt, 60)});
    }
    return table.render();
}

} // namespace AodCli
