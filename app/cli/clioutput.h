#pragma once
// Output of `aod`: buffered writes to stdout/stderr (fwrite; flushed on events and at exit),
// aligned tables, key/value blocks, JSON documents and JSON lines.
#include <QByteArray>
#include <QDateTime>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <cstdio>

namespace AodCli {

class Output
{
public:
    //! Writes to \a out and \a err (not owned). stdout gets a large buffer when it is not a
    //! terminal so that a long raw stream is not write-bound.
    Output(FILE *out = stdout, FILE *err = stderr);
    ~Output();
    Output(const Output &) = delete;
    Output &operator=(const Output &) = delete;

    bool stdoutIsTerminal() const { return m_outTty; }
    bool stderrIsTerminal() const { return m_errTty; }

    void write(const QByteArray &bytes);
    void write(const QString &text) { write(text.toUtf8()); }
    void writeLine(const QString &text);
    void writeErr(const QByteArray &bytes);
    void writeErr(const QString &text) { writeErr(text.toUtf8()); }
    void writeErrLine(const QString &text);

    //! One JSON document (indented) followed by a newline.
    void writeJsonDocument(const QJsonValue &value);
    //! One JSON value on one line (JSON lines for streams).
    void writeJsonLine(const QJsonValue &value);

    //! "aod: <line>" on stderr, further lines as they are.
    void error(const QStringList &lines);
    void error(const QString &line) { error(QStringList{line}); }
    void warning(const QString &line);

    void flush();
    //! False once a write to stdout failed (a closed pipe with SIGPIPE ignored, a full disk).
    bool ok() const { return !m_failed; }

private:
    FILE *m_out;
    FILE *m_err;
    bool m_outTty = false;
    bool m_errTty = false;
    bool m_failed = false;
};

//! An aligned text table: the header row in capitals, columns separated by two spaces, the
//! last column not padded.
class Table
{
public:
    explicit Table(const QStringList &headers) : m_headers(headers) {}
    void addRow(const QStringList &cells) { m_rows.append(cells); }
    bool isEmpty() const { return m_rows.isEmpty(); }
    QString render() const;

private:
    QStringList m_headers;
    QList<QStringList> m_rows;
};

//! A key/value block: keys padded to one width; multi-line values indented under the first line.
class KeyValueBlock
{
public:
    void add(const QString &key, const QString &value) { m_rows.append({key, value}); }
    QString render() const;

private:
    QList<QPair<QString, QString>> m_rows;
};

//! Terminal cells a string takes: code points, with combining marks as 0 and wide East Asian
//! and emoji ranges as 2 (good enough for table alignment).
int displayWidth(const QString &text);
//! Local time "yyyy-MM-dd HH:mm:ss", or "-" for an invalid time.
QString formatLocalTime(const QDateTime &time);
//! "3.2s", "850ms", "2m05s".
QString formatDuration(qint64 ms);
//! One-line, at most \a limit terminal cells, ellipsis at the end.
QString oneLine(const QString &text, int limit);

} // namespace AodCli
