#!/usr/bin/env bash
# Builds the release web bundle, stages the static demo site into build-wasm/site/ and the npm package into
# build-wasm/npm/ (packed as build-wasm/chronoscope-VERSION.tgz).
#
#   ./build-wasm.sh                  build (installing and fetching what is missing) and stage the site
#   ./build-wasm.sh --serve [PORT]   ... then serve it on http://127.0.0.1:PORT/ (default 8000)
#
# Environment: CS_PORT (default port), CS_BUILD_TYPE (default Release).
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)

serve=0
port=${CS_PORT:-8000}
while [ $# -gt 0 ]; do
  case "$1" in
    --serve) serve=1; if [ $# -gt 1 ] && [[ "$2" =~ ^[0-9]+$ ]]; then port=$2; shift; fi ;;
    --port) port=$2; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "build-wasm.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

# shellcheck source=scripts/deps.sh
source scripts/deps.sh web
export NODE_PATH=/usr/share/nodejs   # emcc's JS optimizer needs acorn from Debian's node modules
JOBS=$(nproc)

echo "== web build (emscripten)"
if [ ! -f build-wasm/CMakeCache.txt ]; then
  emcmake cmake -S . -B build-wasm -DCMAKE_BUILD_TYPE="${CS_BUILD_TYPE:-Release}" \
    -DCS_IMGUI_DIR="$CS_IMGUI_DIR" -DCS_JSON_INCLUDE="$CS_JSON_INC" \
    -DSDL2_DIR="$CS_SDL2_WASM/lib/cmake/SDL2" >/dev/null
fi
cmake --build build-wasm -j"$JOBS" --target chronoscope

echo "== data generator (native, core only)"
if [ ! -f build-tools/CMakeCache.txt ]; then
  cmake -S . -B build-tools -DCMAKE_BUILD_TYPE=Release -DCS_BUILD_APP=OFF -DCS_BUILD_TESTS=OFF -DCS_BUILD_BENCH=OFF >/dev/null
fi
cmake --build build-tools -j"$JOBS" --target chronoscope-gen

echo "== JS bundle (esbuild: web/src -> build-wasm/web)"
# web/node_modules holds the pinned bundler and TypeScript (web/package-lock.json); reinstalled when the lock changes
if ! cmp -s web/package-lock.json web/node_modules/.cs-package-lock.json; then
  (cd web && npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.cs-package-lock.json)
fi
node web/build.mjs build-wasm/web
BUNDLE=(chronoscope.js chronoscope.mjs chronoscope-worker.js)

echo "== staging build-wasm/site"
SITE=build-wasm/site
mkdir -p "$SITE/fonts" "$SITE/data" "$SITE/examples"
cp web/index.html "$SITE/"
for f in "${BUNDLE[@]}"; do cp "build-wasm/web/$f" "build-wasm/web/$f.map" "$SITE/"; done
[ -d web/examples ] && cp web/examples/*.html "$SITE/examples/" 2>/dev/null || true
cp build-wasm/chronoscope-engine.js build-wasm/chronoscope-engine.wasm "$SITE/"
cp /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf /usr/share/fonts/truetype/noto/NotoSans-Bold.ttf "$SITE/fonts/"
cp /usr/share/doc/fonts-noto-core/copyright "$SITE/fonts/NotoSans.copyright"   # (the fonts' licences go with them)
# text runs' fonts: Noto cut into Unicode-range slices (cached: cut again only when the script or the fonts change)
/usr/bin/python3 scripts/font_slices.py build-wasm/font-slices
rm -rf "$SITE/fonts/text" && mkdir -p "$SITE/fonts/text"
cp build-wasm/font-slices/manifest.json build-wasm/font-slices/*.woff2 "$SITE/fonts/text/"
cp /usr/share/doc/fonts-noto-cjk/copyright "$SITE/fonts/text/NotoSansCJK.copyright"
cp /usr/share/doc/fonts-noto-color-emoji/copyright "$SITE/fonts/text/NotoColorEmoji.copyright"
cp /usr/share/doc/fonts-noto-core/copyright "$SITE/fonts/text/Noto.copyright"
cp assets/demo/*.json "$SITE/data/"
mkdir -p "$SITE/data/pictures" && cp assets/demo/pictures/*.svg "$SITE/data/pictures/"   # the stories' own pictures
[ -f assets/chronoscope.schema.json ] && cp assets/chronoscope.schema.json "$SITE/"
gen="$SITE/data/generated-100k.json"
if [ ! -s "$gen" ] || [ build-tools/chronoscope-gen -nt "$gen" ]; then
  build-tools/chronoscope-gen 100000 "$gen" --seed 1 >/dev/null
fi

echo "== npm package (build-wasm/npm -> build-wasm/chronoscope-VERSION.tgz)"
NPM=build-wasm/npm
rm -rf "$NPM" && mkdir -p "$NPM/fonts"
# the published manifest is web/package.json without what only builds it
node -e '
  const fs = require("fs"), p = JSON.parse(fs.readFileSync("web/package.json", "utf8"));
  delete p.devDependencies; delete p.scripts;
  fs.writeFileSync(process.argv[1], JSON.stringify(p, null, 2) + "\n");' "$NPM/package.json"
for f in "${BUNDLE[@]}"; do cp "build-wasm/web/$f" "build-wasm/web/$f.map" "$NPM/"; done
cp web/types/chronoscope.d.ts web/README.md "$NPM/"
cp "$SITE/chronoscope-engine.js" "$SITE/chronoscope-engine.wasm" "$NPM/"
cp -r "$SITE"/fonts/* "$NPM/fonts/"
rm -f build-wasm/chronoscope-*.tgz
(cd "$NPM" && npm pack --pack-destination .. --loglevel=error >/dev/null)
ls build-wasm/chronoscope-*.tgz

echo "== bundle sizes"
total_raw=0 total_gz=0
for f in "${BUNDLE[@]}" chronoscope-engine.js chronoscope-engine.wasm; do
  raw=$(stat -c %s "$SITE/$f")
  gz=$(gzip -9 -c "$SITE/$f" | wc -c)
  if [ "$f" != chronoscope.mjs ]; then total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz)); fi
  printf '  %-26s %9d bytes  (gzip %8d)\n' "$f" "$raw" "$gz"
done
printf '  %-26s %9d bytes  (gzip %8d)\n' "total (js+worker+engine)" "$total_raw" "$total_gz"

if [ $serve = 1 ]; then
  echo "== serving $ROOT/$SITE"
  echo "   open http://127.0.0.1:$port/"
  exec python3 -m http.server "$port" --bind 127.0.0.1 --directory "$SITE"
fi
