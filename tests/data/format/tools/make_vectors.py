# Writes vectors.json: sdk-parity §2.7/§2.8 vectors. Inputs are built with json.dumps (Python's
# default separators, as the upstream tests); expectations are typed from the spec, and E1-E5
# from this port's policy (claudeformatter.h). Usage: python3 make_vectors.py ../vectors.json
import json, sys
D = json.dumps  # Python's default separators and ASCII escaping, as the upstream tests
def asst(content, **kw):
    o = {"type": "assistant"}
    o.update(kw)
    o["message"] = {"content": content}
    return o
def text(t): return {"type": "text", "text": t}
def tool(name, inp=None, **kw):
    b = {"type": "tool_use", "name": name}
    if inp is not None: b["input"] = inp
    b.update(kw); return b
def noname_tool(inp): return {"type": "tool_use", "input": inp}
V = []
def case(id, doc, steps, expect, formatter="claude", pending=None):
    c = {"id": id, "doc": doc, "formatter": formatter, "steps": steps, "expect": expect}
    if pending is not None: c["pending"] = pending
    V.append(c)
def line(id, doc, obj, expect):
    s = obj if isinstance(obj, str) else D(obj)
    case(id, doc, [{"feed": s + "\n"}], [expect])
def out(stream, data, t="output", eid=1): return {"type": t, "id": eid, "stream": stream, "data": data}

# --- 2.7 ---
line("T1", "assistant text", asst([text("hello world")]), ["✉️  hello world"])
m = D(asst([text("partial")]))
case("T2", "partial line kept across feeds", [{"feed": m[:10]}, {"feed": m[10:]}, {"feed": "\n"}], [[], [], ["✉️  partial"]])
case("T3", "flush emits the dangling line", [{"feed": D(asst([text("dangling")]))}, {"flush": True}], [[], ["✉️  dangling"]])
line("T4", "system init", {"type": "system", "subtype": "init", "model": "claude-sonnet-4-5", "tools": list(range(27)), "mcp_servers": [{"name": "context7"}]},
     ["⚙️  Session init · model=claude-sonnet-4-5, tools=27, mcp=[context7]"])
line("T5", "Bash tool", asst([tool("Bash", {"command": "ls -la"})]), ["🔧 Bash · ls -la"])
line("T6", "result success", {"type": "result", "subtype": "success", "duration_ms": 12300, "num_turns": 15, "total_cost_usd": 0.0234},
     ["✨ Done · agent 12.3s, 15 turns, tokens $0.0234"])
line("T7", "subagent indent", {"type": "assistant", "parent_tool_use_id": "toolu_abc", "message": {"content": [text("nested")]}}, ["  ✉️  nested"])
line("T8", "user tool_result dropped", {"type": "user", "message": {"content": [{"type": "tool_result"}]}}, [])
body = D(asst([text("hi")]))
case("T9", "consume filter: stage, stderr, stdout",
     [{"event": {"type": "stage", "id": 1}}, {"event": out("stderr", body + "\n")}, {"event": out("stdout", body + "\n")}],
     [[], [], ["✉️  hi"]])
body = D(asst([text("split")])); mid = len(body) // 2
case("T10", "consume joins partial lines across events", [{"event": out("stdout", body[:mid])}, {"event": out("stdout", body[mid:] + "\n")}], [[], ["✉️  split"]])
case("T11", "malformed line passes through", [{"feed": "not-json\n"}], [["not-json"]])
# G3-G8 (G1/G2 are factory checks done in C++)
case("G3", "generic yields lines", [{"event": out("stdout", "first line\nsecond line\n")}], [["first line", "second line"]], formatter="generic")
case("G4", "generic partial", [{"event": out("stdout", "partial")}, {"event": out("stdout", " continued\n")}], [[], ["partial continued"]], formatter="generic")
case("G5", "generic flush", [{"event": out("stdout", "dangling")}, {"flush": True}], [[], ["dangling"]], formatter="generic")
case("G6", "generic flush strips CR", [{"event": out("stdout", "dangling\r")}, {"flush": True}], [[], ["dangling"]], formatter="generic")
case("G7", "generic ignores stderr", [{"event": out("stderr", "err\n")}], [[]], formatter="generic")
case("G8", "generic ignores start", [{"event": {"type": "start", "provider": "anthropic", "session_id": "s"}}], [[]], formatter="generic")

# --- 2.8 ---
line("D1", "init with no other keys", {"type": "system", "subtype": "init"}, ["⚙️  Session init · model=?, tools=0"])
line("D2", "init with two MCP servers", {"type": "system", "subtype": "init", "model": "claude-opus-4-1", "tools": ["Bash", "Read"], "mcp_servers": [{"name": "a", "status": "connected"}, {"name": "b"}]},
     ["⚙️  Session init · model=claude-opus-4-1, tools=2, mcp=[a, b]"])
