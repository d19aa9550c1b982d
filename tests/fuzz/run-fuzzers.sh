#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz preset: clang, -fsanitize=fuzzer,address,undefined) and runs
# each for a fixed time on a scratch copy of its seed corpus. Fails on any crash, sanitizer
# report, leak, timeout or out-of-memory; the failing input is kept under
# <build>/fuzz-artifacts/<target>/ with the command that reproduces it.
#
#   ./tests/fuzz/run-fuzzers.sh [SECONDS] [TARGET...]
#
#   SECONDS   per target (default: $AOD_FUZZ_SECONDS, else 30). CI uses the default.
#   TARGET    fuzz_models, fuzz_sseparser, ... (default: every fuzz_* target)
#
# Environment:
#   AOD_FUZZ_SECONDS    per-target time when SECONDS is not given
#   AOD_FUZZ_BUILD_DIR  build directory (default build/fuzz, the preset's)
#   AOD_FUZZ_CORPUS     keep the grown corpora in $AOD_FUZZ_CORPUS/<target> (default: a temp dir
#                       that is removed), so long runs can be continued
#   AOD_FUZZ_JOBS       targets run side by side (default 1)
#   AOD_FUZZ_MAX_SEED   seed files above this many bytes are left out of the fuzzing corpus
#                       (they still run in the replay tests; default 65536)
#
# Per-target extras: seeds in tests/fuzz/seeds.txt, libFuzzer flags in tests/fuzz/flags.txt,
# dictionaries in tests/fuzz/dicts/<target>.dict.
#
# A crash found becomes a regression test: copy the input to tests/fuzz/regressions/<target>/,
# fix the code, and the ctest `replay_<target>` (label fuzz, dev and asan presets) replays it.
set -euo pipefail
cd "$(dirname "$0")/../.."
src=$PWD

