#pragma once
//! \file outputlogmodel.h  The console's line store: a ring buffer with a hard line cap and
//! batched appends (architecture rule 10; qBittorrent's LogModel is the anchor).
#include <QAbstractListModel>
#include <QColor>
#include <QElapsedTimer>
#include <QList>
#include <QString>
#include <QTimer>

#include <vector>

namespace Aod::Ui {

//! One visual line of the console.
struct LogLine
{
    enum Kind : quint8 {
        Text,          //!< assistant text
        Thinking,      //!< thinking / reasoning
        ToolUse,       //!< a tool call
        ToolResult,    //!< a tool result
        Init,          //!< system init
        Task,          //!< subagent / task
        ResultOk,      //!< final result, success
        ResultError,   //!< final result, error
        Passthrough,   //!< unformatted stdout (generic formatter, non-JSON lines)
        Stderr,        //!< the process's stderr
        Stage,         //!< a provisioning stage line
        TurnSeparator, //!< "── turn N ──"
        Notice,        //!< exit, error, terminated, stale and other app notices
        KindCount
    };
    QString text;
    Kind kind = Passthrough;
    quint8 indent = 0;
    int turn = 0;
};

//! \brief A bounded, append-only list of console lines.
//!
//! append() queues lines; they become rows at most ~50 ms later in one insert (batching keeps
//! the view responsive at thousands of lines per second). When the cap is reached the oldest
//! rows are removed (beginRemoveRows) before the new ones are inserted, so the memory stays
//! bounded whatever the session prints. flush() makes pending lines rows at once.
class OutputLogModel : public QAbstractListModel
{
    Q_OBJECT
public:
    static constexpr int DefaultLineCap = 50000;
    static constexpr int DefaultBatchIntervalMs = 50;

    explicit OutputLogModel(QObject *parent = nullptr);
    ~OutputLogModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    int lineCap() const { return m_cap; }
    //! Keeps the newest \a cap lines (at least 100).
    void setLineCap(int cap);
    //! 0 makes every append() a row at once (tests that want no timer).
    void setBatchInterval(int ms) { m_batchMs = ms; }
    //! Light or dark text colours; set from the view's palette.
    void setDarkPalette(bool dark);

    //! Lines are queued; text with newlines is split into one line per row (same kind/indent).
    void append(const LogLine &line);
    void append(const QList<LogLine> &lines);
    void appendText(const QString &text, LogLine::Kind kind, int turn = 0, int indent = 0);
    void clear();
    //! Inserts every queued line now.
    void flush();

    const LogLine &lineAt(int row) const;
    //! Every line (or \a kinds only when non-zero as a bit mask) as plain text, one per line.
    QString toPlainText(quint32 kindMask = 0) const;
    //! Lines ever appended, and lines dropped to respect the cap.
    qint64 totalLines() const { return m_total; }
    qint64 droppedLines() const { return m_dropped; }
    int pendingLines() const { return int(m_pending.size()); }
    //! An estimate of the bytes held (text payloads plus per-line overhead).
    qint64 approximateBytes() const;

    QColor colorFor(LogLine::Kind kind) const;

Q_SIGNALS:
    //! After each batch was inserted (and old rows dropped).
    void batchInserted(int rows);

private:
    void scheduleFlush();
    LogLine &slot(int row);
    const LogLine &slot(int row) const;

    std::vector<LogLine> m_ring;
    int m_start = 0;
    int m_count = 0;
    int m_cap = DefaultLineCap;
    int m_batchMs = DefaultBatchIntervalMs;
    bool m_dark = false;
    QList<LogLine> m_pending;
    QTimer m_timer;
    QElapsedTimer m_sinceFlush;
    qint64 m_total = 0;
    qint64 m_dropped = 0;
};

} // namespace Aod::Ui
