#pragma once
//! \file streamevent.h  Aod::StreamEvent: one event of a session's SSE stream (contract §6.3).
#include <aod/global.h>

#include <QDebug>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

#include <memory>
#include <optional>

namespace Aod {

class StreamEventPrivate;
namespace StreamEventDecoding {
struct Access;
}

//! \brief One parsed event of `GET /sessions/{id}/stream`: the JSON `type`, the SSE `id:`
//! line (if any) and typed accessors over the raw JSON payload.
//!
//! The type is an open string: unknown future types pass through with their JSON intact
//! (type() is Type::Unknown, typeString() the server's name). Accessors never throw: a field
//! that is missing or of the wrong JSON type reads as empty / nullopt / -1. Two fixture
//! spellings are accepted (sdk-parity §3.5): `code` falls back to `exit_code` and `message`
//! to `detail`. A cheap value (its parsed content is shared, never modified after parsing);
//! usable from any thread.
//!
//! fromData() decodes the typed fields of AoD's flat event objects directly from the bytes;
//! the QJsonObject returned by json() is then built on first use (from rawData(), exactly as
//! QJsonDocument parses it) and kept. Events with another JSON shape go through QJsonDocument
//! at once. Either way every accessor returns what it would read from json().
class AOD_EXPORT StreamEvent
{
public:
    enum class Type { Unknown, Start, Stage, TurnStart, Output, Exit, Error, Terminated, Stale };

    StreamEvent() = default;
    //! From the JSON object of a `data:` line and the SSE id in force (-1 when the frame had
    //! no `id:` line).
    StreamEvent(const QJsonObject &json, qint64 sseId = -1);
    //! Parses one `data:` payload; false (and \a error) when it is not a JSON object with a
    //! string `type`. On success rawData() keeps \a data byte for byte.
    static bool fromData(const QByteArray &data, qint64 sseId, StreamEvent &out, QString *error);

    //! False for a default-constructed event.
    bool isValid() const;
    //! True when the frame carried an SSE `id:` line (sseId() >= 0).
    bool hasSseId() const { return m_sseId >= 0; }
    //! exit, error or terminated: the session itself reached a terminal status. Unlike
    //! isTerminal(), false for `stale`, which ends only the connection.
    bool endsSession() const;
    //! The exact `data:` bytes the event was parsed from (empty when built from JSON).
    QByteArray rawData() const;

    Type type() const { return m_type; }
    QString typeString() const;
    bool isTerminal() const; //!< exit, error, terminated, stale
    //! The frame's SSE `id:` value, -1 when the frame had none (start, turn_start, id 0).
    qint64 sseId() const { return m_sseId; }
    //! The JSON `id` (log row id); -1 when absent.
    qint64 id() const;
    //! The whole JSON object (empty for a default-constructed event). For an event from
    //! fromData() it is parsed on the first call (thread-safe) and the same object is returned
    //! afterwards.
    const QJsonObject &json() const;

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
    //! exit only: true when `code` (or `exit_code`) is present and JSON null (contract §12.26).
    bool hasNullExitCode() const;

    static Type typeFromString(const QString &type);
    static QString typeToString(Type type);

    //! Builders for tests and formatters.
    static StreamEvent output(const QString &stream, const QString &data, int turn = 1, qint64 id = 1);

    //! Same JSON and same SSE id (rawData() is not compared).
    bool operator==(const StreamEvent &other) const;
    bool operator!=(const StreamEvent &other) const { return !(*this == other); }

private:
    friend struct StreamEventDecoding::Access; // the stream's decoder (internal)
    std::shared_ptr<const StreamEventPrivate> d;
    Type m_type = Type::Unknown;
    qint64 m_sseId = -1;
};

AOD_EXPORT QDebug operator<<(QDebug dbg, const StreamEvent &event);

} // namespace Aod

Q_DECLARE_METATYPE(Aod::StreamEvent)
