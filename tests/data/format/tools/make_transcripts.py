# claude_session.jsonl and codex_session.jsonl (usage: make_transcripts.py <dir>): realistic runs, in the shapes
# of Claude Code 2.1.x (--output-format stream-json --verbose) and codex exec --json.
import json, random, uuid, sys
R = random.Random(42)
out_dir = sys.argv[1]
def dump(o): return json.dumps(o, separators=(",", ":"), ensure_ascii=False)
sid = "6f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f"
TOOLS = ["Task", "Bash", "Glob", "Grep", "ExitPlanMode", "Read", "Edit", "MultiEdit", "Write", "NotebookEdit", "WebFetch", "TodoWrite", "WebSearch",
         "BashOutput", "KillShell", "SlashCommand", "EnterPlanMode", "Skill", "AskUserQuestion"]
MCP = ["context7", "github", "linear", "sentry", "playwright", "filesystem", "postgres", "slack"]
mcp_tools = [f"mcp__{s}__{t}" for s in MCP for t in ("search", "get", "list", "create", "update", "resolve-library-id", "get-library-docs")]
def usage():
    return {"input_tokens": R.randint(1, 9), "cache_creation_input_tokens": R.randint(0, 20000), "cache_read_input_tokens": R.randint(0, 90000),
            "cache_creation": {"ephemeral_5m_input_tokens": R.randint(0, 20000), "ephemeral_1h_input_tokens": 0},
            "output_tokens": R.randint(1, 900), "service_tier": "standard"}
lines = []
lines.append(dump({"type": "system", "subtype": "hook_started", "hook_id": str(uuid.UUID(int=R.getrandbits(128))), "hook_name": "SessionStart:startup", "hook_event": "SessionStart", "uuid": str(uuid.UUID(int=R.getrandbits(128))), "session_id": sid}))
lines.append(dump({"type": "system", "subtype": "init", "cwd": "/home/sprite/workspace/fairy", "session_id": sid, "tools": TOOLS + mcp_tools,
                   "mcp_servers": [{"name": s, "status": R.choice(["connected", "connected", "pending", "failed", "needs-auth"])} for s in MCP],
                   "model": "claude-sonnet-4-5-20250929", "permissionMode": "bypassPermissions",
                   "slash_commands": ["compact", "context", "cost", "init", "pr-comments", "release-notes", "review", "security-review", "todos"] + [f"mcp__{s}__prompt" for s in MCP],
                   "apiKeySource": "ANTHROPIC_API_KEY", "claude_code_version": "2.1.12", "output_style": "default",
                   "agents": ["general-purpose", "statusline-setup", "Explore", "Plan"], "skills": ["pdf", "xlsx"], "plugins": [],
                   "uuid": str(uuid.UUID(int=R.getrandbits(128)))}))
WORDS = "the a to of and in is it for that this with on as be are we can test file function module error value return code build run check need should will".split()
def sentence(n): return " ".join(R.choice(WORDS) for _ in range(n)).capitalize() + "."
def para(k): return " ".join(sentence(R.randint(6, 18)) for _ in range(k))
def assistant(block, parent=None):
    return dump({"type": "assistant", "message": {"model": "claude-sonnet-4-5-20250929", "id": "msg_" + uuid.UUID(int=R.getrandbits(128)).hex[:24], "type": "message", "role": "assistant",
                 "content": [block], "stop_reason": None, "stop_sequence": None, "usage": usage(), "context_management": None},
                 "parent_tool_use_id": parent, "session_id": sid, "uuid": str(uuid.UUID(int=R.getrandbits(128)))})
def tool_result(tid, content, parent=None, err=False):
    return dump({"type": "user", "message": {"role": "user", "content": [{"tool_use_id": tid, "type": "tool_result", "content": content, "is_error": err}]},
                 "parent_tool_use_id": parent, "session_id": sid, "uuid": str(uuid.UUID(int=R.getrandbits(128))),
                 "tool_use_result": {"stdout": content if isinstance(content, str) else "", "stderr": "", "interrupted": False, "isImage": False}})
def tid(): return "toolu_01" + uuid.UUID(int=R.getrandbits(128)).hex[:22]
files = [f"src/fairy/{m}.py" for m in ("cli", "core", "pretty", "sessions", "models", "client", "errors", "streaming")] + ["README.md", "pyproject.toml", "tests/test_core.py"]
def tool_call(parent=None):
    k = R.random()
    if k < 0.3:
        name, inp = "Bash", {"command": R.choice(["ls -la", "pytest -q tests/", "git status --short", "grep -rn 'def ' src | head -50", "python -m build && twine check dist/*", "cd /home/sprite/workspace/fairy &&\n  uv run pytest -x -q"]), "description": sentence(5)}
        res = "\n".join(f"{R.choice(WORDS)} {R.choice(files)} {R.randint(1, 999)}" for _ in range(R.randint(3, 80)))
    elif k < 0.6:
        name, inp = "Read", {"file_path": "/home/sprite/workspace/fairy/" + R.choice(files)}
        res = "\n".join(f"{i:6}\u2192{'    ' * R.randint(0, 3)}{sentence(R.randint(3, 10))}" for i in range(1, R.randint(20, 400)))
    elif k < 0.7:
        name, inp = "Grep", {"pattern": R.choice(["def format", "TODO", "class .*Formatter"]), "path": "src/", "output_mode": "content"}
        res = "\n".join(f"{R.choice(files)}:{R.randint(1, 500)}: {sentence(6)}" for _ in range(R.randint(1, 30)))
    elif k < 0.8:
        name, inp = "Edit", {"file_path": "/home/sprite/workspace/fairy/" + R.choice(files), "old_string": para(2), "new_string": para(2)}
        res = "The file has been updated. Here's the result of running `cat -n` on a snippet:\n" + para(4)
    elif k < 0.85:
        name, inp = "TodoWrite", {"todos": [{"content": sentence(6), "status": R.choice(["pending", "in_progress", "completed"]), "activeForm": sentence(4)} for _ in range(R.randint(2, 7))]}
        res = "Todos have been modified successfully."
    elif k < 0.9:
        name, inp = "Glob", {"pattern": "**/*.py"}
        res = "\n".join("/home/sprite/workspace/fairy/" + f for f in files)
    elif k < 0.95:
        name, inp = R.choice(mcp_tools), {"libraryName": "react", "query": "hooks", "tokens": 5000}
        res = [{"type": "text", "text": para(10)}]
    else:
        name, inp = "WebFetch", {"url": "https://docs.python.org/3/library/json.html", "prompt": "How are NaN handled?"}
        res = para(6)
    t = tid()
    return [assistant({"type": "tool_use", "id": t, "name": name, "input": inp}, parent), tool_result(t, res, parent, R.random() < 0.05)]
