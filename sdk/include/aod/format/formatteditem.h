#pragma once
//! \file formatteditem.h  Aod::FormattedItem: one piece of formatted agent output, with its kind.
#include <aod/global.h>

#include <QDebug>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace Aod {

//! \brief One formatted item of agent output: the display text plus what it is, so a console
//! can colour, filter or fold it without parsing the text again.
//!
//! For the Claude formatter, \c text is byte for byte what the official Python formatter
//! (`aod.pretty.claude`) yields, with one refinement: where the reference yields a single
//! string for a stream-json line holding several content blocks (thinking, text, tool use),
//! this port yields one item per block and marks every item after the first with
//! \c continuation. Joining such a run of texts with "\n" gives the reference string back
//! exactly; OutputFormatter::toReferenceStrings() does that.
struct FormattedItem
{
    //! What the item shows.
    enum class Kind {
        Init,          //!< session/thread start: model, tools, MCP servers
        Thinking,      //!< a reasoning summary (one line)
        Text,          //!< a message from the agent, in full
        ToolUse,       //!< a tool call; \c toolName is set
        Task,          //!< a subagent task was spawned
        ToolResult,    //!< the outcome of a tool call (only failures are shown)
        ResultOk,      //!< the run or turn finished successfully
        ResultError,   //!< the run or turn finished with an error
        Passthrough,   //!< a line the formatter does not interpret, shown unchanged
        Stderr,        //!< a line of the agent's stderr (opt-in, see OutputFormatter::Extra)
        Stage,         //!< a provisioning stage event (opt-in)
        TurnSeparator, //!< the start of a new turn (opt-in)
        System,        //!< a stream lifecycle or runtime notice (exit, error, warnings)
        Other,         //!< anything else a formatter chose to show
    };

    Kind kind = Kind::Other;
    //! The display text, possibly several lines joined by "\n". For Claude items it includes
    //! the subagent indent (two spaces on every line), exactly as the reference prints it.
    QString text;
    //! 0 for the main agent, 1 for a subagent (Claude's `parent_tool_use_id` is set).
    int indent = 0;
    //! For Kind::ToolUse (and a few ToolResult/Other items): the tool name as displayed,
    //! e.g. "Bash", "mcp__context7__get-library-docs", or "?" when the line had none.
    QString toolName;
    //! True when this item is a further block of the same input line as the previous item;
    //! the reference formatter joins such items into one string with "\n".
    bool continuation = false;

    friend bool operator==(const FormattedItem &a, const FormattedItem &b)
    {
        return a.kind == b.kind && a.text == b.text && a.indent == b.indent
            && a.toolName == b.toolName && a.continuation == b.continuation;
    }
    friend bool operator!=(const FormattedItem &a, const FormattedItem &b) { return !(a == b); }
};

//! The enumerator's name, e.g. "ToolUse", for logs, tests and machine-readable output.
AOD_EXPORT QString kindName(FormattedItem::Kind kind);
AOD_EXPORT QDebug operator<<(QDebug dbg, const FormattedItem &item);

} // namespace Aod

Q_DECLARE_METATYPE(Aod::FormattedItem)
