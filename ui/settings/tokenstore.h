#pragma once
//! \file tokenstore.h  API tokens in the system keychain (QtKeychain), never in QSettings.
//! Where no keychain answers, the token is kept in memory for this run only, and
//! isPersistent() says so for the UI.
#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

namespace Aod::Ui {

class TokenStore : public QObject
{
    Q_OBJECT
public:
    enum class Backend { Keychain, SessionOnly };
    Q_ENUM(Backend)

    //! \a preferred Keychain falls back to SessionOnly by itself on the first keychain failure.
    explicit TokenStore(Backend preferred = Backend::Keychain, QObject *parent = nullptr);
    ~TokenStore() override;

    Backend backend() const { return m_backend; }
    //! True while tokens are written to the system keychain.
    bool isPersistent() const { return m_backend == Backend::Keychain; }
    //! Why the keychain is not used ("" while it is).
    QString fallbackReason() const { return m_reason; }

    using ReadCallback = std::function<void(const QString &token)>;
    using WriteCallback = std::function<void(bool persisted)>;
    //! Always asynchronous (called from the event loop), with "" when there is no token.
    //! \a context guards the callback.
    void read(const QString &profile, QObject *context, ReadCallback done);
    void write(const QString &profile, const QString &token, QObject *context, WriteCallback done = {});
    void remove(const QString &profile);

    static QString serviceName();

Q_SIGNALS:
    void persistenceChanged(bool persistent);

private:
    void fallBack(const QString &reason);

    Backend m_backend;
    QString m_reason;
    QHash<QString, QString> m_session; // the in-memory copy (the only copy when SessionOnly)
};

} // namespace Aod::Ui
