#!/usr/bin/env bash
# The whole test suite, headless: install what is missing, build the dev preset (warnings are
# errors) and run every test, then the same under ASan+UBSan, then short libFuzzer runs.
# AOD_SKIP_ASAN=1 / AOD_SKIP_FUZZ=1 skip the later stages for a quick local run.
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
./packaging/install-deps.sh

cmake --preset dev >/dev/null
cmake --build --preset dev
ctest --preset dev

if [ "${AOD_SKIP_ASAN:-0}" != 1 ]; then
  cmake --preset asan >/dev/null
  cmake --build --preset asan
  ctest --preset asan
fi

if [ "${AOD_SKIP_FUZZ:-0}" != 1 ] && [ -f tests/fuzz/run-fuzzers.sh ]; then
  ./tests/fuzz/run-fuzzers.sh "${AOD_FUZZ_SECONDS:-30}"
fi
