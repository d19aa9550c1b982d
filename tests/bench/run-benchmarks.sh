#!/usr/bin/env bash
# One command for every benchmark: builds the release preset, runs each test labelled `bench`
# (one at a time, nothing else running alongside) and prints one table. The numbers are
# printed, never asserted: machines differ.
#
#   ./tests/bench/run-benchmarks.sh            build + run + table
#   ./tests/bench/run-benchmarks.sh --table    only the table, from the last run's log
#
#   AOD_BENCH_BUILD_DIR   build directory (default build/release, the preset's)
#   AOD_BENCH_EVENTS      events per firehose run (each bench has its own default)
#   AOD_BENCH_ROUNDS      best of N for the stream benchmark
#
# The whole output of the benchmarks is kept in <build>/benchmarks.log.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${AOD_BENCH_BUILD_DIR:-build/release}
log=$build/benchmarks.log
export QT_QPA_PLATFORM=offscreen

if [ "${1:-}" != "--table" ]; then
  echo "run-benchmarks: configuring the release preset in $build"
  cmake --preset release -B "$build" >/dev/null
  mapfile -t benches < <(ctest --test-dir "$build" -N -L bench | sed -nE 's/^ *Test +#[0-9]+: +([^ ]+).*/\1/p')
  if [ ${#benches[@]} -eq 0 ]; then
    echo "run-benchmarks: no test labelled bench" >&2
    exit 1
  fi
  echo "run-benchmarks: building ${benches[*]}"
  cmake --build "$build" --target "${benches[@]}"
  echo "run-benchmarks: running them one at a time (output: $log)"
  ctest --test-dir "$build" -L bench -j1 -V --timeout 900 >"$log" 2>&1 || {
    echo "run-benchmarks: a benchmark failed (a wrong result, not speed):" >&2
    grep -E "^[0-9]+/[0-9]+ Test|FAIL" "$log" >&2 || true
  }
  grep -E "^ *[0-9]+/[0-9]+ Test" "$log" || true
fi
[ -f "$log" ] || { echo "run-benchmarks: no log at $log" >&2; exit 1; }

# ctest -V prefixes each output line with "<test number>: ".
out=$(sed -E 's/^[0-9]+: //' "$log")

# first line matching an extended regex
line() { grep -E -m1 -- "$1" <<<"$out" || true; }
# the number right before a unit in a line: num "<line>" "events/s"
num() { grep -oE "[0-9]+(\.[0-9]+)? *$2" <<<"$1" | head -1 | grep -oE '^[0-9]+(\.[0-9]+)?' || true; }
# first capture group of a sed regex
cap() { sed -nE "s#.*$2.*#\1#p" <<<"$1" | head -1; }
na() { [ -n "$1" ] && echo "$1" || echo "n/a"; }

rows=()
row() { rows+=("$1|$2|$3"); }

# --- stream consumption vs the raw-socket ceiling (tests/stream/bench_sessionstream) -------------
# Sections: "1) local server", "2) replay server", "3) decoding only"; inside each, lines
#   "<label>  <s> s  <n> events/s  <m> MB/s" and "ratio Direct/ceiling <r>, QNAM/ceiling <q>".
section() { awk -v s="$1" '/^[0-9]\) /{on = index($0, s) == 4} on' <<<"$out"; }
for sec in "replay server" "local server"; do
  body=$(section "$sec")
  [ -n "$body" ] || continue
  ceil=$(grep -m1 "ceiling" <<<"$body" || true)
  direct=$(grep -m1 "Direct transport" <<<"$body" || true)
  nam=$(grep -m1 "QNetworkAccessManager" <<<"$body" || true)
  ratio=$(grep -m1 "ratio" <<<"$body" || true)
  what="client cost only"; [ "$sec" = "local server" ] && what="in-process server generating"
  row "Stream consumption, SessionStream direct ($what)" \
      "$(na "$(num "$direct" "events/s")") events/s, $(na "$(num "$direct" "MB/s")") MB/s" \
      "raw socket $(na "$(num "$ceil" "events/s")") events/s, $(na "$(num "$ceil" "MB/s")") MB/s; ratio $(na "$(cap "$ratio" 'Direct/ceiling ([0-9.]+)')")"
  bg=$(grep -m1 "decoding in background" <<<"$body" || true)
  [ -n "$bg" ] && row "Stream consumption, SessionStream direct, decoding in background ($what)" \
      "$(na "$(num "$bg" "events/s")") events/s, $(na "$(num "$bg" "MB/s")") MB/s" \
      "ratio to raw socket $(na "$(cap "$ratio" 'background decoding/ceiling ([0-9.]+)')")"
  row "Stream consumption, SessionStream via QNAM ($what)" \
      "$(na "$(num "$nam" "events/s")") events/s, $(na "$(num "$nam" "MB/s")") MB/s" \
      "ratio to raw socket $(na "$(cap "$ratio" 'QNAM/ceiling ([0-9.]+)')")"
done
dec=$(section "decoding only" | grep -m1 "events/s" || true)
[ -n "$dec" ] && row "Stream decoding only (SseParser + StreamEvent, in memory)" \
  "$(na "$(num "$dec" "events/s")") events/s, $(na "$(num "$dec" "MB/s")") MB/s" "no socket"
fh=$(line 'firehose: [0-9]+ events, .* wall ->')
fc=$(line 'firehose: server thread used')
[ -n "$fh" ] && row "Local server SSE output (bench_firehose, raw socket reader)" \
  "$(na "$(num "$fh" "events/s")") events/s, $(na "$(num "$fh" "MB/s")") MB/s" \
  "wall clock; per server CPU-second $(na "$(num "$fc" "events/s")") events/s, $(na "$(num "$fc" "MB/s")") MB/s"

# --- formatters (tests/format/bench_formatters): "<name>  <n> lines/s  <m> MB/s  (...)" ---------
while IFS= read -r l; do
  [ -n "$l" ] || continue
  name=$(sed -nE 's/.*BenchFormatters::[a-zA-Z]+\(\) +(.*[^ ]) +[0-9.]+ lines\/s.*/\1/p' <<<"$l")
  [ -n "$name" ] || continue
  row "Formatter: $name" "$(na "$(num "$l" "lines/s")") lines/s, $(na "$(num "$l" "MB/s")") MB/s" "$(cap "$l" '\((.*)\)')"
done < <(grep -E "BenchFormatters::.* lines/s" <<<"$out" || true)

# --- console (tests/ui/bench_console) ---------------------------------------------------------
cs=$(line 'BENCH console.synthetic')
[ -n "$cs" ] && row "Console pane, synthetic (feeder, 2 models, visible view)" \
  "$(na "$(num "$cs" "lines/s")") lines/s" \
  "longest stall $(na "$(cap "$cs" 'stall ([0-9]+) ms')") ms; at cap $(na "$(cap "$cs" 'at cap ([0-9]+)')"): models ~$(na "$(cap "$cs" 'model ~([0-9.]+) MiB')")+$(na "$(cap "$cs" '\+ ~([0-9.]+) MiB')") MiB, RSS +$(na "$(cap "$cs" 'RSS growth ([-0-9.]+) MiB')") MiB"
cf=$(line 'BENCH console.firehose')
[ -n "$cf" ] && row "Console pane, end to end (HTTP+SSE, formatter, models, view)" \
  "$(na "$(num "$cf" "raw lines/s")") raw lines/s" \
  "longest stall $(na "$(cap "$cf" 'longest stall ([0-9]+) ms')") ms; rows $(na "$(cap "$cf" 'rows held ([0-9]+)')") (cap $(na "$(cap "$cf" 'cap ([0-9]+)\)')")), RSS +$(na "$(cap "$cf" 'RSS growth ([-0-9.]+) MiB')") MiB"

# --- app (tests/bench/bench_app) ---------------------------------------------------------------
as=$(line 'BENCH app.start')
[ -n "$as" ] && row "App start to first window shown" \
  "$(na "$(cap "$as" 'shown ([0-9]+) ms best')") ms best, $(na "$(cap "$as" 'best, ([0-9]+) ms median')") ms median" \
  "from process start; from main(): $(na "$(cap "$as" 'main\(\): ([0-9]+) ms')") ms"
a10=$(line 'BENCH app.sessions10k')
[ -n "$a10" ] && row "10,000 sessions: load / first paint" \
  "$(na "$(cap "$a10" 'loaded in ([0-9]+) ms')") ms / $(na "$(cap "$a10" 'first paint ([0-9]+) ms')") ms" \
  "$(na "$(cap "$a10" '\(([0-9.]+) MB JSON\)')") MB JSON; sort $(na "$(cap "$a10" 'sort ([0-9]+) ms')") ms, filter $(na "$(cap "$a10" 'rows ([0-9]+) ms')") ms, scroll $(na "$(cap "$a10" 'scroll to end ([0-9]+) ms')") ms; RSS +$(na "$(cap "$a10" 'RSS growth ([-0-9.]+) MiB')") MiB"

# --- the table -----------------------------------------------------------------------------------
w1=10; w2=6
for r in "${rows[@]}"; do
  IFS='|' read -r a b _ <<<"$r"
  [ ${#a} -gt $w1 ] && w1=${#a}
  [ ${#b} -gt $w2 ] && w2=${#b}
done
printf '\n| %-*s | %-*s | %s\n' "$w1" "Benchmark" "$w2" "Result" "Reference / notes"
printf '|-%s-|-%s-|-%s\n' "$(printf '%*s' "$w1" '' | tr ' ' -)" "$(printf '%*s' "$w2" '' | tr ' ' -)" "-----------------"
for r in "${rows[@]}"; do
  IFS='|' read -r a b c <<<"$r"
  printf '| %-*s | %-*s | %s\n' "$w1" "$a" "$w2" "$b" "$c"
done
printf '\n(%s, %s, %d CPU; release preset; full output in %s)\n' "$(uname -m)" \
  "$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //' || echo cpu)" "$(nproc)" "$log"
failed=$(grep -cE "\*\*\*Failed|Failed +[0-9.]+ sec" "$log" || true)
[ "${failed:-0}" -eq 0 ] || { echo "run-benchmarks: $failed benchmark(s) failed, see $log" >&2; exit 1; }