lines.append(assistant({"type": "thinking", "thinking": para(3), "signature": "Eq" + uuid.UUID(int=R.getrandbits(128)).hex * 8}))
lines.append(assistant({"type": "text", "text": "I'll start by exploring the repository structure."}))
for round_ in range(14):
    if R.random() < 0.3:
        t = tid()
        lines.append(assistant({"type": "tool_use", "id": t, "name": "Task", "input": {"description": "Explore " + R.choice(files), "prompt": para(3), "subagent_type": "Explore"}}))
        lines.append(dump({"type": "system", "subtype": "task_started", "task_id": t, "description": "Explore " + R.choice(files), "session_id": sid}))
        for _ in range(R.randint(2, 6)):
            lines += tool_call(t)
            if R.random() < 0.4: lines.append(assistant({"type": "text", "text": para(2)}, t))
        lines.append(tool_result(t, [{"type": "text", "text": para(8)}]))
    if R.random() < 0.5: lines.append(assistant({"type": "thinking", "thinking": para(R.randint(1, 6)), "signature": "Eq" + uuid.UUID(int=R.getrandbits(128)).hex * 8}))
    for _ in range(R.randint(1, 4)): lines += tool_call()
    if R.random() < 0.5: lines.append(assistant({"type": "text", "text": para(R.randint(1, 4)) + "\n\n- " + sentence(5) + "\n- " + sentence(7)}))
lines.append(assistant({"type": "text", "text": "## Summary\n\n" + para(6) + "\n\n```python\nprint('done')\n```"}))
lines.append(dump({"type": "result", "subtype": "success", "is_error": False, "duration_ms": 184512, "duration_api_ms": 170011, "num_turns": 47,
                   "result": para(6), "session_id": sid, "total_cost_usd": 0.8731245, "usage": usage(), "modelUsage": {"claude-sonnet-4-5-20250929": {"inputTokens": 120, "outputTokens": 9000, "costUSD": 0.87}},
                   "permission_denials": [], "uuid": str(uuid.UUID(int=R.getrandbits(128)))}))
open(f"{out_dir}/claude_session.jsonl", "w").write("\n".join(lines) + "\n")
# codex
cl = []
def cdump(o): cl.append(json.dumps(o, separators=(",", ":"), ensure_ascii=False))
cdump({"type": "thread.started", "thread_id": "0199a213-81c0-7800-8aa1-bbab2a035a53"})
cdump({"type": "turn.started"})
n = 0
def item(kind, **kw):
    global n
    d = {"id": f"item_{n}", "type": kind}; d.update(kw); n += 1; return d
cdump({"type": "item.completed", "item": item("reasoning", text="**Exploring the repository**\n\n" + para(2))})
todo = item("todo_list", items=[{"text": sentence(4), "completed": False} for _ in range(3)])
cdump({"type": "item.started", "item": todo})
for step in range(6):
    c = item("command_execution", command="bash -lc '" + R.choice(["ls -la", "rg -n TODO src", "pytest -q", "cat README.md"]) + "'", aggregated_output="", exit_code=None, status="in_progress")
    cdump({"type": "item.started", "item": c})
    c2 = dict(c); code = R.choice([0, 0, 0, 1]); c2.update(aggregated_output=para(3), exit_code=code, status="completed" if code == 0 else "failed")
    cdump({"type": "item.completed", "item": c2})
    if step == 2:
        todo["items"][0]["completed"] = True; cdump({"type": "item.updated", "item": todo})
cdump({"type": "item.completed", "item": item("file_change", changes=[{"path": "src/app.py", "kind": "update"}, {"path": "tests/test_app.py", "kind": "add"}], status="completed")})
cdump({"type": "item.started", "item": item("mcp_tool_call", server="context7", tool="get-library-docs", arguments={"query": "react hooks"}, result=None, error=None, status="in_progress")})
cdump({"type": "item.completed", "item": item("web_search", query="codex exec json events")})
cdump({"type": "item.completed", "item": item("agent_message", text="Done. " + para(2))})
todo["items"] = [dict(t, completed=True) for t in todo["items"]]
cdump({"type": "item.completed", "item": todo})
cdump({"type": "turn.completed", "usage": {"input_tokens": 24763, "cached_input_tokens": 24448, "output_tokens": 122}})
open(f"{out_dir}/codex_session.jsonl", "w").write("\n".join(cl) + "\n")
print(len(lines), len(cl))
