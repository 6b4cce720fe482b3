#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the Debian package awq-studio (CPack) and checks it: lintian without errors, the AppStream
# metainfo and desktop file valid, the expected files inside, dependencies computed, every library of the
# installed programs resolvable, and the installed `awq inspect` working on the installed bundled model.
# With --cuda-build-dir, also the CUDA plugin's package awq-studio-cuda: lintian, its files, that it needs
# nothing from the system but the NVIDIA driver (readelf NEEDED), and the installed awq with it.
# Usage: scripts/package.sh [--build-dir DIR] [--cuda-build-dir DIR]   (prints the paths of the .debs last)
#   --build-dir DIR       build and package awq-studio in DIR (default: the release preset, build/release)
#   --cuda-build-dir DIR  build only the CUDA plugin in DIR (configured with AWQ_CUDA=ON when new) and package
#                         awq-studio-cuda; CI leaves it out: the package carries NVIDIA's cuBLAS (~600 MB)
set -euo pipefail
cd "$(dirname "$0")/.."
build="" cuda_build=""
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build=${2:?--build-dir needs a folder}; shift ;;
    --cuda-build-dir) cuda_build=${2:?--cuda-build-dir needs a folder}; shift ;;
    *) echo "usage: scripts/package.sh [--build-dir DIR] [--cuda-build-dir DIR]" >&2; exit 2 ;;
  esac
  shift
done

fail() { echo "package: FAIL: $*" >&2; exit 1; }
step() { echo "== package: $*"; }

scripts/setup.sh
if [ -z "$build" ]; then
  build=build/release
  cmake --preset release >/dev/null
  cmake --build --preset release -j "$(nproc)"
else
  [ -f "$build/CMakeCache.txt" ] || cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" -j "$(nproc)"
fi

step "cpack"
rm -f "$build"/awq-studio_*.deb
(cd "$build" && cpack -G DEB >/dev/null)
deb=$(ls "$build"/awq-studio_*.deb)
[ "$(echo "$deb" | wc -l)" -eq 1 ] || fail "expected one .deb, found: $deb"
gui=$(cat "$build/packaging/with-gui")  # written by packaging/packaging.cmake: 1 when awq-studio is built

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
# The GPU comes only with awq-studio-cuda.
if grep -qE '^\./usr/lib/awq-studio/|cuda|cublas' <<<"$contents"; then
  fail "$deb holds CUDA files: $(grep -E '^\./usr/lib/awq-studio/|cuda|cublas' <<<"$contents" | tr '\n' ' ')"
fi
echo "package: ${#required[@]} required files present ($(wc -l <<<"$contents") entries)"

step "control fields"
for field in Package Version Architecture Section Installed-Size Depends Recommends Suggests Maintainer; do
  echo "$field: $(dpkg-deb -f "$deb" "$field")"
done
depends=$(dpkg-deb -f "$deb" Depends)
[ "$(dpkg-deb -f "$deb" Version)" = "$(sed -n 's/^project(awq_studio VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)" ] \
  || fail "package version differs from the project version"
# dpkg-shlibdeps must have found the libraries the programs link (names carry their soname version).
expected_deps=(libc6 libstdc++6 libgomp1 libpcre2-8-0 libicu)
[ "$gui" -eq 1 ] && expected_deps+=(libqt6widgets6 libqt6core6 libqcustomplot qt6-qpa-plugins libqt6svg6)
grep -q blas <<<"$depends" || fail "Depends lacks a BLAS library: $depends"
grep -qi cuda <<<"$depends" && fail "Depends names a CUDA package: $depends"
[ "$(dpkg-deb -f "$deb" Suggests)" = "awq-studio-cuda" ] || fail "Suggests is not awq-studio-cuda"
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
build_json=$("$build"/app/cli/awq inspect resources/models/tiny-llama-kjv --json)
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
echo "package: $(basename "$deb"): $(du -h "$deb" | cut -f1), Installed-Size $(dpkg-deb -f "$deb" Installed-Size) KiB"

