# pyfloat.jsonl: doubles (as IEEE bit patterns) with CPython's repr(), .1f and .4f
import json, math, random, struct, sys
R = random.Random(7)
vals = [0.0, -0.0, 1.0, -1.0, 0.5, 1.25, 0.05, 0.15, 0.25, 0.35, 0.45, 2.675, 0.00005, 0.00015, 0.00025, 1.00005, 1e16, 1e15, 9999999999999998.0,
        1e-5, 1e-4, 0.0001234, 123.456, 1e300, 1.7976931348623157e308, 5e-324, 2.2250738585072014e-308, 12345.6, 12.345, 0.1, 0.2, 0.3,
        float("nan"), float("inf"), float("-inf"), float(2**53), 2**53 + 2.0, 1.5e-7, 0.95, 0.05000000000000001, 4.35, 0.125, 0.375]
for _ in range(600): vals.append(R.uniform(-1000, 1000))
for _ in range(600): vals.append(math.ldexp(R.random(), R.randint(-1074, 1024)) * R.choice([1, -1]))
for _ in range(300): vals.append(R.randint(0, 10**7) / 10**R.randint(0, 6))
for _ in range(300): vals.append(R.randint(0, 10**6) / 1000)   # durations
with open(sys.argv[1], "w") as f:
    for v in vals:
        bits = struct.unpack("<Q", struct.pack("<d", v))[0]
        f.write(json.dumps({"bits": "%016x" % bits, "repr": repr(v), "f1": format(v, ".1f"), "f4": format(v, ".4f")}) + "\n")
print(len(vals))
