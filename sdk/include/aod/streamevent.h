#pragma once
//! \file streamevent.h  Aod::StreamEvent: one event of a session's SSE stream (contract §6.3).
#include <aod/global.h>

#include <QDebug>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

#include <optional>

namespace Aod {

//! \brief One parsed event of `GET /sessions/{id}/stream`: the JSON `type`, the SSE `id:`
//! line (if any) and typed accessors over the raw JSON payload.
//!
//! The type is an open string: unknown future types pass through with their JSON intact.
class AOD_EXPORT StreamEvent
{
public:
    enum class Type { Unknown, Start, Stage, TurnStart, Output, Exit, Error, Terminated, Stale };

    StreamEvent() = default;
    //! From the JSON object of a `data:` line and the SSE id in force (-1 when the frame had
    //! no `id:` line).
    StreamEvent(const QJsonObject &json, qint64 sseId = -1);
    //! Parses one `data:` payload; false (and \a error) when it is not a JSON object with a
    //! string `type`.
    static bool fromData(const QByteArray &data, qint64 sseId, StreamEvent &out, QString *error);

    Type type() const { return m_type; }
    QString typeString() const;
    bool isTerminal() const; //!< exit, error, terminated, stale
    //! The frame's SSE `id:` value, -1 when the frame had none (start, turn_start, id 0).
    qint64 sseId() const { return m_sseId; }
    //! The JSON `id` (log row id); -1 when absent.
    qint64 id() const;
    const QJsonObject &json() const { return m_json; }

    // start
    QString provider() const;
    QString sessionId() const;
    // stage
    QString stage() const;
    QString stageState() const;                 //!< started | done | failed
    std::optional<qint64> durationMs() const;
    // turn_start / output
    std::optional<int> turn() const;
    QString stream() const;                     //!< stdout | stderr
    bool isStdout() const { return stream() == QLatin1String("stdout"); }
    bool isStderr() const { return stream() == QLatin1String("stderr"); }
    QString data() const;                       //!< output chunk
    // exit (code, falling back to exit_code); error/terminated/stale (message, falling back to detail)
    std::optional<int> exitCode() const;
    QString message() const;

    static Type typeFromString(const QString &type);
    static QString typeToString(Type type);

    //! Builders for tests and formatters.
    static StreamEvent output(const QString &stream, const QString &data, int turn = 1, qint64 id = 1);

private:
    QJsonObject m_json;
    Type m_type = Type::Unknown;
    qint64 m_sseId = -1;
};

AOD_EXPORT QDebug operator<<(QDebug dbg, const StreamEvent &event);

} // namespace Aod

Q_DECLARE_METATYPE(Aod::StreamEvent)
