#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR/..
# Runs every Chronoscope test and ends with one line: "N passed, N failed".
#
#   tests/run.sh            install what is missing, build native + web, then run
#                           1. unit tests (GoogleTest via ctest)
#                           2. browser tests (playwright-core + headless Chromium against the real wasm build)
#                           3. native tests under Xvfb (CLI, screenshots compared to a reference, reload)
#   tests/run.sh --unit | --browser | --native    (one or several) only those stages, after only the installs
#                           and builds they need (--unit: cs_tests and cs_ui_tests, --native: the app, --browser:
#                           the web build, and the native app and generator that pack the tiled test set)
#
# Every stage asked for runs, whatever failed before it: a build that fails counts as one failure, and so does
# each stage that needed it and could not run. Skipped tests (counted in neither number) and failures are listed
# before the summary. The exit status is 0 only when nothing failed.
#
# Environment: CS_JOBS (build and ctest parallelism, default nproc), CS_SHARED_DIR (the unit tests' extra
# corpora, default ../shared beside the clone; their tests are skipped where it is absent).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
ROOT=$(pwd)
OUT="$ROOT/tests/out"
mkdir -p "$OUT"
JOBS=${CS_JOBS:-$(nproc)}

want_unit=0 want_browser=0 want_native=0
for a in "$@"; do
  case "$a" in
    --unit) want_unit=1 ;; --browser) want_browser=1 ;; --native) want_native=1 ;;
    -h|--help) sed -n '3,17p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument '$a' (--unit, --browser, --native)" >&2; exit 2 ;;
  esac
