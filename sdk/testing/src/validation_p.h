#pragma once
// Private to Aod::Testing: the request-body schemas of the real server (pydantic v2 models plus
// their field validators), producing the same 422 list items (type, loc, msg, input, url).
#include "pyjson_p.h"

#include <QList>
#include <QString>

#include <optional>

namespace Aod::Testing::Internal {

class BodyErrors {
public:
    void add(const QString &type, PyArray loc, const QString &msg, const PyValue &input);
    void valueError(PyArray loc, const QString &message, const PyValue &input)
    {
        add(QStringLiteral("value_error"), std::move(loc), QStringLiteral("Value error, ") + message, input);
    }
    bool isEmpty() const { return m_items.empty(); }
    PyValue detail() const { return PyValue::array(m_items); }
    //! Set when a validator would raise something other than ValueError (a 500 on the real server).
    bool internalError = false;

private:
    PyArray m_items;
};

//! Loc helpers.
PyArray loc(const QString &a);
PyArray loc(const QString &a, const PyValue &b);
PyArray loc(const QString &a, const PyValue &b, const PyValue &c);

struct AgentCreate {
    QString name, provider, model, system, description;
    std::optional<QString> environmentId;
    PyValue skills = PyValue::array(), mcpServers = PyValue::array(), metadata = PyValue::object();
};
std::optional<AgentCreate> validateAgentCreate(const PyValue &body, BodyErrors &errs);

struct AgentUpdate {
    PyValue version; // int (maybe big)
    std::optional<QString> name, provider, model, system, description;
    bool environmentIdSent = false;
    std::optional<QString> environmentId;
    std::optional<PyValue> skills, mcpServers, metadata;
};
std::optional<AgentUpdate> validateAgentUpdate(const PyValue &body, BodyErrors &errs);

struct EnvironmentCreate {
    QString name, setupScript;
    PyValue packages = PyValue::object(), envVars = PyValue::object();
    PyValue networking = PyValue::object();
};
std::optional<EnvironmentCreate> validateEnvironmentCreate(const PyValue &body, BodyErrors &errs);

struct EnvironmentUpdate {
    PyValue version;
    std::optional<QString> name, setupScript;
    std::optional<PyValue> packages, envVars, networking;
};
std::optional<EnvironmentUpdate> validateEnvironmentUpdate(const PyValue &body, BodyErrors &errs);

struct ResourceInput {
    QString url; // canonical (".git" removed)
    QString mountPath; // resolved
    bool hasToken = false;
};

struct SessionCreate {
    QString agentId, prompt;
    int timeout = 600;
    std::optional<QString> environmentId;
    QList<ResourceInput> resources;
    PyValue secretEnvVars = PyValue::object();
};
std::optional<SessionCreate> validateSessionCreate(const PyValue &body, BodyErrors &errs);

struct PromptInput {
    QString prompt;
    int timeout = 600;
};
std::optional<PromptInput> validatePrompt(const PyValue &body, BodyErrors &errs);

//! providers.py: trims, checks the provider and strips a matching known model prefix.
//! Returns an error detail string on failure.
std::optional<QString> normalizeProviderModel(QString &provider, QString &model);
//! metadata merge: "" deletes, anything else (null included) sets.
PyValue mergeMetadata(const PyValue &current, const PyValue &patch);
//! Python uuid.UUID(str) as Django's UUIDField accepts it; empty on failure.
QString parseUuidLoose(const QString &text);
//! Python int() of a str: surrounding whitespace, sign, '_' between digits, Unicode digits.
//! Saturates to the qint64 range. nullopt if it does not parse.
std::optional<qint64> pythonInt(const QString &text);

} // namespace Aod::Testing::Internal
