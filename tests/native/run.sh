#!/usr/bin/env bash
# Native tests under Xvfb: the CLI, screenshots compared loosely with a committed reference, live reload.
#   tests/native/run.sh BUILD_DIR OUT_DIR        ends with "native: N passed, N failed"
set -uo pipefail
cd "$(dirname "$0")/../.."
BUILD=${1:-build-native}
OUT=${2:-tests/out}
APP="$BUILD/chronoscope"
REF=tests/native/reference
mkdir -p "$OUT"
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; [ $# -gt 1 ] && echo "     $2"; }
check() { local name=$1; shift; if "$@"; then ok "$name"; else bad "$name"; fi; }
# run SECS CMD...: CMD with a time limit, so that a hang fails its test instead of the run (exit 124 then); sets
# $out (its stdout and stderr), $rc and $took (seconds)
run() { local t0=$EPOCHREALTIME; out=$(timeout -k 2 "$@" 2>&1); rc=$?; took=$(since "$t0"); }
since() { awk -v a="$EPOCHREALTIME" -v b="$1" 'BEGIN { printf "%.1f", a - b }'; }

export LIBGL_ALWAYS_SOFTWARE=1
XVFB=(xvfb-run -a -s "-screen 0 1920x1200x24 -nolisten tcp")

# --- CLI
out=$("$APP" --help); rc=$?
check "--help exits 0 and documents every option" test $rc = 0 -a -n "$(echo "$out" | grep -e --validate)" \
  -a -n "$(echo "$out" | grep -e --screenshot)" -a -n "$(echo "$out" | grep -e --window)" -a -n "$(echo "$out" | grep -e --select)" \
  -a -n "$(echo "$out" | grep -e --scale)" -a -n "$(echo "$out" | grep -e --rtl)"
check "--help says that FILE - is standard input" test -n "$(echo "$out" | grep -F -e '- (standard input)')"

out=$("$APP" --validate assets/demo/bts.json assets/demo/deeptime.json 2>&1); rc=$?
echo "$out" | sed 's/^/     /'
check "--validate prints one summary line per good file" test $rc = 0 -a \
  "$(echo "$out" | grep -cE '^assets/demo/[a-z]+\.json: [0-9]+ events, [0-9]+ milestones, [0-9]+ eras, [0-9]+ groups, span .+ \.\. .+$')" = 2

printf '{\n  "events": [\n    {"start": "2020-01-01", "title": "ok"},\n    {"start": "2021-02-30", "title": "bad day"}\n  ]\n}\n' > "$OUT/bad-day.json"
out=$("$APP" --validate "$OUT/bad-day.json" 2>&1); rc=$?
echo "$out" | sed 's/^/     /'
check "--validate reports FILE:LINE:COL at the bad value and exits 1" test $rc = 1 -a \
  -n "$(echo "$out" | grep -E "^$OUT/bad-day.json:4:15: error: ")"


# --- pipes, FIFOs and standard input are read as their data comes (core LoadTimelineFile). Every run has a time
# limit; every FIFO is new (a writer left from an earlier test waits on the old one, harmlessly).
good=assets/demo/bts.json
summary=$("$APP" --validate "$good" | sed "s|^$good: ||")
fifo="$OUT/pipe.fifo"
newfifo() { rm -f "$fifo" && mkfifo "$fifo"; }
valid() { test $rc = 0 -a "$out" = "$1: $summary"; }  # valid NAME: the run was a good --validate of $good as NAME

newfifo
(exec cat "$good" > "$fifo") & w=$!
run 10 "$APP" --validate "$fifo"
check "--validate FIFO reads what a waiting writer writes (exit $rc in ${took}s)" valid "$fifo"
kill $w 2>/dev/null; wait $w 2>/dev/null
newfifo
(sleep 1; exec cat "$good" > "$fifo") & w=$!
run 10 "$APP" --validate "$fifo"
check "--validate FIFO waits for a writer that comes later (exit $rc in ${took}s)" valid "$fifo"
kill $w 2>/dev/null; wait $w 2>/dev/null
newfifo
run 15 "$APP" --validate "$fifo"
echo "$out" | sed 's/^/     /'
check "--validate FIFO without a writer gives up after 5 s (exit $rc in ${took}s)" test $rc = 1 -a \
  "$out" = "$fifo: error: nothing opened the FIFO for writing within 5 s"
run 10 "$APP" --validate <(cat "$good")
check "--validate <(cat FILE) reads the pipe (exit $rc in ${took}s)" valid "$(echo "$out" | grep -oE '^/dev/fd/[0-9]+')"
run 10 "$APP" --validate - < "$good"
check "--validate - < FILE reads standard input (exit $rc in ${took}s)" valid -
piped() { local t0=$EPOCHREALTIME; out=$(cat "$good" | timeout -k 2 10 "$APP" --validate "$1" 2>&1); rc=$?; took=$(since "$t0"); }
piped -
check "cat FILE | --validate - reads the pipe (exit $rc in ${took}s)" valid -
piped /dev/stdin
check "cat FILE | --validate /dev/stdin reads the pipe (exit $rc in ${took}s)" valid /dev/stdin
# Over the size limit a pipe is refused as soon as it passes it: the writer (1 GiB + 64 MiB of JSON whitespace, made
# as it is written) is cut off, not read to its end.
limit=$((1 << 30))
t0=$EPOCHREALTIME
out=$({ printf '{"events": ['; yes '' | head -c $((limit + (64 << 20))); printf ']}'; } |
  timeout -k 2 60 "$APP" --validate - 2>&1; echo "status: writer ${PIPESTATUS[0]}, reader ${PIPESTATUS[1]}")
echo "$out" | sed 's/^/     /'
check "a pipe over the size limit is refused once past it, the rest unread ($(since "$t0")s)" test \
  -n "$(echo "$out" | grep -E '^-: error: the file is 1073\.[0-9] MB, more than the limit of 1073\.7 MB$')" -a \
  -n "$(echo "$out" | grep -E '^status: writer [1-9][0-9]*, reader 1$')"
sock="$OUT/pipe.sock"
rm -f "$sock" && node -e 'require("net").createServer().listen(process.argv[1], () => process.exit(0))' "$sock"
run 10 "$APP" --validate "$OUT" "$sock"
echo "$out" | sed 's/^/     /'
check "--validate names a directory and a socket as such (exit $rc)" test $rc = 1 -a \
  "$out" = "$OUT: error: is a directory"$'\n'"$sock: error: is a socket, not a file"
rm -f "$sock"

# --- screenshots: not blank, close to the committed reference
shot() {  # shot NAME ARGS...
  local name=$1; shift
  "${XVFB[@]}" "$APP" "$@" --screenshot "$OUT/$name.png" --size 1280x720 >"$OUT/$name.log" 2>&1
}
colours() { convert "$1" -format %k info: 2>/dev/null || echo 0; }
# Loose comparison: normalised RMSE over the whole image after a small blur (fonts may hint differently).
rmse() {
  convert "$1" -blur 0x1 "$OUT/rmse-a.png" && convert "$2" -blur 0x1 "$OUT/rmse-b.png" &&
    compare -metric RMSE "$OUT/rmse-a.png" "$OUT/rmse-b.png" null: 2>&1 | sed -E 's/.*\(([0-9.e+-]+)\).*/\1/'
}

if shot native-bts assets/demo/bts.json --locale en; then
  n=$(colours "$OUT/native-bts.png")
  check "native screenshot of the BTS demo is not blank ($n colours)" test "$n" -ge 50
  if [ -f "$REF/bts-1280x720.png" ]; then
    e=$(rmse "$OUT/native-bts.png" "$REF/bts-1280x720.png")
    check "BTS screenshot matches the reference loosely (RMSE $e <= 0.03)" awk -v e="$e" 'BEGIN{exit !(e <= 0.03)}'
  else
    bad "reference image $REF/bts-1280x720.png exists"
  fi
else
  bad "screenshot of the BTS demo" "$(tail -5 "$OUT/native-bts.log")"
fi

if shot native-bts-dark assets/demo/bts.json --theme dark --select billions-club --window 2021-05-01 2021-09-30; then
  n=$(colours "$OUT/native-bts-dark.png")
  check "dark theme, selection and window options render ($n colours)" test "$n" -ge 50
else
  bad "screenshot with --theme dark --select --window" "$(tail -5 "$OUT/native-bts-dark.log")"
fi

# --- locales (ICU) and time zones
if shot native-ko assets/demo/bts.json --locale ko --window 2020-08-01 2020-12-31 --time-zone Asia/Seoul; then
  check "Korean locale and a named zone render ($(colours "$OUT/native-ko.png") colours)" test "$(colours "$OUT/native-ko.png")" -ge 50
else
  bad "screenshot with --locale ko --time-zone Asia/Seoul" "$(tail -5 "$OUT/native-ko.log")"
fi
"$APP" assets/demo/bts.json --locale zz-bogus --screenshot "$OUT/never.png" >"$OUT/locale-bad.log" 2>&1; s=$?
check "--locale without ICU data exits 2 and says why, before a window" \
  bash -c "[ $s = 2 ] && grep -q \"no locale data for 'zz-bogus'\" '$OUT/locale-bad.log' && [ ! -e '$OUT/never.png' ]"
"$APP" assets/demo/bts.json --time-zone Mars/Olympus_Mons --screenshot "$OUT/never.png" >"$OUT/zone-bad.log" 2>&1; s=$?
check "--time-zone with an unknown zone exits 2 and says why" \
  bash -c "[ $s = 2 ] && grep -q \"unknown time zone 'Mars/Olympus_Mons'\" '$OUT/zone-bad.log'"

if shot native-deeptime assets/demo/deeptime.json; then
  check "deep-time screenshot renders" test "$(colours "$OUT/native-deeptime.png")" -ge 50
else
  bad "screenshot of the deep-time demo" "$(tail -5 "$OUT/native-deeptime.log")"
fi

if shot native-deeptime-log assets/demo/deeptime.json --scale log; then
  check "--scale log renders the deep-time demo" test "$(colours "$OUT/native-deeptime-log.png")" -ge 50
  e=$(rmse "$OUT/native-deeptime-log.png" "$OUT/native-deeptime.png")
  check "--scale log draws another axis than linear (RMSE $e > 0.01)" awk -v e="$e" 'BEGIN{exit !(e > 0.01)}'
else
  bad "screenshot of the deep-time demo with --scale log" "$(tail -5 "$OUT/native-deeptime-log.log")"
fi
# --rtl: time runs from right to left. The BTS demo opens on its title card, at the right of the plot left to right
# and at its left right to left (the plot is 920 px wide either way): the right-to-left plot, flopped, is close to
# the left-to-right one (its marks, bars and lines; its text reads the right way, so not equal), much closer than
# the two as they are.
if shot native-bts-rtl assets/demo/bts.json --rtl; then
  f="$OUT/native-bts-rtl.png"
  check "--rtl renders the BTS demo ($(colours "$f") colours)" test "$(colours "$f")" -ge 50
  convert "$OUT/native-bts.png" -crop 920x670+0+50 +repage "$OUT/rtl-ltr-plot.png"
  convert "$f" -crop 920x670+360+50 +repage "$OUT/rtl-plot.png"
  convert "$OUT/rtl-plot.png" -flop "$OUT/rtl-plot-flop.png"
  mirrored=$(rmse "$OUT/rtl-plot-flop.png" "$OUT/rtl-ltr-plot.png") as_is=$(rmse "$OUT/rtl-plot.png" "$OUT/rtl-ltr-plot.png")
  check "--rtl mirrors the plot (flopped RMSE $mirrored < half of $as_is unflopped)" \
    awk -v m="$mirrored" -v a="$as_is" 'BEGIN{exit !(m < a * 0.5)}'
else
  bad "screenshot of the BTS demo with --rtl" "$(tail -5 "$OUT/native-bts-rtl.log")"
fi
"$APP" assets/demo/deeptime.json --scale sideways >/dev/null 2>"$OUT/scale-bad.log"; rc=$?
check "--scale other than linear or log exits 2 and says so" test $rc = 2 -a -n "$(grep -F -e '--scale is linear or log' "$OUT/scale-bad.log")"
# --- pictures: a local PNG decoded and drawn in the details panel, relative to the data file; a missing one leaves
# the placeholder (the panel is the right 360 px of a 1280 px window)
mkdir -p "$OUT/pictures/media"
convert -size 120x90 'xc:rgb(0,200,80)' "$OUT/pictures/media/green.png"
printf '{"events": [\n  {"id": "pic", "start": "2020-01-01", "end": "2020-05-01", "title": "Green", "media": {"url": "media/green.png", "credit": "test"}},\n  {"id": "gone", "start": "2020-09-01", "title": "Gone", "media": {"url": "media/gone.png", "credit": "test"}}\n]}\n' \
  > "$OUT/pictures/story.json"
green() {  # pixels of the test picture's green in the details panel of screenshot $1
  convert "$1" -crop 340x640+930+60 +repage -fuzz 4% -fill black +opaque 'rgb(0,200,80)' -fill white -opaque 'rgb(0,200,80)' \
    -format '%[fx:int(mean*w*h+0.5)]' info: 2>/dev/null || echo 0
}
if shot native-picture "$OUT/pictures/story.json" --select pic; then
  g=$(green "$OUT/native-picture.png")
  check "a local PNG is drawn in the details panel ($g green pixels)" test "$g" -ge 20000
else
  bad "screenshot with a picture" "$(tail -5 "$OUT/native-picture.log")"
fi
# an SVG picture is drawn (NanoSVG); one with text is not (NanoSVG leaves text out), it shows the placeholder
printf '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="90"><rect width="120" height="90" fill="rgb(0,200,80)"/></svg>\n' \
  > "$OUT/pictures/media/green.svg"
printf '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="90"><rect width="120" height="90" fill="rgb(0,200,80)"/><text x="9" y="50">A label</text></svg>\n' \
  > "$OUT/pictures/media/label.svg"
printf '{"events": [\n  {"id": "svg", "start": "2020-01-01", "title": "Green", "media": {"url": "media/green.svg"}},\n  {"id": "label", "start": "2020-09-01", "title": "Label", "media": {"url": "media/label.svg"}}\n]}\n' \
  > "$OUT/pictures/svg.json"
if shot native-svg "$OUT/pictures/svg.json" --select svg && shot native-svg-text "$OUT/pictures/svg.json" --select label; then
  g=$(green "$OUT/native-svg.png") t=$(green "$OUT/native-svg-text.png")
  check "an SVG picture is drawn in the details panel ($g green pixels)" test "$g" -ge 20000
  check "an SVG picture with text is not drawn without it ($t green pixels)" test "$t" -lt 100
else
  bad "screenshots with SVG pictures" "$(tail -5 "$OUT/native-svg.log")"
fi
if shot native-picture-gone "$OUT/pictures/story.json" --select gone; then
  f="$OUT/native-picture-gone.png"
  g=$(green "$f")
  # the placeholder: a flat box in the panel, of another colour than the panel's
  box=$(convert "$f" -format '%[pixel:p{1000,230}]' info:) panel=$(convert "$f" -format '%[pixel:p{1000,690}]' info:)
  n=$(convert "$f" -crop 340x640+930+60 +repage -fill black +opaque "$box" -fill white -opaque "$box" \
        -format '%[fx:int(mean*w*h+0.5)]' info: 2>/dev/null || echo 0)
  check "a missing picture leaves its placeholder ($n pixels of $box; panel $panel), not the picture ($g green)" \
    test "$g" -lt 100 -a "$n" -ge 30000 -a "$box" != "$panel"
else
  bad "screenshot with a missing picture" "$(tail -5 "$OUT/native-picture-gone.log")"
fi

"${XVFB[@]}" "$APP" "$OUT/bad-day.json" --screenshot "$OUT/never.png" >"$OUT/bad-shot.log" 2>&1; rc=$?
check "--screenshot of a bad file exits 1 with the error" test $rc = 1 -a -n "$(grep -E 'bad-day.json:4:15: error' "$OUT/bad-shot.log")"

# a font file that is not a font (say, a server's HTML error page) is skipped, not fed to the rasteriser
mkdir -p "$OUT/badfonts"
echo '<html>not a font</html>' > "$OUT/badfonts/NanumGothic.ttf"
CHRONOSCOPE_FONT_DIR="$OUT/badfonts" "${XVFB[@]}" "$APP" assets/demo/bts.json --screenshot "$OUT/native-badfont.png" \
  --size 640x400 >"$OUT/badfont.log" 2>&1; rc=$?
check "a corrupt CJK font file is skipped (exit $rc, frame drawn)" test $rc = 0 -a "$(colours "$OUT/native-badfont.png")" -ge 50

# --- live reload: a bad save keeps the old data and reports the error, a good one is put on screen; the app quits
# cleanly on SIGTERM
live="$OUT/live.json"
cp assets/demo/bts.json "$live"
"${XVFB[@]}" "$APP" "$live" >"$OUT/live.log" 2>&1 &
pid=$!
sleep 3
check "the first load runs on a thread and is put on screen" grep -q "live.json: loaded, $(node -e 'console.log(require("./assets/demo/bts.json").events.length)') events" "$OUT/live.log"
printf '{ "events": [ {"start": "2020", "title": "x"}, ]\n' > "$live"
sleep 2
alive=0; kill -0 $pid 2>/dev/null && alive=1
check "a bad reload keeps the app running" test $alive = 1
check "a bad reload reports FILE:LINE:COL" grep -qE 'live.json:1:[0-9]+: error' "$OUT/live.log"
printf '{ "events": [ {"start": "2020", "title": "x"}, {"start": "2021", "title": "y"} ] }\n' > "$live"
sleep 2
check "a good save after it is reloaded (on a thread) and put on screen" grep -q 'live.json: reloaded, 2 events' "$OUT/live.log"
# xvfb-run's child is the app: signal the app itself so SDL turns SIGTERM into a clean quit
app_pid=$(pgrep -P "$pid" -f "$APP $live" | head -1)
kill -TERM "${app_pid:-$pid}" 2>/dev/null
wait $pid; rc=$?
check "the app quits cleanly on SIGTERM (exit $rc)" test $rc = 0

# --- an idle window draws nothing and waits for input: it must not keep a core busy (it kept 1.5 cores busy
# when every frame was drawn and swapped)
idle_json="$OUT/idle.json"
cp assets/demo/bts.json "$idle_json"
"${XVFB[@]}" "$APP" "$idle_json" >"$OUT/idle.log" 2>&1 &
xpid=$!
sleep 3
app_pid=$(pgrep -P "$xpid" -f "$APP $idle_json" | head -1)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
t0=$(ticks "$app_pid"); sleep 2; t1=$(ticks "$app_pid")
hz=$(getconf CLK_TCK)
pct=$(( (t1 - t0) * 100 / (2 * hz) ))
check "an idle window uses ${pct}% of a core (at most 30%)" test -n "$app_pid" -a "$pct" -le 30
kill -TERM "${app_pid:-$xpid}" 2>/dev/null
wait $xpid

# --- the window and streams: a load that waits for a pipe's or a FIFO's data never holds up a quit, nor spins
events=${summary%% events*}
# run_app LOG ARGS...: the app under Xvfb in the background, its standard input this shell's; $xpid: xvfb-run's pid,
# $apid: the app's, once its window is up (its load thread or the GL driver's threads run)
run_app() {
  local log=$1; shift
  "${XVFB[@]}" "$APP" "$@" <&0 >"$OUT/$log.log" 2>&1 &
  xpid=$! apid=
  for _ in $(seq 100); do
    # (xvfb-run's own child: another run of these tests on the machine has apps of the same command line)
    [ -z "$apid" ] && apid=$(pgrep -P "$xpid" -x -f "$APP $*" | head -1)
    [ -n "$apid" ] && [ "$(awk '/^Threads:/ { print $2 }' "/proc/$apid/status" 2>/dev/null || echo 0)" -gt 1 ] && break
    sleep 0.1
  done
  sleep 0.5
}
# term_app SECS: SIGTERM to the app, then SECS seconds at most for it to end; $rc: its status (124 when it had to be
# killed), $took: how long it took
term_app() {
  local t0=$EPOCHREALTIME
  kill -TERM "${apid:-$xpid}" 2>/dev/null
  while kill -0 "${apid:-$xpid}" 2>/dev/null; do
    if awk -v t="$(since "$t0")" -v l="$1" 'BEGIN { exit !(t >= l) }'; then
      kill -KILL "${apid:-$xpid}" 2>/dev/null
      break
    fi
    sleep 0.05
  done
  took=$(since "$t0")
  wait "$xpid"; rc=$?
  awk -v t="$took" -v l="$1" 'BEGIN { exit !(t >= l) }' && rc=124
}
cpu() { local t0 t1; t0=$(ticks "$1"); sleep 2; t1=$(ticks "$1"); echo $(( (t1 - t0) * 100 / (2 * hz) )); }
waitlog() { for _ in $(seq 100); do grep -q "$2" "$OUT/$1.log" && return 0; sleep 0.1; done; return 1; }  # LOG PATTERN

newfifo
run_app fifo-window "$fifo"
pct=$(cpu "$apid")
term_app 5
check "a window on a FIFO without a writer idles (${pct}% of a core) and quits on SIGTERM (exit $rc in ${took}s)" \
  test -n "$apid" -a "$pct" -le 30 -a $rc = 0

newfifo
(sleep 2; exec cat "$good" > "$fifo") & w=$!
run_app fifo-writer "$fifo"
waitlog fifo-writer "loaded"
check "a window on a FIFO loads what a writer writes" grep -qx "$fifo: loaded, $events events" "$OUT/fifo-writer.log"
term_app 5
kill $w 2>/dev/null; wait $w 2>/dev/null

run_app stdin-window - < <(cat "$good")
waitlog stdin-window "loaded"
term_app 5
check "a window reads standard input (- < <(cat FILE)) and quits on SIGTERM (exit $rc in ${took}s)" \
  test $rc = 0 -a "$(cat "$OUT/stdin-window.log")" = "-: loaded, $events events"

exec 7< <(sleep 60); sp=$!
run_app slow-pipe /dev/fd/7
term_app 5
check "a window on a pipe whose data is late waits for it and quits on SIGTERM (exit $rc in ${took}s)" \
  test $rc = 0 -a ! -s "$OUT/slow-pipe.log"
exec 7<&-; kill $sp 2>/dev/null

newfifo
run_app fifo-shot "$fifo" --screenshot "$OUT/never-fifo.png" --size 640x400
term_app 5
check "--screenshot of a FIFO without a writer ends on SIGTERM (exit $rc in ${took}s)" test $rc = 1 -a \
  ! -e "$OUT/never-fifo.png" -a "$(cat "$OUT/fifo-shot.log")" = "chronoscope: error: quit before $fifo was read"

# A watched file replaced by a FIFO: the watcher reads it once (a writer's data is put on screen), a further change
# of the path cancels a read that waits for a writer, and a quit ends one at once.
watched="$OUT/watched.json"
cp "$good" "$watched"
run_app watched "$watched"
waitlog watched "loaded"
rm -f "$watched" && mkfifo "$watched"
sleep 1.5
(printf '{ "events": [ {"start": "2020", "title": "x"}, {"start": "2021", "title": "y"} ] }\n' > "$watched") & w=$!
waitlog watched "reloaded, 2 events"
check "a watched file replaced by a FIFO: a writer's data is read and put on screen" grep -qx "$watched: reloaded, 2 events" "$OUT/watched.log"
kill $w 2>/dev/null; wait $w 2>/dev/null
rm -f "$watched" && mkfifo "$watched"
sleep 1.5
printf '{ "events": [ {"start": "2020"}, {"start": "2021"}, {"start": "2022"} ] }\n' > "$watched.tmp"
mv "$watched.tmp" "$watched"
waitlog watched "reloaded, 3 events"
check "... a file put in the FIFO's place while its read waits is loaded" grep -qx "$watched: reloaded, 3 events" "$OUT/watched.log"
rm -f "$watched" && mkfifo "$watched"
sleep 1.5
pct=$(cpu "$apid")
term_app 5
check "... a read that waits for a writer idles (${pct}% of a core) and SIGTERM ends it (exit $rc in ${took}s)" \
  test -n "$apid" -a "$pct" -le 30 -a $rc = 0
sed 's/^/     /' "$OUT/watched.log"
rm -f "$watched" "$fifo"

# --- every script: the native text rasteriser (HarfBuzz, FriBidi, FreeType, Noto) has a glyph for every character of
# the scripts file, and shapes widths the browser's own measureText agrees with (the same font files)
TEXT="$BUILD/chronoscope-text"
out=$("$TEXT" missing tests/native/scripts.json 2>&1); rc=$?
echo "$out" | sed 's/^/     /'
check "the scripts file has no character the native fonts lack" test $rc = 0 -a \
  "$out" = "tests/native/scripts.json: 0 characters no font has"
printf '{"events": [{"start": "2020", "title": "a \xf4\x8f\xbf\xbd b"}]}\n' > "$OUT/missing-glyph.json"  # U+10FFFD
out=$("$TEXT" missing "$OUT/missing-glyph.json" 2>&1)
check "... and counts a character no font has" test "$(echo "$out" | head -1)" = "$OUT/missing-glyph.json: 1 characters no font has"
# the app draws the scripts file's text through its run cache: no character without a glyph (the screenshot warns
# of any), and the text is drawn
if shot native-scripts tests/native/scripts.json; then
  check "the scripts file renders with no missing glyph ($(colours "$OUT/native-scripts.png") colours)" test \
    "$(colours "$OUT/native-scripts.png")" -ge 50 -a -z "$(grep -F 'have no glyph' "$OUT/native-scripts.log")"
else
  bad "screenshot of the scripts file" "$(tail -5 "$OUT/native-scripts.log")"
fi
shot native-missing-glyph "$OUT/missing-glyph.json"
check "... and a screenshot with a character no font has says so" \
  grep -qx 'chronoscope: warning: 1 characters of the text have no glyph in the fonts' "$OUT/native-missing-glyph.log"
out=$(timeout -k 2 120 node tests/native/text_widths.mjs "$BUILD" "$OUT" 2>&1); rc=$?
echo "$out" | sed 's/^/     /'
check "shaped widths agree with Chromium's measureText within 3 % ($(echo "$out" | tail -1 | grep -oE '^text widths: [0-9]+ of [0-9]+'))" test $rc = 0

# --- a C++ host with its own Dear ImGui adds the widget with add_subdirectory: two timelines in one ImGui window,
# each zooming and selecting on its own (examples/imgui_host)
EX_BUILD="$BUILD-example"
IMGUI=${CS_IMGUI_DIR:-.deps/imgui-1.90.1}
if cmake -S examples/imgui_host -B "$EX_BUILD" -DIMGUI_DIR="$(cd "$IMGUI" && pwd)" -DCMAKE_BUILD_TYPE=Release >"$OUT/example-build.log" 2>&1 &&
   cmake --build "$EX_BUILD" -j"${CS_JOBS:-$(nproc)}" >>"$OUT/example-build.log" 2>&1; then
  ok "examples/imgui_host builds against its own ImGui target (add_subdirectory)"
  check "the example's build made no app, tests or benchmarks" test ! -e "$EX_BUILD/chronoscope/chronoscope" -a \
    ! -e "$EX_BUILD/chronoscope/cs_tests" -a ! -e "$EX_BUILD/chronoscope/cs_bench"
  # Under a 1280x720 screen the window fills it: the left timeline is the left half, the right one the right half.
  cat >"$OUT/example-drive.sh" <<EOS
"$EX_BUILD/imgui_host" >"$OUT/example.log" 2>&1 &
pid=\$!
for i in \$(seq 50); do grep -q '^right: window' "$OUT/example.log" 2>/dev/null && break; sleep 0.2; done
sleep 0.5
import -window root "$OUT/example-before.png"
xdotool mousemove 320 400; sleep 0.3; xdotool key Right; sleep 1
xdotool mousemove 960 400; sleep 0.3; xdotool click 4; sleep 0.2; xdotool click 4; sleep 1.5
import -window root "$OUT/example-host.png"
kill \$pid; wait \$pid
EOS
  "${XVFB[@]/1920x1200x24/1280x720x24}" bash "$OUT/example-drive.sh" >"$OUT/example-drive.log" 2>&1
  sed 's/^/     /' "$OUT/example.log"
  span() {  # span SIDE N: the Nth "SIDE: window" line's text
    grep "^$1: window" "$OUT/example.log" | sed -n "${2}p" | sed "s/^$1: window //"
  }
  check "both timelines report their window" test -n "$(span left 1)" -a -n "$(span right 1)"
  check "a key over the left timeline selects an event there, and only there" \
    test "$(grep -c '^left: selected' "$OUT/example.log")" = 1 -a "$(grep -c '^right: selected' "$OUT/example.log")" = 0
  # (the key flies the left timeline to the event it selects; from the wheel on, only the right one moves)
  left_still() { awk '/^right: window/ { if (++r == 2) w = 1; next } w && /^left: window/ { moved = 1 } END { exit moved }' "$OUT/example.log"; }
  check "the wheel over the right timeline zooms it, and only it" \
    test -n "$(span right 2)" -a "$(span right 2)" != "$(span right 1)"
  check "the wheel over the right timeline leaves the left one where it was" left_still
  if [ -f "$OUT/example-host.png" ]; then
    convert "$OUT/example-host.png" -crop 640x600+0+60 +repage "$OUT/example-left.png"
    convert "$OUT/example-host.png" -crop 640x600+640+60 +repage "$OUT/example-right.png"
    check "the left timeline is drawn ($(colours "$OUT/example-left.png") colours)" test "$(colours "$OUT/example-left.png")" -ge 50
    check "the right timeline is drawn ($(colours "$OUT/example-right.png") colours)" test "$(colours "$OUT/example-right.png")" -ge 50
    convert "$OUT/example-before.png" -crop 640x600+0+60 +repage "$OUT/example-left-before.png"
    d=$(compare -metric AE "$OUT/example-left-before.png" "$OUT/example-left.png" null: 2>&1 | sed 's/ .*//')
    check "the left timeline's selection shows (its details panel: $d pixels changed)" test "${d%.*}" -ge 20000
  else
    bad "screenshot of the example" "$(tail -5 "$OUT/example-drive.log")"
  fi
else
  bad "examples/imgui_host builds" "$(tail -20 "$OUT/example-build.log")"
fi

# --- a tiled timeline (`chronoscope pack`) opened from its directory: the same marks and counts as the file it was
# packed from, at fit-all (coarse tiles: cluster counts summed from proxies) and zoomed to one day (leaf tiles)
GEN="$BUILD/chronoscope-gen"
tiles="$OUT/tiles-20k"
rm -rf "$tiles" "$OUT/tiles-20k.json"
if "$GEN" 20000 "$OUT/tiles-20k.json" --seed 5 >/dev/null && "$APP" pack "$OUT/tiles-20k.json" "$tiles/" >"$OUT/pack.log" 2>&1 &&
   [ -f "$tiles/manifest.json" ]; then
  ok "chronoscope pack writes a tiled timeline"
  day=(--window 1747-10-25T00:00:00Z 1747-10-26T00:00:00Z)
  for v in fit day; do
    args=(); [ $v = day ] && args=("${day[@]}")
    if shot "native-tiles-$v" "$tiles/" "${args[@]}" && shot "native-whole-$v" "$OUT/tiles-20k.json" "${args[@]}"; then
      e=$(rmse "$OUT/native-tiles-$v.png" "$OUT/native-whole-$v.png")
      lim=0.01; [ $v = fit ] && lim=0.1   # (fit-all: the same counts; clusters break at other columns)
      check "tiled view ($v) matches the whole file (RMSE $e <= $lim; $(colours "$OUT/native-tiles-$v.png") colours)" \
        awk -v e="$e" -v l=$lim 'BEGIN{exit !(e <= l)}'
      check "tiled screenshot ($v) waited for its tiles" bash -c "! grep -q 'did not all come' '$OUT/native-tiles-$v.log'"
    else
      bad "screenshots of the tiled set ($v)" "$(tail -5 "$OUT/native-tiles-$v.log" "$OUT/native-whole-$v.log")"
    fi
  done
else
  bad "chronoscope pack writes a tiled timeline" "$(tail -5 "$OUT/pack.log")"
fi

echo "native: $passed passed, $failed failed"
[ $failed = 0 ]