line("D3", "init with null model and tools", {"type": "system", "subtype": "init", "model": None, "tools": None}, ["⚙️  Session init · model=None, tools=0"])
line("D4", "task_started", {"type": "system", "subtype": "task_started", "description": "Explore repo"}, ["🚀 Task spawned · Explore repo"])
line("D5", "task_started without description", {"type": "system", "subtype": "task_started"}, ["🚀 Task spawned · (no description)"])
line("D6a", "task_progress gives nothing", {"type": "system", "subtype": "task_progress"}, [])
line("D6b", "hook_started gives nothing", {"type": "system", "subtype": "hook_started"}, [])
line("D7", "thinking of 200 a", asst([{"type": "thinking", "thinking": "a" * 200}]), ["💭 " + "a" * 200])
line("D8", "thinking of 201 a", asst([{"type": "thinking", "thinking": "a" * 201}]), ["💭 " + "a" * 199 + "…"])
line("D9", "thinking of spaces", asst([{"type": "thinking", "thinking": "     "}]), [])
th = "  Let me   think\n about this " + "x" * 300
flat = "Let me think about this " + "x" * 300
line("D10", "thinking collapsed and truncated", asst([{"type": "thinking", "thinking": th}]), ["💭 " + flat[:199] + "…"])
line("D11", "text with a newline", asst([text("  line one\nline two  ")]), ["✉️  line one\nline two"])
line("D12", "text with a newline, subagent", asst([text("  line one\nline two  ")], parent_tool_use_id="toolu_1"), ["  ✉️  line one\n  line two"])
line("D13", "blank line indented too", asst([text("a\n\nb")], parent_tool_use_id="toolu_1"), ["  ✉️  a\n  \n  b"])
line("D14", "three blocks, one item", asst([{"type": "thinking", "thinking": "plan"}, text("I'll read it."), tool("Read", {"file_path": "/w/a.py"})]),
     ["💭 plan\n✉️  I'll read it.\n📖 Read · /w/a.py"])
