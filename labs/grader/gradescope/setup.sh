#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image
# (Ubuntu; the bundle is unpacked in /autograder/source): installs from the
# distribution's archive only the packages the grader needs and the image
# lacks, then builds the grader (the ipc-claims program alone, none of the
# suite's case programs) from the sources the bundle carries.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

# Building the grader, and building and running students' C and C++ programs.
packages=(cmake make gcc g++ libfmt-dev nlohmann-json3-dev libcli11-dev libtomlplusplus-dev
          libpugixml-dev libkainjow-mustache-dev doctest-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -qx 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup.sh: installing ${missing[*]}"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

cmake -S "$here/ipc-claims" -B "$here/build" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" -DCMAKE_C_FLAGS_RELEASE="-O2 -DNDEBUG" -DBUILD_TESTING=OFF
cmake --build "$here/build" --target ipc-claims -j "$(nproc)"
"$here/build/ipc-claims" --help > /dev/null
echo "setup.sh: the grader is $here/build/ipc-claims"
