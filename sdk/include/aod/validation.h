#pragma once
//! \file validation.h  Client-side validation and normalisation rules of contract §4.
//!
//! Every function returns the server's 422 item shape (`loc`, `msg`, `type`) so that a form
//! can point at the field before any request is sent. `loc` is prefixed with \a prefix
//! (e.g. {"skills", 2}).
#include <aod/error.h>
#include <aod/models/agent.h>
#include <aod/models/environment.h>
#include <aod/models/session.h>

namespace Aod::Validation {

constexpr int MaxNameLength = 200;
constexpr int MaxModelLength = 100;
constexpr int MaxProviderLength = 32;
constexpr int MaxSkills = 20;
constexpr int MaxMcpServers = 20;
constexpr int MaxSkillDescription = 1024;
constexpr int MaxSkillContentBytes = 65536;
constexpr int MaxResources = 10;
constexpr int MinTimeout = 10;
constexpr int MaxTimeout = 3600;

//! The result of provider/model normalisation (contract §4.1, providers.py).
struct ProviderModel
{
    QString provider;
    QString model;
    QString error; //!< the server's 422 string detail, empty when fine
};
//! Trims, checks the provider, strips a matching known prefix (anthropic/, openai/, google/, kimi/).
AOD_EXPORT ProviderModel normalizeProviderModel(const QString &provider, const QString &model);
//! The legacy style: provider from a known model prefix, else from a runtime name.
AOD_EXPORT QString deriveProvider(const QString &model, const QString &runtime);

AOD_EXPORT QList<ValidationItem> validateSkills(const QList<AgentSkill> &skills);
AOD_EXPORT QList<ValidationItem> validateMcpServers(const QList<McpServer> &servers);
AOD_EXPORT QList<ValidationItem> validateNetworking(const Networking &networking, const QVariantList &loc);
AOD_EXPORT QList<ValidationItem> validatePackages(const QMap<QString, QStringList> &packages, const QVariantList &loc);
AOD_EXPORT QList<ValidationItem> validateEnvVarKeys(const QMap<QString, QString> &vars, const QVariantList &loc);
AOD_EXPORT QList<ValidationItem> validateTimeout(int timeout, const QVariantList &loc);
AOD_EXPORT QList<ValidationItem> validateResources(const QList<RepositoryResource> &resources);

AOD_EXPORT bool isValidEnvVarKey(const QString &key);
AOD_EXPORT bool isValidSkillName(const QString &name);
AOD_EXPORT bool isValidGithubSource(const QString &source);
AOD_EXPORT bool isValidRepositoryUrl(const QString &url);
//! A well-formed lowercase-or-uppercase hyphenated UUID (the server's `<uuid:...>` converter).
AOD_EXPORT bool isUuid(const QString &id);

} // namespace Aod::Validation