cmd = "echo " + "y" * 200
line("D15", "Bash truncated at 140", asst([tool("Bash", {"command": cmd})]), ["🔧 Bash · " + cmd[:139] + "…"])
line("D16", "Bash on one line", asst([tool("Bash", {"command": "cd /w &&\n  pytest -q"})]), ["🔧 Bash · cd /w && pytest -q"])
line("D17", "Bash with empty input", asst([tool("Bash", {})]), ["🔧 Bash"])
line("D18a", "Read", asst([tool("Read", {"file_path": "/w/x.py"})]), ["📖 Read · /w/x.py"])
line("D18b", "Write", asst([tool("Write", {"file_path": "/w/x.py"})]), ["📝 Write · /w/x.py"])
line("D19a", "Edit", asst([tool("Edit", {"file_path": "/w/x.py"})]), ["✏️  Edit · /w/x.py"])
line("D19b", "MultiEdit", asst([tool("MultiEdit", {"file_path": "/w/x.py"})]), ["✏️  MultiEdit · /w/x.py"])
line("D20", "Edit with no input", asst([tool("Edit")]), ["✏️  Edit · (no path)"])
line("D21", "NotebookEdit reads file_path", asst([tool("NotebookEdit", {"notebook_path": "/w/n.ipynb"})]), ["📓 NotebookEdit · (no path)"])
line("D22", "Grep with path", asst([tool("Grep", {"pattern": "TODO", "path": "src/"})]), ["🔍 Grep · TODO in src/"])
line("D23", "Glob", asst([tool("Glob", {"pattern": "**/*.py"})]), ["🔎 Glob · **/*.py"])
line("D24", "Grep with empty input", asst([tool("Grep", {})]), ["🔍 Grep"])
line("D25", "Grep pattern not truncated", asst([tool("Grep", {"pattern": "p" * 200})]), ["🔍 Grep · " + "p" * 200])
line("D26", "WebFetch prefers url", asst([tool("WebFetch", {"url": "https://example.com", "prompt": "summarize"})]), ["🌐 WebFetch · https://example.com"])
line("D27", "WebSearch query", asst([tool("WebSearch", {"query": "qt6 sse"})]), ["🌐 WebSearch · qt6 sse"])
line("D28", "Task prefers description", asst([tool("Task", {"description": "Find tests", "prompt": "long prompt"})]), ["🤖 Task · Find tests"])
line("D29", "Agent prompt", asst([tool("Agent", {"prompt": "do X"})]), ["🤖 Agent · do X"])
line("D30a", "TodoWrite counts", asst([tool("TodoWrite", {"todos": [{}, {}, {}]})]), ["📋 TodoWrite · 3 todo(s)"])
line("D30b", "TodoWrite with empty input", asst([tool("TodoWrite", {})]), ["📋 TodoWrite · 0 todo(s)"])
line("D31", "ExitPlanMode generic rule", asst([tool("ExitPlanMode", {"plan": "p"})]), ["📐 ExitPlanMode"])
line("D32", "MCP tool", asst([tool("mcp__context7__get-library-docs", {"name": "react"})]), ["🛠️  mcp__context7__get-library-docs · react"])
line("D33", "LS without string keys", asst([tool("LS", {"recursive": True})]), ["🛠️  LS"])
line("D34", "tool_use without a name", asst([noname_tool({})]), ["🛠️  ?"])
line("D35", "unknown tool truncated", asst([tool("X", {"description": "d" * 150})]), ["🛠️  X · " + "d" * 139 + "…"])
line("D36", "non-string keys skipped", asst([tool("X", {"description": 5, "path": "/p"})]), ["🛠️  X · /p"])
line("D37a", "assistant with empty content", asst([]), [])
line("D37b", "assistant with no message", {"type": "assistant"}, [])
line("D38", "user tool_result error", {"type": "user", "message": {"content": [{"type": "tool_result", "is_error": True, "content": "boom"}]}}, [])
line("D39", "result error_max_turns", {"type": "result", "subtype": "error_max_turns", "duration_ms": 5000, "num_turns": 0, "total_cost_usd": 1.5}, ["⚠️  Done · agent 5.0s, tokens $1.5000"])
line("D40", "result error without fields", {"type": "result", "subtype": "error_during_execution"}, ["⚠️  Done · agent 0.0s"])
line("D41", "result duration 49, cost 0", {"type": "result", "subtype": "success", "duration_ms": 49, "total_cost_usd": 0}, ["✨ Done · agent 0.0s, tokens $0.0000"])
line("D42", "half-to-even on the binary value", {"type": "result", "subtype": "success", "duration_ms": 1250, "num_turns": 1, "total_cost_usd": 0.00005}, ["✨ Done · agent 1.2s, 1 turns, tokens $0.0001"])
line("D43", "float duration", {"type": "result", "subtype": "success", "duration_ms": 12345.6, "num_turns": 2}, ["✨ Done · agent 12.3s, 2 turns"])
line("D44", "result of a subagent", {"type": "result", "subtype": "success", "parent_tool_use_id": "x", "duration_ms": 1000}, ["  ✨ Done · agent 1.0s"])
line("D45a", "stream_event gives nothing", {"type": "stream_event", "event": {"type": "content_block_delta"}}, [])
line("D45b", "object without type", {"foo": 1}, [])
line("D46", "spaces pass through", "   ", ["   "])
case("D47", "empty lines skipped", [{"feed": "\n\n\r\n"}], [[]])
case("D48", "CR LF", [{"feed": D(asst([text("crlf")])) + "\r\n"}], [["✉️  crlf"]])
case("D49", "CR CR LF", [{"feed": "not-json\r\r\n"}], [["not-json"]])
case("D50", "two lines in one chunk", [{"feed": D(asst([text("a")])) + "\n" + D(asst([text("b")])) + "\n"}], [["✉️  a", "✉️  b"]])
case("D51", "flush keeps CR", [{"feed": "partial\r"}, {"flush": True}], [[], ["partial\r"]], pending="")
case("D52", "whitespace stays in the buffer", [{"feed": "  "}, {"flush": True}], [[], []], pending="  ")
case("D53", "flush formats a result", [{"feed": D({"type": "result", "subtype": "success", "duration_ms": 2000})}, {"flush": True}], [[], ["✨ Done · agent 2.0s"]])
line("D54", "null parent_tool_use_id", {"type": "assistant", "parent_tool_use_id": None, "message": {"content": [text("top")]}}, ["✉️  top"])

# --- E1-E5: where the reference raises; our documented policy ---
case("E1a", "JSON number passes through", [{"feed": "123\n"}], [["123"]])
case("E1b", "JSON array passes through", [{"feed": "[1,2]\n"}], [["[1,2]"]])
case("E1c", "JSON null passes through", [{"feed": "null\n"}], [["null"]])
case("E1d", "JSON string passes through", [{"feed": "\"x\"\n"}], [["\"x\""]])
line("E2a", "nameless MCP server skipped", {"type": "system", "subtype": "init", "model": "m", "tools": [], "mcp_servers": [{"status": "failed"}]}, ["⚙️  Session init · model=m, tools=0"])
line("E2b", "only named MCP servers listed", {"type": "system", "subtype": "init", "model": "m", "mcp_servers": [{"name": "a"}, {"status": "failed"}, "x", {"name": 7}, {"name": "b"}]}, ["⚙️  Session init · model=m, tools=0, mcp=[a, b]"])
e3 = D({"type": "assistant", "message": {"content": "hello"}})
case("E3", "string content passes through", [{"feed": e3 + "\n"}], [[e3]])
line("E4a", "string input counts as {}", asst([tool("Bash", "ls")]), ["🔧 Bash"])
line("E4b", "array input counts as {}", asst([tool("Read", ["/w/x"])]), ["📖 Read · (no path)"])
line("E5", "string cost dropped", {"type": "result", "subtype": "success", "duration_ms": 1000, "total_cost_usd": "0.1"}, ["✨ Done · agent 1.0s"])

open(sys.argv[1], "w").write("[\n" + ",\n".join(json.dumps(c, ensure_ascii=False) for c in V) + "\n]\n")
print(len(V), "cases")
