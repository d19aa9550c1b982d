#include <aod/error.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QMetaEnum>

namespace Aod {

Error::Error(Code code, const QString &message) : m_code(code), m_message(message) {}

QString Error::detailText() const
{
    if (m_detail.isString())
        return m_detail.toString();
    if (!m_items.isEmpty()) {
        QStringList parts;
        parts.reserve(m_items.size());
        for (const ValidationItem &item : m_items) {
            const QString field = item.field();
            parts.append(field.isEmpty() ? item.msg : field + QStringLiteral(": ") + item.msg);
        }
        return parts.join(QStringLiteral("; "));
    }
    if (m_detail.isUndefined() || m_detail.isNull())
        return {};
    return QString::fromUtf8(QJsonDocument::fromVariant(m_detail.toVariant()).toJson(QJsonDocument::Compact));
}

Error &Error::setDetail(const QJsonValue &detail)
{
    m_detail = detail;
    m_items.clear();
    if (detail.isArray()) {
        const QJsonArray items = detail.toArray();
        for (const QJsonValue &item : items)
            m_items.append(ValidationItem::fromJson(item));
    }
    return *this;
}

Error &Error::setRequest(const QByteArray &method, const QUrl &url)
{
    m_method = method;
    // Never keep credentials that a caller may have put into the URL.
    m_url = url.adjusted(QUrl::RemoveUserInfo);
    return *this;
}

Error &Error::setRawSample(const QByteArray &body)
{
    m_rawSample = body.left(RawSampleLimit);
    return *this;
}

bool Error::isTransient() const
{
    switch (m_code) {
    case Code::NetworkError:
    case Code::TimeoutError:
        return true;
    case Code::ServerError:
        return m_httpStatus == 502 || m_httpStatus == 503 || m_httpStatus == 504;
    default:
        return false;
    }
}

QString Error::codeName(Code code)
{
    const QMetaEnum e = QMetaEnum::fromType<Code>();
    return QString::fromLatin1(e.valueToKey(static_cast<int>(code)));
}

QDebug operator<<(QDebug dbg, const Error &error)
{
    QDebugStateSaver saver(dbg);
    dbg.nospace() << "Aod::Error(" << Error::codeName(error.code());
    if (error.httpStatus())
        dbg << ", status " << error.httpStatus();
    if (error.networkError() != QNetworkReply::NoError)
        dbg << ", network " << error.networkError();
    dbg << ", " << error.message();
    if (!error.validationItems().isEmpty())
        dbg << ", items " << error.validationItems();
    if (error.rateLimit() >= 0)
        dbg << ", limit " << error.rateLimit() << " active " << error.activeCount();
    dbg << ')';
    return dbg;
}

QDebug operator<<(QDebug dbg, const ValidationItem &item)
{
    QDebugStateSaver saver(dbg);
    dbg.nospace() << "ValidationItem(" << item.field() << ", " << item.type << ", " << item.msg << ')';
    return dbg;
}

} // namespace Aod
