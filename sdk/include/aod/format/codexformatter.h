#pragma once
//! \file codexformatter.h  Aod::CodexFormatter: one-line summaries of `codex exec --json`
//! output (runtime `codex`, provider `openai`). The official SDKs have no equivalent.
#include <aod/format/outputformatter.h>

namespace Aod {

//! \brief Formats OpenAI Codex CLI JSONL events (contract §8.2) in the style of the Claude
//! formatter. The shapes are those of recent CLIs and are not guaranteed, so reading is
//! lenient: a missing or mistyped field is treated as absent, never as an error.
//!
//! | Line | Item |
//! |---|---|
//! | `thread.started` | Init: `⚙️  Thread started · <thread_id>` |
//! | `turn.started` | nothing |
//! | item `agent_message` (completed) | Text: `✉️  <text>` in full |
//! | item `reasoning` (completed) | Thinking: `💭 <text on one line, 200 code points>` |
//! | item `command_execution` | ToolUse "Shell" when first seen: `🔧 Shell · <command, 140>` (a `bash -lc "..."` wrapper is unwrapped); on completion a ToolResult only if it failed: `⚠️  exit <code> · <command, 80>` |
//! | item `file_change` | ToolUse "Patch": `📝 Patch · <path> (<kind>), ...`; ToolResult if it failed |
//! | item `mcp_tool_call` | ToolUse "<server>.<tool>": `🛠️  server.tool · <argument summary>`; ToolResult `⚠️  server.tool failed · <message>` on failure |
//! | item `web_search` (completed) | ToolUse "WebSearch": `🌐 WebSearch · <query>` |
//! | item `todo_list` | ToolUse "Plan": `📋 Plan · 1/3 done · next: <first open step>`, again whenever it changes |
//! | item `error` | System: `⚠️  <message>` |
//! | other item types | Other, once per item: `🛠️  <type>` |
//! | `turn.completed` | ResultOk: `✨ Turn done · in 1200 (cached 200), out 345 tokens` |
//! | `turn.failed` | ResultError: `⚠️  Turn failed · <error.message>` |
//! | `error` | System: `⚠️  Error · <message>` |
//! | older CLIs' `{"msg": {...}}` envelope | agent_message, agent_reasoning, exec_command_begin/end, error and task_complete as above; other `msg` types (deltas, token counts) give nothing |
//! | anything else, text that is not JSON | Passthrough, unchanged |
//!
//! Items are announced once per item id and turn (started/updated/completed repeat the same
//! item), so the formatter keeps a little state; reset() or a new thread/turn clears it.
//! flush() follows the generic rule (trailing CRs stripped, buffer always cleared).
class AOD_EXPORT CodexFormatter : public OutputFormatter
{
public:
    CodexFormatter();
    ~CodexFormatter() override;

    QList<FormattedItem> formatLine(QStringView line) override;
    QString name() const override;
    void reset() override;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Aod
