#pragma once
//! \file consolefeeder.h  Turns stream events into console lines: formatted through the
//! provider's formatter (Claude for anthropic) into one model, raw into another.
#include "models/outputlogmodel.h"

#include <aod/streamevent.h>

#include <QObject>

#include <memory>

namespace Aod::Ui {

class ConsoleFeeder : public QObject
{
    Q_OBJECT
public:
    ConsoleFeeder(OutputLogModel *formatted, OutputLogModel *raw, QObject *parent = nullptr);
    ~ConsoleFeeder() override;

    //! Picks the formatter (anthropic -> Claude, openai -> Codex, else generic). The `start`
    //! event calls this too.
    void setProvider(const QString &provider);
    QString provider() const { return m_provider; }
    //! The formatter's name, for the UI ("claude", "codex", "generic").
    QString formatterName() const;

    void feed(const Aod::StreamEvent &event);
    //! Flushes the formatter and the partial raw lines (a terminal event does it too).
    void finish();

    qint64 eventCount() const { return m_events; }
    int currentTurn() const { return m_turn; }

private:
    struct Impl;
    void addRaw(const QString &stream, const QString &data);
    void flushRawPartials();
    void turnSeparator(int turn);

    OutputLogModel *m_formatted;
    OutputLogModel *m_raw;
    std::unique_ptr<Impl> d;
    QString m_provider;
    QString m_partialOut;
    QString m_partialErr;
    QString m_partialFmtErr;
    qint64 m_events = 0;
    int m_turn = 0;
};

} // namespace Aod::Ui
