# Builds claude_oracle.jsonl (random and mutated stream-json lines with the string the
# reference formatter returns for each, or the exception it raises) and
# claude_session.expected.json (the reference's output for claude_session.jsonl).
#
# The reference is the official Python SDK's aod.pretty.claude (pretty/claude.py @6210ab7):
#   python3 make_oracle.py <tests/data/format>   with `aod` importable (PYTHONPATH or pip).
# The committed files were recorded under CPython 3.11.7.
import json, math, random, sys
from aod.pretty.claude import ClaudeFormatter
class ref:  # the per-line step and the streaming API of the reference
    fmt = staticmethod(ClaudeFormatter()._format)
    Ref = ClaudeFormatter
R = random.Random(20240605)
WS = [" ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1f", "\x85", "\xa0", "\u1680", "\u2000", "\u200a", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000", "\u200b", "\ufeff", "\u180e", "\r\n"]
ATOMS = ["a", "ls -la", "src/", "/w/x.py", "it's", 'say "hi"', "back\\slash", "é", "日本語", "😀", "🛠️", "\u0301", "\x00", "\x07", "\x7f", "\ud800", "\udfff", "\ue000", "\U0010ffff", "\u0378", "…", "·", "{", "}", "[", "'", '"']
TOOLS = ["Bash", "Read", "Write", "Edit", "MultiEdit", "NotebookEdit", "Grep", "Glob", "WebFetch", "WebSearch", "Task", "Agent", "TodoWrite", "ExitPlanMode", "EnterPlanMode", "mcp__ctx__docs", "LS", "X", "", "bash", "?"]
KEYS = ["command", "file_path", "pattern", "path", "url", "query", "description", "prompt", "todos", "name", "notebook_path", "plan"]
def rstr():
    k = R.random()
    if k < 0.1: return ""
    if k < 0.2: return R.choice(WS) * R.randint(1, 3)
    n = R.choice([1, 2, 3, 5, 8]) if k < 0.96 else R.randint(130, 320)
    s = "".join(R.choice(ATOMS + WS + ["x", "y", " ", " "]) for _ in range(n))
    return s
def rnum():
    return R.choice([0, 1, -1, 15, 49, 1250, 12300, 2**53 + 1, 2**63 + 5, 10**25 + 1, 123456789012345678901234567890,
                     0.0, -0.0, 0.5, 1.25, 0.05, 0.15, 0.25, 0.35, 2.675, 0.00005, 0.00015, 1e16, 1e15, 1e-5, 1e-4, 123.456,
                     1e300, 5e-324, -2.5, 12345.6, float("nan"), float("inf"), float("-inf"),
                     R.uniform(-1e6, 1e6), R.random(), R.randint(-10**6, 10**6), R.uniform(0, 100000),
                     math.ldexp(R.random(), R.randint(-1074, 1023))])
def rval(d=0):
    k = R.random()
    if k < 0.08: return None
    if k < 0.14: return R.choice([True, False])
    if k < 0.35: return rnum()
    if k < 0.7 or d > 3: return rstr()
    if k < 0.85: return [rval(d + 1) for _ in range(R.randint(0, 3))]
    return {R.choice(KEYS + ["k", "name", "é"]): rval(d + 1) for _ in range(R.randint(0, 3))}
def maybe(v, p=0.7): return v if R.random() < p else rval()
def block():
    t = R.choice(["thinking", "text", "tool_use", "tool_use", "tool_use", "redacted_thinking", "image", None, 5])
    b = {"type": t}
    if t == "thinking": b["thinking"] = maybe(rstr(), 0.85)
    elif t == "text": b["text"] = maybe(rstr(), 0.85)
    elif t == "tool_use":
        if R.random() < 0.9: b["name"] = maybe(R.choice(TOOLS), 0.9)
        if R.random() < 0.9:
            b["input"] = {R.choice(KEYS): maybe(rstr(), 0.6) for _ in range(R.randint(0, 4))} if R.random() < 0.85 else rval()
    if R.random() < 0.05: return rval()
    return b
def event():
    k = R.random()
    e = {}
    if k < 0.15:
        e = {"type": "system", "subtype": R.choice(["init", "init", "task_started", "task_progress", "hook_started", None])}
        if R.random() < 0.8: e["model"] = maybe("claude-sonnet-4-5", 0.7)
        if R.random() < 0.8: e["tools"] = maybe([R.choice(TOOLS) for _ in range(R.randint(0, 30))], 0.85)
        if R.random() < 0.7:
            e["mcp_servers"] = [{"name": maybe(rstr(), 0.9), "status": "connected"} for _ in range(R.randint(0, 3))] if R.random() < 0.9 else rval()
        if R.random() < 0.5: e["description"] = maybe(rstr(), 0.8)
    elif k < 0.65:
        e = {"type": "assistant", "message": {"content": [block() for _ in range(R.choice([1, 1, 1, 2, 3]))]}}
        if R.random() < 0.05: e["message"] = rval()
        if R.random() < 0.05 and isinstance(e["message"], dict): e["message"]["content"] = rval()
    elif k < 0.85:
        e = {"type": "result", "subtype": R.choice(["success", "error_max_turns", "error_during_execution", "", None, 1])}
        for key in ("duration_ms", "num_turns", "total_cost_usd"):
            if R.random() < 0.8: e[key] = rnum() if R.random() < 0.85 else rval()
    else:
        e = {"type": R.choice(["user", "stream_event", "Assistant", None, 3, "system"]), "message": rval()}
    if R.random() < 0.3: e["parent_tool_use_id"] = maybe("toolu_1", 0.6)
    return e
def dumps(e):
    k = R.random()
    if k < 0.6: return json.dumps(e)
    if k < 0.8: return json.dumps(e, ensure_ascii=False)
    if k < 0.9: return json.dumps(e, separators=(",", ":"))
    return json.dumps(e, indent=R.choice([None, 1]), ensure_ascii=False)
MUT = list('{}[]",: \\\t\r\nx0-.eE') + ["NaN", "Infinity", "\ufeff", "\u2028"]
def mutate(s):
    for _ in range(R.randint(1, 3)):
        k = R.random(); i = R.randint(0, len(s))
        if k < 0.3: s = s[:i] + s[i + 1:]
        elif k < 0.6: s = s[:i] + R.choice(MUT) + s[i:]
        elif k < 0.7: s = s[:i]
        elif k < 0.8: s = " " + s + R.choice([" ", "\t", "\r", "\n", "x"])
        else: s = s.replace('"type"', '"type": "result", "type"', 1)
    return s
HAND = ['{"type":"result","duration_ms":1E5}', '{"type":"result","duration_ms":1e+05,"num_turns":3.0}', '{"type":"result","duration_ms":-0}',
        '{"type":"result","num_turns":-0.0,"total_cost_usd":-0.0}', '{"type":"result","duration_ms":1.0e-400}', '{"type":"result","total_cost_usd":1e999}',
        '{"type":"result","duration_ms":NaN,"num_turns":Infinity,"total_cost_usd":-Infinity}', '{"type":"result","num_turns":123456789012345678901234567890}',
        '{"type":"result","num_turns":1.5e300,"duration_ms":99999999999999999999999}', '{"type":"result","total_cost_usd":12345678901234567890123}',
        '{"type":"result","total_cost_usd":true,"num_turns":true,"duration_ms":true}', '{"type":"result","total_cost_usd":false}',
        '1.', '01', '-', '-0', '1e', '1e+', '.5', '+1', '[1,]', '{"a":1,}', '{"a" 1}', "{'a':1}", '\ufeff{}', '{}', ' {} ', '\t{}\r', '[]', '""', '"\\ud800"',
        '{"type":"system","subtype":"init","model":"\\ud83d\\ude00x\\ud800y\\udc00"}', '{"type":"system","subtype":"init","model":"\\u00e9\\u2028z"}',
        '{"type":"system","subtype":"init","model":"a\\x"}', '{"type":"system","subtype":"init","model":"a\\u12"}', '{"type":"system","subtype":"init","model":"tab\there"}',
        '{"type":"system","subtype":"init","model":{"b":1,"a":[1,2,{"c":null}],"b":2}}', '{"type":"system","subtype":"init","tools":{"a":1,"a":2,"b":3}}',
        '{"type":"system","subtype":"init","tools":"abc😀"}', '{"\\u0074ype":"system","subtype":"init"}', '{"type":"system","type":"result"}',
        '{"type":"assistant","message":{"content":[{"type":"tool_use","name":"Bash","input":{"command":["ls","-la",1.0,null,true,{"k":"it\'s"}]}}]}}',
        '{"type":"assistant","message":{"content":[{"type":"tool_use","name":"Read","input":{"file_path":"/x\\n"}},{"type":"text","text":"after"}]}}',
        '{"type":"assistant","message":{"content":[{"type":"tool_use","name":"Read","input":{"file_path":"/x\\r"}},{"type":"text","text":"after"}]}}',
        '{"type":"assistant","message":{"content":[{"type":"tool_use","name":"Read","input":{"file_path":"/x\\n\\n"}},{"type":"text","text":"after"}]}}',
        '{"type":"assistant","message":{"content":[{"type":"tool_use","name":"Grep","input":{"pattern":"a\\u2028b","path":"c\\u0085d"}}]},"parent_tool_use_id":"p"}',
        '{"type":"assistant","message":{"content":[{"type":"tool_use","name":5,"input":{"query":"q"}}]}}',
        '{"type":"assistant","message":{"content":[{"type":"tool_use","name":1.5e16,"input":{"query":"q"}}]}}',
        '{"type":"assistant","message":{"content":[{"type":"tool_use","name":"X","input":{"description":"   ","path":"/p"}}]}}',
        '{"type":"assistant","message":{"content":[{"type":"text","text":"😀😀😀"}]},"parent_tool_use_id":NaN}',
        '{"type":"assistant","message":{"content":[{"type":"text","text":"x"}]},"parent_tool_use_id":0.0}',
        '{"type":"assistant","message":{"content":[{"type":"thinking","thinking":"' + "😀" * 250 + '"}]}}',
       ]
lines = []
seen = set()
for _ in range(2500): lines.append(dumps(event()))
for _ in range(1200): lines.append(mutate(dumps(event())))
lines += HAND
out_dir = sys.argv[1]
with open(out_dir + "/claude_oracle.jsonl", "w") as f:
    n = raises = 0
    for line in lines:
        if line in seen: continue
        seen.add(line)
        try:
            out = ref.fmt(line)
            rec = {"in": line, "out": out}
        except (Exception, RecursionError) as ex:
            rec = {"in": line, "raises": type(ex).__name__}; raises += 1
        f.write(json.dumps(rec) + "\n"); n += 1
print(n, "lines,", raises, "raise in the reference")

r = ref.Ref()
session = open(out_dir + "/claude_session.jsonl", encoding="utf-8").read()
expected = list(r.feed(session)) + list(r.flush())
open(out_dir + "/claude_session.expected.json", "w").write(json.dumps(expected, ensure_ascii=False, indent=0) + "\n")
