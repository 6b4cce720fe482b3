#!/usr/bin/env bash
# Builds the Debian package (CPack, build/release) and checks it: lintian without errors, the AppStream
# metainfo and desktop file valid, the expected files inside, dependencies computed, every library of the
# installed programs resolvable, and the installed `awq inspect` working on the installed bundled model.
# Usage: scripts/package.sh   (prints the path of the .deb last)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)"

fail() { echo "package: FAIL: $*" >&2; exit 1; }
step() { echo "== package: $*"; }

step "cpack"
rm -f build/release/awq-studio_*.deb
(cd build/release && cpack -G DEB >/dev/null)
deb=$(ls build/release/awq-studio_*.deb)
[ "$(echo "$deb" | wc -l)" -eq 1 ] || fail "expected one .deb, found: $deb"
gui=$(cat build/release/packaging/with-gui)  # written by packaging/packaging.cmake: 1 when awq-studio is built

step "lintian"
# --fail-on error: warnings are printed and tolerated; any error fails CI.
lintian --fail-on error --tag-display-limit 0 --display-info "$deb" || fail "lintian reported errors"

step "appstream and desktop file"
appstreamcli validate --no-net packaging/io.github.awqstudio.AwqStudio.metainfo.xml || fail "metainfo invalid"
desktop-file-validate packaging/io.github.awqstudio.AwqStudio.desktop || fail "desktop file invalid"

step "contents"
contents=$(dpkg-deb -c "$deb" | awk '{print $NF}')
required=(
  ./usr/bin/awq
  ./usr/share/awq-studio/models/tiny-llama-kjv/config.json
  ./usr/share/awq-studio/models/tiny-llama-kjv/model.safetensors
  ./usr/share/awq-studio/models/tiny-llama-kjv/tokenizer.json
  ./usr/share/awq-studio/models/tiny-llama-kjv/LICENSE
  ./usr/share/awq-studio/calibration/default.txt
  ./usr/share/man/man1/awq.1.gz
  ./usr/share/doc/awq-studio/copyright
  ./usr/share/doc/awq-studio/changelog.gz
)
if [ "$gui" -eq 1 ]; then
  required+=(
    ./usr/bin/awq-studio
    ./usr/share/man/man1/awq-studio.1.gz
    ./usr/share/applications/io.github.awqstudio.AwqStudio.desktop
    ./usr/share/metainfo/io.github.awqstudio.AwqStudio.metainfo.xml
    ./usr/share/icons/hicolor/scalable/apps/awq-studio.svg
  )
  for s in 16 22 24 32 48 64 128 256; do required+=("./usr/share/icons/hicolor/${s}x${s}/apps/awq-studio.png"); done
else
  echo "package: note: this build has no GUI (no awq-studio target); packaging the CLI only"
fi
for f in "${required[@]}"; do
  grep -qxF "$f" <<<"$contents" || fail "$deb lacks $f"
done
echo "package: ${#required[@]} required files present ($(wc -l <<<"$contents") entries)"

step "control fields"
for field in Package Version Architecture Section Installed-Size Depends Recommends; do
  echo "$field: $(dpkg-deb -f "$deb" "$field")"
done
depends=$(dpkg-deb -f "$deb" Depends)
[ "$(dpkg-deb -f "$deb" Version)" = "$(sed -n 's/^project(awq_studio VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)" ] \
  || fail "package version differs from the project version"
# dpkg-shlibdeps must have found the libraries the programs link (names carry their soname version).
expected_deps=(libc6 libstdc++6 libgomp1 libpcre2-8-0 libicu)
[ "$gui" -eq 1 ] && expected_deps+=(libqt6widgets6 libqt6core6 libqcustomplot qt6-qpa-plugins libqt6svg6)
grep -q blas <<<"$depends" || fail "Depends lacks a BLAS library: $depends"
for d in "${expected_deps[@]}"; do
  grep -q "$d" <<<"$depends" || fail "Depends lacks $d: $depends"
done

step "install into a throwaway root"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dpkg -x "$deb" "$tmp"
for exe in "$tmp"/usr/bin/*; do
  file -b "$exe" | grep -q '^ELF 64-bit LSB pie executable' || fail "$exe is not a PIE ELF: $(file -b "$exe")"
  file -b "$exe" | grep -q 'not stripped' && fail "$exe is not stripped"
  if ldd "$exe" | grep -q 'not found'; then ldd "$exe"; fail "$exe has unresolved libraries"; fi
  # Every library must come from an installed Debian package (what Depends promises a user).
  for lib in $(ldd "$exe" | awk '/=> \//{print $3}'); do
    dpkg -S "$(readlink -f "$lib")" >/dev/null 2>&1 || dpkg -S "$lib" >/dev/null 2>&1 \
      || fail "$exe links $lib, which no Debian package provides"
  done
done
if [ "$(id -u)" -eq 0 ]; then
  # Dependency and file-conflict check against this system, changing nothing.
  dpkg --dry-run -i "$deb" >/dev/null || fail "dpkg --dry-run -i $deb failed"
fi

step "run the installed awq on the installed model"
data="$tmp/usr/share/awq-studio"
out=$(cd "$tmp" && AWQ_STUDIO_DATA="$data" "$tmp/usr/bin/awq" inspect "$data/models/tiny-llama-kjv")
echo "$out"
grep -q '^Quantized      no$' <<<"$out" || fail "installed awq inspect: unexpected output"
# The installed program on the installed model must describe it exactly as the build tree's program
# describes the source-tree model (all fields but the folder).
installed_json=$(cd "$tmp" && AWQ_STUDIO_DATA="$data" "$tmp/usr/bin/awq" inspect "$data/models/tiny-llama-kjv" --json)
build_json=$(build/release/app/cli/awq inspect resources/models/tiny-llama-kjv --json)
grep -q '"model_type": "llama"' <<<"$installed_json" || fail "installed awq inspect --json: model_type is not llama"
[ "$(grep -v '"folder"' <<<"$installed_json")" = "$(grep -v '"folder"' <<<"$build_json")" ] \
  || fail "installed and build-tree awq inspect --json differ"
gen=$(cd "$tmp" && AWQ_STUDIO_DATA="$data" "$tmp/usr/bin/awq" generate "$data/models/tiny-llama-kjv" \
        --prompt "In the beginning" --max-tokens 8 --temperature 0 2>/dev/null) || fail "installed awq generate failed"
prompt="In the beginning"
[ "${#gen}" -gt "${#prompt}" ] && [ "${gen#"$prompt"}" != "$gen" ] || fail "installed awq generate: no continuation"
echo "generate: $gen"
if [ "$gui" -eq 1 ]; then
  ver=$(QT_QPA_PLATFORM=offscreen "$tmp/usr/bin/awq-studio" --version) || fail "installed awq-studio --version failed"
  grep -qF "$(dpkg-deb -f "$deb" Version)" <<<"$ver" || fail "installed awq-studio --version: '$ver'"
  echo "awq-studio --version: $ver"
fi
echo "package: OK: $root/$deb"
