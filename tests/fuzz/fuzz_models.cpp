// libFuzzer target: arbitrary bytes -> QJsonDocument -> every model's fromJson and toJson, the
// list envelope, the 422 items, and the request bodies' validate(). Nothing may crash, leak or
// trip a sanitizer; a parsed model must serialise and parse again to the same JSON.
#include <aod/error.h>
#include <aod/models/agent.h>
#include <aod/models/common.h>
#include <aod/models/environment.h>
#include <aod/models/health.h>
#include <aod/models/session.h>
#include <aod/validation.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {

// parse -> serialise -> parse -> serialise must be a fixed point.
template <typename T>
void roundTrip(const QJsonValue &value)
{
    T model;
    QString error;
    if (!T::fromJson(value, model, &error))
        return;
    const QJsonObject once = model.toJson();
    T again;
    if (!T::fromJson(once, again, &error))
        abort();
    if (again.toJson() != once)
        abort();
}

void exercise(const QJsonValue &value)
{
    roundTrip<Aod::Agent>(value);
    roundTrip<Aod::AgentVersion>(value);
    roundTrip<Aod::Environment>(value);
    roundTrip<Aod::EnvironmentVersion>(value);
    roundTrip<Aod::Session>(value);
    roundTrip<Aod::SessionTurn>(value);
    roundTrip<Aod::SessionResource>(value);

    QString error;
    Aod::SessionAck ack;
    Aod::SessionAck::fromJson(value, ack, &error);
    Aod::Health health;
    Aod::Health::fromJson(value, health, &error);

    const Aod::ValidationItem item = Aod::ValidationItem::fromJson(value);
    (void)item.field();
    (void)item.toJson();

    const QJsonObject obj = value.toObject();
    const Aod::AgentSkill skill = Aod::AgentSkill::fromJson(obj);
    const Aod::McpServer server = Aod::McpServer::fromJson(obj);
    const Aod::Networking net = Aod::Networking::fromJson(obj);
    (void)skill.toJson();
    (void)server.toJson();
    (void)net.toJson();

    // Arbitrary shapes through the request-body validators.
    Aod::AgentDraft draft;
    draft.name = obj.value(QLatin1String("name")).toString();
    draft.provider = obj.value(QLatin1String("provider")).toString();
    draft.model = obj.value(QLatin1String("model")).toString();
    draft.skills = {skill};
    draft.mcpServers = {server};
    (void)draft.validate();
    (void)draft.toJson();
    Aod::EnvironmentDraft env;
    env.name = draft.name;
    env.networking = net;
    (void)env.validate();
    Aod::SessionDraft session;
    Aod::RepositoryResource repo;
    repo.url = obj.value(QLatin1String("url")).toString();
    repo.mountPath = obj.value(QLatin1String("mount_path")).toString();
    session.resources = {repo, repo};
    session.timeout = obj.value(QLatin1String("timeout")).toInt();
    (void)session.validate();
    (void)Aod::parseTimestamp(obj.value(QLatin1String("created_at")).toString());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QJsonDocument doc = QJsonDocument::fromJson(bytes);
    if (doc.isObject()) {
        exercise(doc.object());
        // Also as a list envelope's items.
        const QJsonObject obj = doc.object();
        for (const QJsonValue &v : obj.value(QLatin1String("data")).toArray())
            exercise(v);
    } else if (doc.isArray()) {
        for (const QJsonValue &v : doc.array())
            exercise(v);
    }
    // Timestamps straight from the bytes too.
    (void)Aod::parseTimestamp(QString::fromUtf8(bytes));
    return 0;
}
