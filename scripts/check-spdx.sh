#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Lists every tracked source file (.cpp .hpp .h .cu .cuh .py .sh .cmake CMakeLists.txt) whose first line (the
# second after a #! line) is not the SPDX licence line its folder calls for, and fails if there is any.
# The licences (README.md, "Licence"): MIT, except the GUI, which links QCustomPlot (GPL-3.0) and is
# GPL-3.0-or-later, as are its tests. scripts/add-spdx.sh writes the missing lines; it sources this file.
# Usage: scripts/check-spdx.sh [paths...]   (default: the whole repository)

# Tracked source files under the given paths, one a line.
spdx_files() {
  git ls-files -- "$@" | grep -E '(\.(cpp|hpp|h|cu|cuh|py|sh|cmake)|(^|/)CMakeLists\.txt)$' || true
}

# For each file named on stdin that lacks its line: "path<TAB>line number<TAB>expected line". One awk for
# all files: a few hundred head/grep/sed processes took 20 s on a loaded machine.
spdx_missing() {
  local files=()
  while IFS= read -r f; do
    [ -f "$f" ] || continue  # deleted in the work tree
    if [ -s "$f" ]; then files+=("$f"); else printf '%s\t1\t%s\n' "$f" "$(spdx_expected "$f")"; fi
  done
  [ ${#files[@]} -eq 0 ] && return 0
  # Plain POSIX awk (Debian's default is mawk): a file of a #! line alone is reported when the next begins.
  awk '
    function expected(path,   licence, leader) {
      licence = (path ~ /^(app\/gui|tests\/gui)\//) ? "GPL-3.0-or-later" : "MIT"
      leader = (path ~ /\.(cpp|hpp|h|cu|cuh)$/) ? "//" : "#"
      return leader " SPDX-License-Identifier: " licence
    }
    function report(path, n) { printf "%s\t%d\t%s\n", path, n, expected(path) }
    FNR == 1 {
      if (pending != "") report(pending, 2)
      pending = ""
      if ($0 ~ /^#!/) { pending = FILENAME; next }
      if ($0 != expected(FILENAME)) report(FILENAME, 1)
      nextfile
    }
    FNR == 2 { pending = ""; if ($0 != expected(FILENAME)) report(FILENAME, 2); nextfile }
    END { if (pending != "") report(pending, 2) }
  ' "${files[@]}"
}

# The line a path must carry (the same rule as in spdx_missing).
spdx_expected() {
  local licence=MIT leader="#"
  case "$1" in app/gui/* | tests/gui/*) licence=GPL-3.0-or-later ;; esac
  case "$1" in *.cpp | *.hpp | *.h | *.cu | *.cuh) leader="//" ;; esac
  echo "$leader SPDX-License-Identifier: $licence"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  cd "$(dirname "$0")/.."
  git rev-parse --is-inside-work-tree >/dev/null 2>&1 || { echo "check-spdx: $PWD is not a git checkout" >&2; exit 2; }
  n=$(spdx_files "$@" | wc -l)
  missing=$(spdx_files "$@" | spdx_missing)
  if [ -n "$missing" ]; then
    awk -F '\t' '{ printf "%s: line %d is not \"%s\"\n", $1, $2, $3 }' <<<"$missing"
    echo "check-spdx: $(wc -l <<<"$missing") of $n source files lack their SPDX line (scripts/add-spdx.sh adds it)" >&2
    exit 1
  fi
  echo "check-spdx: all $n source files carry their SPDX line"
fi
