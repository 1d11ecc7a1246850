#!/usr/bin/env bash
# Runs every Chronoscope test and ends with one line: "N passed, N failed".
#
#   tests/run.sh            install what is missing, build native + web, then run
#                           1. unit tests (GoogleTest via ctest)
#                           2. browser tests (playwright-core + headless Chromium against the real wasm build)
#                           3. native tests under Xvfb (CLI, screenshots compared to a reference, reload)
#
# Environment: CS_JOBS (build parallelism, default nproc), CS_KEEP_OUTPUT=1 keeps tests/out/ artefacts
# (screenshots land there either way).
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT="$ROOT/tests/out"
mkdir -p "$OUT"

# shellcheck source=../scripts/deps.sh
source scripts/deps.sh native web test || exit 1
JOBS=${CS_JOBS:-$(nproc)}

passed=0
failed=0
failures=()
count() {  # count NAME PASSED FAILED
  passed=$((passed + $2)); failed=$((failed + $3))
  [ "$3" -gt 0 ] && failures+=("$1: $3 failed")
  return 0
}
die_build() { echo "BUILD FAILED: $1" >&2; count "$1" 0 1; echo "$passed passed, $failed failed"; exit 1; }

echo "== native build (app, unit tests, benchmarks)"
if [ ! -f build-native/CMakeCache.txt ]; then
  cmake -S . -B build-native -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCS_IMGUI_DIR="$CS_IMGUI_DIR" >/dev/null || die_build "native configure"
fi
cmake --build build-native -j"$JOBS" || die_build "native build"

echo "== web build"
./build-wasm.sh || die_build "web build"

echo "== 1. unit tests (ctest)"
ctest --test-dir build-native --output-on-failure -j"$JOBS" --timeout 600 2>&1 | tee "$OUT/ctest.log"
u_total=$(grep -Eo 'tests passed, [0-9]+ tests failed out of [0-9]+' "$OUT/ctest.log" | grep -Eo '[0-9]+$' | tail -1)
u_failed=$(grep -Eo 'tests passed, [0-9]+ tests failed' "$OUT/ctest.log" | grep -Eo '[0-9]+ tests failed' | grep -Eo '^[0-9]+' | tail -1)
if [ -z "$u_total" ]; then count "unit tests" 0 1; else count "unit tests" $((u_total - u_failed)) "$u_failed"; fi

echo "== 2. browser tests (headless Chromium, real wasm build)"
node tests/browser/run.mjs --site build-wasm/site --out "$OUT" 2>&1 | tee "$OUT/browser.log"
b_line=$(grep -E '^browser: [0-9]+ passed, [0-9]+ failed' "$OUT/browser.log" | tail -1)
if [ -z "$b_line" ]; then count "browser tests" 0 1
else count "browser tests" "$(echo "$b_line" | awk '{print $2}')" "$(echo "$b_line" | awk '{print $4}')"; fi

echo "== 3. native tests (Xvfb)"
bash tests/native/run.sh build-native "$OUT" 2>&1 | tee "$OUT/native.log"
n_line=$(grep -E '^native: [0-9]+ passed, [0-9]+ failed' "$OUT/native.log" | tail -1)
if [ -z "$n_line" ]; then count "native tests" 0 1
else count "native tests" "$(echo "$n_line" | awk '{print $2}')" "$(echo "$n_line" | awk '{print $4}')"; fi

echo
for f in "${failures[@]+"${failures[@]}"}"; do echo "FAILED: $f"; done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