if [ -n "$cuda_build" ]; then
  step "CUDA plugin ($cuda_build)"
  [ -f "$cuda_build/CMakeCache.txt" ] \
    || cmake -S . -B "$cuda_build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DAWQ_CUDA=ON -DAWQ_BUILD_TESTS=OFF >/dev/null
  [ -f "$cuda_build/CPackConfig-cuda.cmake" ] || fail "$cuda_build builds no CUDA plugin (needs nvcc and AWQ_CUDA=ON)"
  cmake --build "$cuda_build" -j "$(nproc)" --target awq_cuda awq_packaging_files

  step "cpack awq-studio-cuda"
  rm -f "$cuda_build"/awq-studio-cuda_*.deb
  (cd "$cuda_build" && cpack --config CPackConfig-cuda.cmake >/dev/null)
  cdeb=$(ls "$cuda_build"/awq-studio-cuda_*.deb)
  [ "$(echo "$cdeb" | wc -l)" -eq 1 ] || fail "expected one awq-studio-cuda .deb, found: $cdeb"

  step "lintian awq-studio-cuda"
  lintian --fail-on error --tag-display-limit 0 --display-info "$cdeb" || fail "lintian reported errors"

  step "awq-studio-cuda contents and control fields"
  ccontents=$(dpkg-deb -c "$cdeb" | awk '{print $NF}')
  for f in ./usr/lib/awq-studio/libawq_cuda.so ./usr/share/doc/awq-studio-cuda/copyright \
           ./usr/share/doc/awq-studio-cuda/changelog.gz ./usr/share/doc/awq-studio-cuda/NVIDIA-CUDA-EULA.txt; do
    grep -qxF "$f" <<<"$ccontents" || fail "$cdeb lacks $f"
  done
  grep -qE '^\./usr/(bin|share/awq-studio)/' <<<"$ccontents" && fail "$cdeb holds files of awq-studio"
  for field in Package Version Section Installed-Size Depends Maintainer; do
    echo "$field: $(dpkg-deb -f "$cdeb" "$field")"
  done
  [ "$(dpkg-deb -f "$cdeb" Version)" = "$(dpkg-deb -f "$deb" Version)" ] || fail "the two packages' versions differ"
  cdepends=$(dpkg-deb -f "$cdeb" Depends)
  grep -qF "awq-studio (= $(dpkg-deb -f "$deb" Version))" <<<"$cdepends" || fail "Depends lacks awq-studio (= version)"
  grep -qiE 'cuda|cublas|nvidia' <<<"$cdepends" && fail "Depends names a CUDA package: $cdepends"

  step "awq-studio-cuda: libraries"
  dpkg -x "$cdeb" "$tmp"
  plugdir="$tmp/usr/lib/awq-studio"
  # What a plugin library may need: the C/C++ runtime, the driver, what the package ships beside it, and what
  # awq (of awq-studio, which the package depends on) needs itself.
  allowed=$(printf '%s\n' libc.so.6 libm.so.6 libstdc++.so.6 libgcc_s.so.1 libdl.so.2 libpthread.so.0 librt.so.1 \
                          ld-linux-x86-64.so.2 libcuda.so.1)
  awq_needed=$(readelf -d "$tmp/usr/bin/awq" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
  for lib in "$plugdir"/*; do
    needed=$(readelf -d "$lib" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
    echo "$(basename "$lib") ($(du -h "$lib" | cut -f1)) NEEDED: $(echo $needed)"
    for n in $needed; do
      case "$n" in libcudart*) fail "$(basename "$lib") needs $n: the CUDA runtime must be linked in" ;; esac
      grep -qxF "$n" <<<"$allowed" && continue
      [ -e "$plugdir/$n" ] && continue
      grep -qxF "$n" <<<"$awq_needed" && { echo "  $n: also needed by awq (comes with awq-studio)"; continue; }
      fail "$(basename "$lib") needs $n, which neither the driver, the C/C++ runtime nor the packages provide"
    done
    # Every library resolves, the shipped ones from the package's folder (RUNPATH $ORIGIN).
    # (ldd's output is kept: grep -q ending a pipe early would fail it under pipefail.)
    resolved=$(ldd "$lib")
    if grep -v libcuda.so.1 <<<"$resolved" | grep -q 'not found'; then echo "$resolved"; fail "$lib has unresolved libraries"; fi
    for n in $needed; do
      [ -e "$plugdir/$n" ] || continue
      grep -qF "$n => $plugdir/$n" <<<"$resolved" || fail "$(basename "$lib") does not load $n from $plugdir: $(grep -F "$n" <<<"$resolved")"
    done
  done

  step "installed awq with the installed plugin: --device auto"
  # Quantizing the installed model with --device auto must say why it runs on the CPU where there is no GPU.
  # stderr (the device lines) is the result, stdout (the report summary) is dropped.
  # shellcheck disable=SC2069
  quant() {
    (cd "$tmp" && AWQ_STUDIO_DATA="$data" "$@" "$tmp/usr/bin/awq" quantize "$data/models/tiny-llama-kjv" \
       --report "$tmp/report.json" --samples 2 --seqlen 64 --n-grid 2 --device auto 2>&1 >/dev/null) \
      || fail "installed awq quantize --device auto failed"
  }
  qerr=$(quant env)
  echo "$qerr" | grep -E '^(note|device):'
  if ldconfig -p | grep -q 'libcuda\.so\.1 '; then
    grep -qE '^(device: |note: running on the CPU: )' <<<"$qerr" || fail "awq quantize --device auto: no device line"
  else
    grep -qF 'note: running on the CPU: no CUDA device: the NVIDIA driver is not installed' <<<"$qerr" \
      || fail "awq quantize --device auto (no driver here) does not say why it runs on the CPU"
  fi
  # Named explicitly, the plugin is loaded even without a driver: it loads from the package (libraries,
  # build tag) and its own probe says why there is no GPU.
  qerr=$(quant env AWQ_CUDA_PLUGIN="$plugdir/libawq_cuda.so")
  echo "$qerr" | grep -E '^(note|device):'
  grep -qE '^(device: |note: running on the CPU: )' <<<"$qerr" || fail "awq quantize with AWQ_CUDA_PLUGIN: no device line"
  grep -qE 'failed to load|another build|not an AWQ Studio CUDA plugin|ABI version' <<<"$qerr" \
    && fail "the installed plugin did not load"
  echo "package: $(basename "$cdeb"): $(du -h "$cdeb" | cut -f1), Installed-Size $(dpkg-deb -f "$cdeb" Installed-Size) KiB"
  echo "package: OK: $(realpath "$cdeb")"
fi
echo "package: OK: $(realpath "$deb")"
