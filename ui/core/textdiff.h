#pragma once
//! \file textdiff.h  Line diffs and field-by-field diffs of agent and environment content, for
//! the version history browser and the 409 conflict dialog.
#include <aod/models/agent.h>
#include <aod/models/environment.h>

#include <QList>
#include <QPair>
#include <QString>

namespace Aod::Ui::Diff {

struct Line
{
    enum Op : char { Same = ' ', Removed = '-', Added = '+' };
    Op op = Same;
    QString text;
    bool operator==(const Line &) const = default;
};

//! A line diff (longest common subsequence). Inputs beyond ~4 million line pairs are diffed as a
//! whole replacement, to keep the GUI thread fast.
QList<Line> lines(const QString &before, const QString &after);
//! Unified-style text: "-old" / "+new" / " same".
QString toText(const QList<Line> &diff);

//! The editable fields of an agent or environment as (label, text) pairs, in form order.
//! Skills, MCP servers, packages and metadata are pretty JSON so their diffs are per line.
QList<QPair<QString, QString>> fields(const Aod::AgentContent &content);
QList<QPair<QString, QString>> fields(const Aod::EnvironmentContent &content);

struct FieldChange
{
    QString field;
    QString before;
    QString after;
};
//! Only the fields whose text differs.
QList<FieldChange> changes(const QList<QPair<QString, QString>> &before,
                           const QList<QPair<QString, QString>> &after);
//! HTML for a QTextBrowser: one section per changed field with its coloured line diff.
QString toHtml(const QList<FieldChange> &changes, bool dark);

} // namespace Aod::Ui::Diff
