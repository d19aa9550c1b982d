#pragma once
//! \file claudeformatter.h  Aod::ClaudeFormatter: the Claude Code stream-json pretty formatter,
//! a byte-for-byte port of the official Python SDK's `aod.pretty.claude.ClaudeFormatter`.
#include <aod/format/outputformatter.h>

namespace Aod {

//! \brief Formats Claude Code `--output-format stream-json` output (runtime `claude`,
//! provider `anthropic`) exactly as the official Python formatter does (sdk-parity §2).
//!
//! One item per displayed block, e.g.
//! \code
//! ⚙️  Session init · model=claude-sonnet-4-5, tools=27, mcp=[context7]
//! 💭 Let me look at the tests first.
//! 🔧 Bash · pytest -q
//!   📖 Read · /w/a.py                        (a subagent's line: two-space indent)
//! ✨ Done · agent 12.3s, 15 turns, tokens $0.0234
//! \endcode
//!
//! Per line (formatLine()): text that is not JSON passes through unchanged; `system` init and
//! task_started, `assistant` content blocks (thinking, text, tool_use) and `result` are
//! formatted; `user` lines (tool results), other system subtypes, `stream_event` and unknown
//! types give nothing. Python's semantics are kept throughout: whitespace, line splitting
//! (U+2028 included) and truncation count code points as Python does, numbers print as
//! Python's str() and format() print them, objects as Python's repr().
//!
//! flush(): if the buffer holds anything but whitespace, the whole buffer is formatted as one
//! line with its trailing CRs kept, and cleared; a whitespace-only buffer is left in place.
//!
//! \par Where the reference crashes
//! The Python formatter raises on some inputs (sdk-parity §2.8 E1-E5, and a few more found by
//! reading it). This port never throws; it follows two rules instead:
//! - **Passed through unchanged** (Kind::Passthrough, like text that is not JSON): a line
//!   whose JSON is not an object (E1: `123`, `[1,2]`, `null`, `"x"`), and an `assistant`
//!   line whose `message` is not an object or whose `message.content` is not an array (E3:
//!   content given as a string). The whole line is shown so nothing the agent said is hidden.
//! - **Skipped** (treated as absent; the rest of the line is formatted as usual): an MCP
//!   server entry that is not an object or has no string `name` is left out of `mcp=[...]`
//!   (E2), and `mcp=` disappears if none is left; a tool `input` that is not an object counts
//!   as `{}` (E4); a `total_cost_usd` that is not a number or boolean drops the
//!   `tokens $...` part (E5). Likewise a content block that is not an object, `thinking` or
//!   `text` that is not a string (the block is dropped), a tool `name` that is an array or
//!   object ("?"), `tools` or `todos` that is a number or boolean (counted as 0),
//!   `mcp_servers` that is not an array (no mcp part), and a `duration_ms` that is a string,
//!   array or object (0.0s).
//!
//! Where Python itself gives up before formatting (RecursionError on JSON nested more than
//! about 1000 levels, ValueError on integers of more than 4300 digits, OverflowError on
//! integers past the float range), this port formats the line normally (such integers print
//! as inf where a float is needed).
class AOD_EXPORT ClaudeFormatter : public OutputFormatter
{
public:
    ClaudeFormatter();
    ~ClaudeFormatter() override;

    QList<FormattedItem> formatLine(QStringView line) override;
    QString name() const override;

protected:
    QList<FormattedItem> flushPending(QString &pending) override;
};

} // namespace Aod
