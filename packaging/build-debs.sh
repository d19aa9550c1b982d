#!/usr/bin/env bash
# Builds the release Debian packages (aod-desktop, libaodsdk0, libaodsdk-dev) into build/deb/:
# a RelWithDebInfo build with Debian's paths (prefix /usr, multiarch libdir), no tests, then
# cpack. Install them with: sudo apt install ./build/deb/*.deb
set -euo pipefail
cd "$(dirname "$0")/.."
build=${AOD_DEB_BUILD_DIR:-build/deb}
./packaging/install-deps.sh
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_INSTALL_PREFIX=/usr \
      -DBUILD_TESTING=OFF
cmake --build "$build"
(cd "$build" && cpack -G DEB)
ls -l "$build"/*.deb
