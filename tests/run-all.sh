#!/usr/bin/env bash
# The whole test suite, headless: install what is missing, build the dev preset (warnings are
# errors) and run every test, then the same under ASan+UBSan, then short libFuzzer runs.
#
#   AOD_SKIP_ASAN=1      skip the ASan+UBSan build and tests (quick local run)
#   AOD_SKIP_FUZZ=1      skip the libFuzzer stage
#   AOD_FUZZ_SECONDS=N   seconds per fuzz target (default 30)
#   AOD_FUZZ_JOBS=N      fuzz targets run side by side (default 2: one per CI core)
#
# Each stage prints a header and its duration; a summary of all stage times closes the run
# (also when a stage fails). Besides wall time it shows the CPU time the stage's processes used:
# on a shared machine, CPU seconds / cores estimates the wall time of a dedicated CI runner.
#
# To stay well inside CI's time budget on two cores, builds overlap the test runs that leave
# CPU idle (tests mostly wait on sockets and timers): the ASan+UBSan build runs niced in the
# background while the dev tests run, and the libFuzzer build while the sanitizer tests run.
# A background build's log is printed if it fails; its CPU time is counted in the stage that
# waits for it.
#
# With CI=true (as CI runs it) the builds carry less debug information, which is about a fifth
# of every compile: none in the dev build (a failing QtTest names its file and line without
# it), line tables in the sanitizer and fuzz builds (file:line in their stack traces). Without
# CI the build dirs keep full debug info for a debugger.
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen

stage_names=()
stage_secs=()
stage_cpu=()
current=""
current_start=0
current_cpu=0
run_start=$SECONDS

# cpu_now := CPU seconds (user + system) used so far by finished child processes. `times` must
# run in this shell (a subshell starts from zero), so it writes to a file.
cpu_file=$(mktemp /tmp/aod-run-all.XXXXXX)
cpu_now=0
read_cpu() {
  times >"$cpu_file"
  cpu_now=$(tail -1 "$cpu_file" | awk '{ t = 0; for (i = 1; i <= 2; i++) { split($i, p, /[ms]/); t += p[1] * 60 + p[2] } printf "%d", t }')
}

begin() {
  current=$1
  current_start=$SECONDS
  read_cpu
  current_cpu=$cpu_now
  printf '\n==== %s ====\n' "$current"
}
end() {
  read_cpu
  local cpu=$((cpu_now - current_cpu))
  stage_names+=("$current")
  stage_secs+=($((SECONDS - current_start)))
  stage_cpu+=("$cpu")
  printf -- '---- %s: %d s (cpu %d s)\n' "$current" $((SECONDS - current_start)) "$cpu"
  current=""
}
# Background builds: started niced so the tests in the foreground keep their CPU share.
bg_pids=()
bg_start() { # LOG COMMAND...: run COMMAND in the background, output to LOG
  local log=$1
  shift
  ( "$@" ) >"$log" 2>&1 &
  bg_pids+=($!)
  last_bg=$!
}
kill_tree() { # PID: stop a background build and everything it started
  local c
  for c in $(pgrep -P "$1" 2>/dev/null); do kill_tree "$c"; done
  kill "$1" 2>/dev/null || true
}
bg_wait() { # PID LOG: wait for a background build; on failure show its log and fail
  if ! wait "$1"; then
    echo "---- background step failed, its log ($2):"
    tail -n 200 "$2"
    return 1
  fi
}
summary() {
  local rc=$?
  local p
  for p in "${bg_pids[@]}"; do kill_tree "$p"; done
  if [ -n "$current" ]; then
    read_cpu
    stage_names+=("$current (FAILED)")
    stage_secs+=($((SECONDS - current_start)))
    stage_cpu+=($((cpu_now - current_cpu)))
  fi
  rm -f "$cpu_file"
  printf '\n==== stage times (wall, and CPU of the stage'"'"'s processes) ====\n'
  local i cpu=0
  for i in "${!stage_names[@]}"; do
    printf '%-40s %6d s %8d s cpu\n' "${stage_names[$i]}" "${stage_secs[$i]}" "${stage_cpu[$i]}"
    cpu=$((cpu + stage_cpu[i]))
  done
  printf '%-40s %6d s %8d s cpu  (%s)\n' "total" $((SECONDS - run_start)) "$cpu" \
    "$([ "$rc" -eq 0 ] && echo passed || echo "FAILED, exit $rc")"
}
trap summary EXIT

begin "dependencies"
./packaging/install-deps.sh
end

dev_g=""
san_g=""
if [ "${CI:-}" = true ]; then
  dev_g=none
  san_g=lines
fi

begin "dev: configure + build"
cmake --preset dev -DAOD_DEBUG_INFO="$dev_g" >/dev/null
cmake --build --preset dev
end

asan=0
[ "${AOD_SKIP_ASAN:-0}" != 1 ] && asan=1
fuzz=0
[ "${AOD_SKIP_FUZZ:-0}" != 1 ] && [ -f tests/fuzz/run-fuzzers.sh ] && fuzz=1
mkdir -p build
asan_log=build/asan-build.log
fuzz_log=build/fuzz-build.log
build_asan() { cmake --preset asan -DAOD_DEBUG_INFO="$san_g" >/dev/null && nice -n 10 cmake --build --preset asan; }
build_fuzz() {
  cmake --preset fuzz -DAOD_DEBUG_INFO="$san_g" >/dev/null && nice -n 10 cmake --build --preset fuzz --target aod_fuzzers
}

if [ "$asan" = 1 ]; then
  begin "dev: tests (asan build alongside)"
  bg_start "$asan_log" build_asan
  asan_pid=$last_bg
else
  begin "dev: tests"
fi
ctest --preset dev
end

if [ "$asan" = 1 ]; then
  begin "asan: rest of the build"
  bg_wait "$asan_pid" "$asan_log"
  end

  if [ "$fuzz" = 1 ]; then
    begin "asan: tests (bench excluded; fuzz build alongside)"
    bg_start "$fuzz_log" build_fuzz
    fuzz_pid=$last_bg
  else
    begin "asan: tests (bench excluded)"
  fi
  ctest --preset asan
  end
fi

if [ "$fuzz" = 1 ]; then
  begin "fuzz: ${AOD_FUZZ_SECONDS:-30} s per target"
  [ -n "${fuzz_pid:-}" ] && bg_wait "$fuzz_pid" "$fuzz_log"
  AOD_FUZZ_JOBS=${AOD_FUZZ_JOBS:-2} ./tests/fuzz/run-fuzzers.sh "${AOD_FUZZ_SECONDS:-30}"
  end
fi