done
all=0
[ $# -eq 0 ] && all=1 want_unit=1 want_browser=1 want_native=1
need_native=$((want_unit | want_native | want_browser))

passed=0
failed=0
failures=()
skipped=()
count() {  # count STAGE PASSED FAILED [NAMES OF THE FAILED TESTS, one a line]
  passed=$((passed + $2)); failed=$((failed + $3))
  [ "$3" -gt 0 ] || return 0
  if [ -n "${4:-}" ]; then
    while IFS= read -r t; do failures+=("$1: $t"); done <<< "$4"
  else
    failures+=("$1: $3 failed")
  fi
}
fail() { failed=$((failed + 1)); failures+=("$1"); echo "FAILED: $1" >&2; }
stage() { echo; printf '== %s  [%dm%02ds into the run]\n' "$1" $((SECONDS / 60)) $((SECONDS % 60)); }
suite() {  # suite NAME COMMAND...: runs a test script whose summary line is "NAME: N passed, N failed"
  local name=$1 line
  shift
  "$@" 2>&1 | tee "$OUT/$name.log"
  line=$(grep -E "^$name: [0-9]+ passed, [0-9]+ failed" "$OUT/$name.log" | tail -1)
  if [ -z "$line" ]; then fail "$name tests: no summary line"
  else count "$name" "$(echo "$line" | awk '{print $2}')" "$(echo "$line" | awk '{print $4}')" \
         "$(sed -n 's/^FAIL //p' "$OUT/$name.log")"; fi
  while IFS= read -r t; do [ -n "$t" ] && skipped+=("$name: $t"); done < <(sed -n 's/^SKIP //p' "$OUT/$name.log")
}

stage "dependencies (scripts/deps.sh)"
parts=(test)
[ $need_native = 1 ] && parts=(native test)
source scripts/deps.sh "${parts[@]}" || fail "dependencies: scripts/deps.sh ${parts[*]}"
web_deps_ok=0
if [ $want_browser = 1 ]; then
  if source scripts/deps.sh web; then web_deps_ok=1; else fail "dependencies: scripts/deps.sh web"; fi
fi

native_ok=0
if [ $need_native = 1 ]; then
  targets=(all)
  if [ $all = 0 ]; then
    targets=()
    [ $want_unit = 1 ] && targets+=(cs_tests cs_ui_tests cs_app_tests cs_icu_tests)
    [ $want_native = 1 ] && targets+=(chronoscope chronoscope-text)
    [ $want_browser = 1 ] && targets+=(chronoscope chronoscope-gen)   # (tests/browser/tiles.mjs packs with them)
  fi
  stage "native build (${targets[*]/all/app, unit tests, benchmarks})"
  if [ ! -f build-native/CMakeCache.txt ]; then
    cmake -S . -B build-native -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCS_IMGUI_DIR="$CS_IMGUI_DIR" >/dev/null \
      || rm -f build-native/CMakeCache.txt
  fi
  if [ ! -f build-native/CMakeCache.txt ]; then
    fail "native build: cmake configure"
  elif cmake --build build-native -j"$JOBS" --target "${targets[@]}"; then
    native_ok=1
  else
    fail "native build"
  fi
fi
# A failed build may still have built what a stage needs: each stage below checks its own target.
built() { [ -f build-native/CMakeCache.txt ] && cmake --build build-native -j"$JOBS" --target "$1" >/dev/null 2>&1; }

web_ok=0
if [ $want_browser = 1 ]; then
  stage "web build"
  if [ $web_deps_ok = 0 ]; then
    echo "not built: its dependencies failed"
  elif ./build-wasm.sh; then
    web_ok=1
  else
    fail "web build"
  fi
fi

[ $want_unit = 1 ] && stage "1. unit tests (ctest)"
if [ $want_unit = 0 ]; then
  :
elif [ $native_ok = 1 ] || { built cs_tests && built cs_ui_tests && built cs_app_tests && built cs_icu_tests; }; then
  ctest --test-dir build-native --output-on-failure -j"$JOBS" --timeout 600 2>&1 | tee "$OUT/ctest.log"
  # One line per test: "  3/162 Test   #3: Suite.Name ......   Passed    0.01 sec" (or ***Skipped, ***Failed, ...)
  results=$(sed -nE 's/^ *[0-9]+\/[0-9]+ +Test +#[0-9]+: ([^ ]+) \.*(\*\*\*)? *([A-Za-z]+( [A-Za-z]+)?).*/\3 \1/p' \
            "$OUT/ctest.log")
  total=$(grep -Eo 'tests failed out of [0-9]+' "$OUT/ctest.log" | grep -Eo '[0-9]+$' | tail -1)
  u_passed=$(echo "$results" | grep -c '^Passed ')
  u_skipped=$(echo "$results" | grep -c '^Skipped ')
  u_failed=$(echo "$results" | grep -cvE '^(Passed|Skipped) |^$')
  # Why each was skipped: the line after GoogleTest's "Skipped" in ctest's full log.
  reasons=$(awk '/^[0-9]+\/[0-9]+ Test: /{name=$3} prev{print name "\t" $0; prev=0} /: Skipped$/{prev=1}' \
            build-native/Testing/Temporary/LastTest.log 2>/dev/null)
  while read -r name; do
    [ -n "$name" ] || continue
    why=$(echo "$reasons" | awk -F'\t' -v n="$name" '$1 == n {print $2; exit}')
    skipped+=("unit: $name${why:+ ($why)}")
  done < <(echo "$results" | sed -n 's/^Skipped //p' | sort)
  if [ -z "$total" ] || [ "$total" != $((u_passed + u_skipped + u_failed)) ]; then
    fail "unit tests: ctest reported ${total:-no} tests, $((u_passed + u_skipped + u_failed)) results read"
  fi
  count "unit" "$u_passed" "$u_failed" "$(echo "$results" | grep -vE '^(Passed|Skipped) |^$' | sed -E 's/^(.*) ([^ ]+)$/\2 (\1)/')"
else
  fail "unit tests: not run (cs_tests or cs_ui_tests did not build)"
fi

[ $want_browser = 1 ] && stage "2. browser tests (headless Chromium, real wasm build)"
if [ $want_browser = 0 ]; then
  :
elif [ $web_ok = 1 ]; then
  suite browser node tests/browser/run.mjs --site build-wasm/site --out "$OUT"
else
  fail "browser tests: not run (the web build failed)"
fi

[ $want_native = 1 ] && stage "3. native tests (Xvfb)"
if [ $want_native = 0 ]; then
  :
elif [ $native_ok = 1 ] || { built chronoscope && built chronoscope-text; }; then
  suite native bash tests/native/run.sh build-native "$OUT"
else
  fail "native tests: not run (the app did not build)"
fi

stage "summary"
for s in "${skipped[@]+"${skipped[@]}"}"; do echo "SKIPPED: $s"; done
for f in "${failures[@]+"${failures[@]}"}"; do echo "FAILED: $f"; done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
