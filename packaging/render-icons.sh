#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Renders the hicolor PNG icons from the SVG (committed; re-run after editing the SVG).
set -euo pipefail
cd "$(dirname "$0")/.."
svg=resources/icons/hicolor/scalable/apps/awq-studio.svg
for s in 16 22 24 32 48 64 128 256; do
  mkdir -p "resources/icons/hicolor/${s}x${s}/apps"
  rsvg-convert -w "$s" -h "$s" "$svg" -o "resources/icons/hicolor/${s}x${s}/apps/awq-studio.png"
done
