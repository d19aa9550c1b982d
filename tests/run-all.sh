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
# (also when a stage fails).
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen

stage_names=()
stage_secs=()
current=""
current_start=0
run_start=$SECONDS

begin() {
  current=$1
  current_start=$SECONDS
  printf '\n==== %s ====\n' "$current"
}
end() {
  stage_names+=("$current")
  stage_secs+=($((SECONDS - current_start)))
  printf -- '---- %s: %d s\n' "$current" $((SECONDS - current_start))
  current=""
}
summary() {
  local rc=$?
  [ -n "$current" ] && { stage_names+=("$current (FAILED)"); stage_secs+=($((SECONDS - current_start))); }
  printf '\n==== stage times ====\n'
  local i
  for i in "${!stage_names[@]}"; do
    printf '%-34s %5d s\n' "${stage_names[$i]}" "${stage_secs[$i]}"
  done
  printf '%-34s %5d s  (%s)\n' "total" $((SECONDS - run_start)) "$([ "$rc" -eq 0 ] && echo passed || echo "FAILED, exit $rc")"
}
trap summary EXIT

begin "dependencies"
./packaging/install-deps.sh
end

begin "dev: configure + build"
cmake --preset dev >/dev/null
cmake --build --preset dev
end

begin "dev: tests"
ctest --preset dev
end

if [ "${AOD_SKIP_ASAN:-0}" != 1 ]; then
  begin "asan: configure + build"
  cmake --preset asan >/dev/null
  cmake --build --preset asan
  end

  begin "asan: tests (bench excluded)"
  ctest --preset asan
  end
fi

if [ "${AOD_SKIP_FUZZ:-0}" != 1 ] && [ -f tests/fuzz/run-fuzzers.sh ]; then
  begin "fuzz: build + ${AOD_FUZZ_SECONDS:-30} s per target"
  AOD_FUZZ_JOBS=${AOD_FUZZ_JOBS:-2} ./tests/fuzz/run-fuzzers.sh "${AOD_FUZZ_SECONDS:-30}"
  end
fi
