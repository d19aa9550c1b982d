#!/usr/bin/env bash
# The soak run (minutes, not in CI): builds aod-soak in the release preset and runs it. Every
# argument goes to aod-soak:
#
#   ./tests/soak/run-soak.sh                       5 minutes, 8 concurrent sessions, random cuts
#   ./tests/soak/run-soak.sh --minutes 30 --sessions 12 --report 30
#   ./tests/soak/run-soak.sh --no-faults --line-cap 20000 --max-growth 16
#
# It prints RSS over time and ends with FLAT or GROWING (memory after every console reached its
# line cap vs at the end). Exit 0: every session matched the server's log and memory stayed flat.
#   AOD_SOAK_BUILD_DIR  build directory (default build/release, the preset's)
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${AOD_SOAK_BUILD_DIR:-build/release}
cmake --preset release -B "$build" >/dev/null
cmake --build "$build" --target aod-soak
QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} "$build/tests/soak/aod-soak" "$@"
