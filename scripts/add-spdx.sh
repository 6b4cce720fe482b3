#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Writes the SPDX licence line scripts/check-spdx.sh asks for into every tracked source file under the given
# paths (default: the whole repository) that lacks it: as line 1, or line 2 after a #! line. Idempotent: a
# file that has its line is left alone; one whose line names another licence is reported, not changed.
# Usage: scripts/add-spdx.sh [paths...]     e.g. scripts/add-spdx.sh core/src/quant
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=check-spdx.sh
source scripts/check-spdx.sh
added=0 wrong=0
while IFS=$'\t' read -r f at line; do
  if sed -n "${at}p" "$f" | grep -q 'SPDX-License-Identifier'; then
    echo "add-spdx: $f: line $at names another licence; expected '$line'; not changed" >&2
    wrong=$((wrong + 1))
    continue
  fi
  # Beside the file, keeping its mode (scripts stay executable), then renamed over it.
  tmp=$(mktemp "$f.spdx.XXXXXX")
  chmod --reference="$f" "$tmp"
  if [ "$at" -eq 2 ]; then
    { head -n 1 "$f"; echo "$line"; tail -n +2 "$f"; } >"$tmp"
  else
    { echo "$line"; cat "$f"; } >"$tmp"
  fi
  mv "$tmp" "$f"
  added=$((added + 1))
done < <(spdx_files "$@" | spdx_missing)
echo "add-spdx: added the SPDX line to $added files"
[ "$wrong" -eq 0 ]
