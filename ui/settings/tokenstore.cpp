#include "tokenstore.h"

#include <QPointer>
#include <QTimer>

#ifdef AOD_HAVE_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace Aod::Ui {

TokenStore::TokenStore(Backend preferred, QObject *parent)
    : QObject(parent), m_backend(preferred)
{
#ifndef AOD_HAVE_KEYCHAIN
    if (m_backend == Backend::Keychain) {
        m_backend = Backend::SessionOnly;
        m_reason = tr("This build has no keychain support.");
    }
#endif
    if (m_backend == Backend::SessionOnly && m_reason.isEmpty())
        m_reason = tr("Keychain disabled.");
}

TokenStore::~TokenStore() = default;

QString TokenStore::serviceName()
{
    return QStringLiteral("aod-desktop");
}

void TokenStore::fallBack(const QString &reason)
{
    if (m_backend == Backend::SessionOnly)
        return;
    m_backend = Backend::SessionOnly;
    m_reason = reason;
    Q_EMIT persistenceChanged(false);
}

void TokenStore::read(const QString &profile, QObject *context, ReadCallback done)
{
    if (m_session.contains(profile) || m_backend == Backend::SessionOnly) {
        const QString token = m_session.value(profile);
        QTimer::singleShot(0, context, [done = std::move(done), token] { done(token); });
        return;
    }
#ifdef AOD_HAVE_KEYCHAIN
    auto *job = new QKeychain::ReadPasswordJob(serviceName(), this);
    job->setKey(profile);
    job->setAutoDelete(true);
    connect(job, &QKeychain::Job::finished, context,
            [this, job, profile, done = std::move(done)] {
                QString token;
                if (job->error() == QKeychain::NoError) {
                    token = job->textData();
                    m_session.insert(profile, token);
                } else if (job->error() != QKeychain::EntryNotFound) {
                    fallBack(job->errorString());
                }
                done(token);
            });
    job->start();
#endif
}

void TokenStore::write(const QString &profile, const QString &token, QObject *context, WriteCallback done)
{
    m_session.insert(profile, token);
    if (m_backend == Backend::SessionOnly) {
        if (done)
            QTimer::singleShot(0, context, [done = std::move(done)] { done(false); });
        return;
    }
#ifdef AOD_HAVE_KEYCHAIN
    auto *job = new QKeychain::WritePasswordJob(serviceName(), this);
    job->setKey(profile);
    job->setTextData(token);
    job->setAutoDelete(true);
    connect(job, &QKeychain::Job::finished, context, [this, job, done = std::move(done)] {
        const bool ok = job->error() == QKeychain::NoError;
        if (!ok)
            fallBack(job->errorString());
        if (done)
            done(ok);
    });
    job->start();
#endif
}

void TokenStore::remove(const QString &profile)
{
    m_session.remove(profile);
    if (m_backend == Backend::SessionOnly)
        return;
#ifdef AOD_HAVE_KEYCHAIN
    auto *job = new QKeychain::DeletePasswordJob(serviceName(), this);
    job->setKey(profile);
    job->setAutoDelete(true);
    job->start();
#endif
}

} // namespace Aod::Ui