seconds=${1:-${AOD_FUZZ_SECONDS:-30}}
[ $# -gt 0 ] && shift
build=${AOD_FUZZ_BUILD_DIR:-$src/build/fuzz}
jobs=${AOD_FUZZ_JOBS:-1}
max_seed=${AOD_FUZZ_MAX_SEED:-65536}

if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
  echo "run-fuzzers: SECONDS must be a positive integer, got '$seconds'" >&2
  exit 2
fi

echo "run-fuzzers: configuring and building the fuzz preset in $build"
t0=$SECONDS
cmake --preset fuzz -B "$build" >"$build.configure.log" 2>&1 || { cat "$build.configure.log"; exit 1; }
cmake --build "$build" --target aod_fuzzers
echo "run-fuzzers: build took $((SECONDS - t0)) s"

if [ $# -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(find "$build/tests/fuzz" -maxdepth 1 -type f -executable -name 'fuzz_*' -printf '%f\n' | sort)
fi
if [ ${#targets[@]} -eq 0 ]; then
  echo "run-fuzzers: no fuzz targets built" >&2
  exit 1
fi

scratch=$(mktemp -d /tmp/aod-fuzz.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
artifacts=$build/fuzz-artifacts
mkdir -p "$artifacts"

# Seed paths of a target: its seeds.txt line, corpus/<target>/ and regressions/<target>/.
seed_paths() {
  local t=$1
  awk -v t="$t" '$1 == t { for (i = 2; i <= NF; i++) print $i }' tests/fuzz/seeds.txt
  echo "tests/fuzz/corpus/$t"
  echo "tests/fuzz/regressions/$t"
}

run_one() {
  local t=$1 exe=$build/tests/fuzz/$1
  local corpus log dict=() n=0 skipped=0
  if [ -n "${AOD_FUZZ_CORPUS:-}" ]; then corpus=$AOD_FUZZ_CORPUS/$t; else corpus=$scratch/corpus-$t; fi
  log=$scratch/$t.log
  mkdir -p "$corpus" "$artifacts/$t"
  if [ ! -x "$exe" ]; then
    echo "$t FAIL not-built" >"$scratch/$t.result"
    return
  fi
  while IFS= read -r p; do
    [ -e "$p" ] || continue
    while IFS= read -r -d '' f; do
      if [ "$(stat -c %s "$f")" -gt "$max_seed" ]; then skipped=$((skipped + 1)); continue; fi
      # Name by content so the same seed listed twice is one file.
      cp "$f" "$corpus/seed-$(sha1sum "$f" | cut -c1-16)"
      n=$((n + 1))
    done < <(find "$p" -maxdepth 1 -type f -print0)
  done < <(seed_paths "$t")
  [ -f "tests/fuzz/dicts/$t.dict" ] && dict=(-dict="tests/fuzz/dicts/$t.dict")
  local flags=()
  read -r -a flags < <(awk -v t="$t" '$1 == t { for (i = 2; i <= NF; i++) printf "%s ", $i }' tests/fuzz/flags.txt; echo)

  local rc=0
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:allocator_may_return_null=1} \
  UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
    "$exe" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2560 -print_final_stats=1 \
      -artifact_prefix="$artifacts/$t/" "${dict[@]}" "${flags[@]}" "$corpus" >"$log" 2>&1 || rc=$?
  local execs rate cov corp
  execs=$(awk -F: '/stat::number_of_executed_units/ {gsub(/[ \t]/, "", $NF); print $NF}' "$log" | tail -1)
  rate=$(awk -F: '/stat::average_exec_per_sec/ {gsub(/[ \t]/, "", $NF); print $NF}' "$log" | tail -1)
  cov=$(grep -Eo 'cov: [0-9]+' "$log" | tail -1 | awk '{print $2}')
  corp=$(grep -Eo 'corp: [0-9]+' "$log" | tail -1 | awk '{print $2}')
  if [ "$rc" -eq 0 ]; then
    echo "$t PASS ${execs:-?} ${rate:-?} ${cov:-?} ${corp:-?} $n $skipped" >"$scratch/$t.result"
  else
    cp "$log" "$artifacts/$t/last-run.log"
    echo "$t FAIL(rc=$rc) ${execs:-?} ${rate:-?} ${cov:-?} ${corp:-?} $n $skipped" >"$scratch/$t.result"
  fi
}

echo "run-fuzzers: ${#targets[@]} targets x ${seconds} s (ASan+UBSan, leaks on), $jobs at a time"
t1=$SECONDS
running=0
for t in "${targets[@]}"; do
  run_one "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then wait -n || true; running=$((running - 1)); fi
done
wait

status=0
printf '\n%-20s %-10s %12s %10s %8s %8s %7s\n' target result executions exec/s cov corpus seeds
for t in "${targets[@]}"; do
  read -r name result execs rate cov corp n skipped <"$scratch/$t.result" || { name=$t; result=FAIL; }
  printf '%-20s %-10s %12s %10s %8s %8s %7s\n' "$name" "$result" "${execs:-?}" "${rate:-?}" "${cov:-?}" \
    "${corp:-?}" "${n:-0}${skipped:+ (+$skipped big)}"
  if [ "$result" != PASS ]; then
    status=1
    echo "---- $t: last lines of the run (full log: $artifacts/$t/last-run.log) ----"
    tail -n 60 "$scratch/$t.log" 2>/dev/null || true
    for a in "$artifacts/$t"/crash-* "$artifacts/$t"/leak-* "$artifacts/$t"/timeout-* "$artifacts/$t"/oom-*; do
      [ -f "$a" ] || continue
      echo "reproduce: $build/tests/fuzz/$t $a"
      echo "keep as a regression test: mkdir -p tests/fuzz/regressions/$t && cp $a tests/fuzz/regressions/$t/"
    done
  fi
done
echo "run-fuzzers: fuzzing took $((SECONDS - t1)) s"
exit $status
