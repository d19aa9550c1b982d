#pragma once
// Create/update options -> SDK drafts and patches. Every API field has an option; --from-json
// FILE|- gives a whole body, and options given next to it override its fields.
#include "cliargs.h"

#include <aod/error.h>
#include <aod/models/agent.h>
#include <aod/models/environment.h>
#include <aod/models/session.h>

#include <QJsonObject>

namespace AodCli {

QList<OptionSpec> agentBodyOptions(bool update);
QList<OptionSpec> environmentBodyOptions(bool update);
QList<OptionSpec> sessionCreateOptions();
QList<OptionSpec> promptOptions();

//! Throws CliError (exit 2) for malformed options and unreadable files, and CliError (exit 9)
//! listing every item when --from-json has fields of the wrong type.
Aod::AgentDraft agentDraftFromArgs(const ParsedArgs &args);
//! \a versionGiven is false when neither --version nor the JSON body gave one: the caller
//! then fetches the current version.
Aod::AgentPatch agentPatchFromArgs(const ParsedArgs &args, bool *versionGiven);
Aod::EnvironmentDraft environmentDraftFromArgs(const ParsedArgs &args);
Aod::EnvironmentPatch environmentPatchFromArgs(const ParsedArgs &args, bool *versionGiven);
//! \a prompt is a positional prompt (`sessions prompt ID TEXT`), or empty.
Aod::SessionDraft sessionDraftFromArgs(const ParsedArgs &args);
Aod::PromptRequest promptFromArgs(const ParsedArgs &args, const QString &positionalPrompt);

// Pieces, public for the unit tests.
//! "URL[@MOUNT][#TOKEN_ENV]": the token is read from the environment variable TOKEN_ENV.
Aod::RepositoryResource parseRepoSpec(const QString &spec);
//! One or more skills from a JSON file (object or array) or a SKILL.md with front matter.
QList<Aod::AgentSkill> parseSkillFile(const QString &path, const QByteArray &content);
//! MCP servers from a JSON array, one object, or a {"mcpServers": {name: config}} map
//! (Claude Code's .mcp.json; "http"/"sse" servers become "url").
QList<Aod::McpServer> parseMcpFile(const QString &path, const QByteArray &content);
//! "MANAGER:PACKAGE" -> (manager, package).
QPair<QString, QString> parsePackageSpec(const QString &spec);
//! "KEY=VALUE" or "KEY" (the value of KEY in the environment of `aod`).
QPair<QString, QString> parseEnvAssignment(const QString &option, const QString &spec);
//! Adds "KEY=VALUE" lines of a dotenv file (blank lines and # comments skipped).
void parseEnvFile(const QString &path, const QByteArray &content, QMap<QString, QString> *vars);
//! "k=v" (string) or "k:=JSON" (any JSON value) into \a metadata.
void parseMetadata(const QString &spec, QJsonObject *metadata);

//! Reads FILE, or stdin for "-" (once per process). Throws a usage error naming \a option.
QByteArray readInputFile(const QString &option, const QString &path);
//! Reads a JSON object from FILE or "-".
QJsonObject readJsonObjectFile(const QString &option, const QString &path);

} // namespace AodCli
