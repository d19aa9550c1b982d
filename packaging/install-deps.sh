#!/usr/bin/env bash
# Installs the Debian 12 packages needed to build, test and run AoD Desktop (only what is missing).
set -euo pipefail
pkgs=(
  cmake ninja-build g++ pkg-config           # build
  qt6-base-dev qt6-base-dev-tools            # Qt Core/Network/Widgets/Test (HTTP, JSON, widgets)
  qt6-l10n-tools qt6-tools-dev-tools         # lupdate/lrelease for translations
  qt6-tools-dev                              # Qt6LinguistTools CMake package: qt_add_translations
                                             # (the build keeps the .ts current, embeds the .qm)
  libqt6svg6                                 # SVG icons at runtime
  qtkeychain-qt6-dev                         # tokens in the system keychain
  libgl-dev                                  # Qt6Gui's CMake config needs the GL headers
  xvfb xauth                                 # screenshots of the real app
  fonts-noto-color-emoji                     # the console's emoji prefixes
  clang libclang-rt-14-dev                   # libFuzzer targets
  desktop-file-utils appstream               # validate the desktop entry and metainfo
  dpkg-dev file                              # CPack .deb and package checks
  man-db                                     # man --warnings on the man pages, man -w after install
  librsvg2-bin                               # rsvg-convert: PNG app icons from the SVG
  doxygen                                    # SDK API documentation (docs target)
)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#pkgs[@]} packages present"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
