// Dense-view benchmark: Chronoscope's release wasm build and vis-timeline, each in a fresh headless Chromium
// (software WebGL: SwiftShader, as tests/browser), on data this benchmark makes itself (dense_data.mjs: a base
// shape and variants of it). A benchmark that prints figures, not a test: it asserts nothing.
//
//   node tests/bench/dense_bench.mjs [--site build-wasm/site] [--sizes 10000,100000,1000000] [--shapes base,clustered]
//        [--vis-sizes 10000,100000 (0: none)] [--vis-shapes base] [--json out.json] [--trace] [--perf] [--no-floor]
//        [--viewport 1280x720] [--headful] [--gpu swiftshader|default] [--browser-args '--switch ...'] [--floor-split]
//
// Per library, shape and N:
//   first frame   navigation to the first frame showing the whole data set (Chronoscope: timelineReady; vis: its
//                 first 'changed' event after the items were set, then one animation frame)
//   frame p95     the 95th percentile of requestAnimationFrame intervals during a scripted interaction: 20 wheel
//                 steps in and 20 out at the middle of the plot, 30 ms apart, then a 2-second drag back and forth
//   CPU / frame   the CPU time (from /proc: all threads, user + system) the browser's GPU process and the page's
//                 renderer process spent during that interaction, per animation frame: the work a frame costs, which
//                 unlike the intervals does not grow when other programs load the machine (Linux only)
//   wheel p95     per wheel event of that interaction, from the event's timestamp to the start of the second
//                 animation frame after it (the first one draws what the wheel did; the second starts once that
//                 frame is out): the delay a user sees between turning the wheel and the picture moving
// vis-timeline (npm vis-timeline + vis-data, its standalone build) is installed on first use into
// $XDG_CACHE_HOME/chronoscope-bench/vis (not part of the repository); it runs only at --vis-sizes (a million items
// takes it minutes). Ratios are Chronoscope / vis.
// --trace: also records a Chromium trace of each interaction and prints where its time went: per process, the
// busy time of its threads (top-level tasks), the costliest kinds of task in the GPU process, and how many frames
// the display compositor drew and swapped meanwhile (Display::DrawAndSwap): the frames actually presented, which a
// page's animation-frame count overstates when the browser drops some of its frames (an OffscreenCanvas does).
// --perf: also samples the GPU process with Linux perf (`perf record`, where the machine allows it) during each
// interaction and prints its CPU time by thread and shared object (SwiftShader's library, the code it compiles at
// run time as [JIT], the C library's copies, the kernel...): where presenting and drawing go.
// --viewport WxH: the window's size (1280x720), for the floor as for the pages.
// --headful: a windowed Chromium (what desktop users run; needs an X display, e.g. under
// `xvfb-run -a -s '-screen 0 1920x1080x24'`) instead of a headless one: each frame is then also put on the window.
// --floor-split: also puts two pages that split the floor through the interaction (floor_page.mjs): a plain element
// as large as the window recoloured every frame (the compositor's own frame: no WebGL) and a small WebGL canvas
// (320x180) cleared every frame (a canvas's cost apart from its area on screen).
// --gpu default: Chromium without the switches that put its display compositor on SwiftShader too (harness.mjs
// launch): what it does by itself on a machine without a GPU (WebGL on SwiftShader, the compositor in software).
// --browser-args: more Chromium switches for every browser of the run (e.g. '--disable-gpu-compositing' to see what
// the display compositor's share of a frame is). A measurement mode only: what users get is the default.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, launch, warmUp, timeInteraction, quantile as q } from '../browser/harness.mjs';
import { SHAPES, writeDense } from './dense_data.mjs';
import { processCpu, cpuDelta, perfStart, perfEnd } from './proc_cpu.mjs';
import { writeFloorPage, FLOOR_PAGE, FLOOR_DOM_PAGE, FLOOR_SMALL_PAGE } from './floor_page.mjs';

const arg = (name, def) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : def; };
const list = (s) => (s ? s.split(',').filter(Boolean) : []);
const site = path.resolve(arg('--site', 'build-wasm/site'));
const sizes = list(arg('--sizes', '10000,100000,1000000')).map(Number);
const shapes = list(arg('--shapes', Object.keys(SHAPES).join(',')));
const visSizes = list(arg('--vis-sizes', '10000,100000')).map(Number).filter((n) => n > 0);   // (0: no vis-timeline)
const visShapes = list(arg('--vis-shapes', 'base'));
const jsonOut = arg('--json', '');
const trace = process.argv.includes('--trace');
const perf = process.argv.includes('--perf');
const headful = process.argv.includes('--headful');
if (headful && !process.env.DISPLAY) throw new Error("--headful needs an X display: run under xvfb-run -a -s '-screen 0 1920x1080x24'");
const browserArgs = arg('--browser-args', '').split(' ').filter(Boolean);
const gpu = arg('--gpu', 'swiftshader');
const viewport = (() => { const m = /^(\d+)x(\d+)$/.exec(arg('--viewport', '1280x720')); return { width: Number(m[1]), height: Number(m[2]) }; })();
for (const s of [...shapes, ...visShapes]) if (!SHAPES[s]) throw new Error(`unknown shape ${s} (${Object.keys(SHAPES).join(', ')})`);

// vis-timeline, fetched from npm into a cache on first use
const VIS_VERSION = '8.5.4', VIS_DATA_VERSION = '8.0.6';
const cache = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'chronoscope-bench', 'vis');
const visDir = path.join(cache, 'node_modules', 'vis-timeline');
const wantVis = visShapes.length > 0 && visSizes.length > 0;
if (wantVis && !fs.existsSync(path.join(visDir, 'standalone', 'umd', 'vis-timeline-graph2d.min.cjs'))) {
  fs.mkdirSync(cache, { recursive: true });
  if (!fs.existsSync(path.join(cache, 'package.json'))) fs.writeFileSync(path.join(cache, 'package.json'), '{"private": true}\n');
  console.log(`installing vis-timeline@${VIS_VERSION} vis-data@${VIS_DATA_VERSION} into ${cache}`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', `vis-timeline@${VIS_VERSION}`, `vis-data@${VIS_DATA_VERSION}`],
               { cwd: cache, stdio: 'inherit' });
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-dense-'));
if (wantVis) {
  fs.copyFileSync(path.join(visDir, 'standalone', 'umd', 'vis-timeline-graph2d.min.cjs'), path.join(dataDir, 'vis-timeline.js'));
  fs.copyFileSync(path.join(visDir, 'styles', 'vis-timeline-graph2d.min.css'), path.join(dataDir, 'vis-timeline.css'));
  // vis-timeline on our JSON: groups as groups, events as items (a range where there is an end), its defaults
  // otherwise (stacking on), in a page the size of Chronoscope's demo
  fs.writeFileSync(path.join(dataDir, 'vis.html'), `<!doctype html><meta charset="utf-8">
<link rel="stylesheet" href="vis-timeline.css">
<style>html, body { margin: 0; height: 100%; } #tl { height: 100vh; }</style>
<div id="tl"></div>
<script src="vis-timeline.js"></script>
<script>
  window.timelineReady = (async () => {
    const src = new URLSearchParams(location.search).get('src');
    const d = await (await fetch(src)).json();
    const groups = new vis.DataSet(d.groups.map((g) => ({ id: g.id, content: g.label })));
    const items = new vis.DataSet(d.events.map((e, i) => (e.end ? { id: i, group: e.group, content: e.title, start: e.start, end: e.end, type: 'range' }
                                                                 : { id: i, group: e.group, content: e.title, start: e.start, type: 'point' })));
    const el = document.getElementById('tl');
    const changed = new Promise((resolve) => { window.visChanged = resolve; });
    window.visTimeline = new vis.Timeline(el, items, groups, { height: '100%' });
    window.visTimeline.once('changed', () => window.visChanged());
    await changed;
    await new Promise((r) => requestAnimationFrame(() => r()));
  })();
</script>
`);
}

writeFloorPage(dataDir);   // the bare canvas: what presenting frames costs, with none of our work
const server = await serve([site, dataDir]);
const base = `http://127.0.0.1:${server.address().port}`;

async function measure(lib, file) {
  const context = await launch(browserArgs, { viewport, headless: !headful, gpu });
  await warmUp(context, base);
  const page = await context.newPage();
  page.setDefaultTimeout(600000);
  const floorPages = { floor: FLOOR_PAGE, 'floor-dom': FLOOR_DOM_PAGE, 'floor-small': FLOOR_SMALL_PAGE };
  await page.goto(lib === 'vis' ? `${base}/vis.html?src=${file}` : floorPages[lib] ? `${base}/${floorPages[lib]}` : `${base}/index.html?src=${file}`);
  const firstFrame = await page.evaluate(() => window.timelineReady.then(() => performance.now()));
  const box = lib === 'floor-small' || lib === 'floor-dom' ? { x: 0, y: 0, ...viewport }
                                                           : await page.locator(lib === 'vis' ? '#tl .vis-center' : 'canvas').first().boundingBox();
  const cx = box.x + box.width / 2, cy = box.y + Math.min(box.height / 2, 300);
  await page.mouse.move(cx, cy);
  await page.waitForTimeout(300);
  const cdp = trace ? await context.newCDPSession(page) : null;
  if (cdp) await cdp.send('Tracing.start', { categories: 'toplevel,gpu,viz,cc,disabled-by-default-devtools.timeline', transferMode: 'ReturnAsStream' });
  const tStart = Date.now();
  const sampler = perf ? await perfStart(dataDir) : null;
  const cpu0 = processCpu();
  const { intervals: iv, wheel: w } = await timeInteraction(page, { x: cx, y: cy, width: box.width, after: 200 });
  const cpu = cpuDelta(cpu0, processCpu());
  const perfTop = sampler ? await perfEnd(sampler, iv.length) : null;
  const busy = cdp ? await endTrace(cdp, (Date.now() - tStart) / 1000) : null;
  await page.close();
  await context.close();
  const perFrame = (k) => (cpu[k] === undefined ? undefined : (cpu[k] * 1000) / Math.max(1, iv.length));
  return { firstFrame, p95: q(iv, 0.95), median: q(iv, 0.5), frames: iv.length, wheelP95: q(w, 0.95), wheels: w.length,
           gpuMs: perFrame('gpu-process'), pageMs: perFrame('renderer'), busy, perfTop };
}

// Ends a trace and sums it up: per process, the seconds its threads spent in top-level tasks, and the GPU
// process's costliest events by name (total ms; nested events counted in their own names too).
async function endTrace(cdp, seconds) {
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  const { stream } = await done;
  let text = '';
  for (;;) {
    const r = await cdp.send('IO.read', { handle: stream, size: 1 << 20 });
    text += r.base64Encoded ? Buffer.from(r.data, 'base64').toString() : r.data;
    if (r.eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  const events = JSON.parse(text).traceEvents || JSON.parse(text);
  const names = {};
  for (const e of events) if (e.ph === 'M' && e.name === 'process_name') names[e.pid] = e.args.name;
  const perProc = {}, gpuNames = {};
  let presents = 0;
  for (const e of events) {
    if (e.ph !== 'X' || !e.dur) continue;
    const proc = names[e.pid] || String(e.pid);
    if (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'ThreadPool_RunTask' || e.name === 'RunTask')
      perProc[proc] = (perProc[proc] || 0) + e.dur / 1e6;
    if (/GPU/i.test(proc)) gpuNames[e.name] = (gpuNames[e.name] || 0) + e.dur / 1e3;
    if (/GPU/i.test(proc) && e.name === 'Display::DrawAndSwap') presents++;
  }
  const top = Object.entries(gpuNames).sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k} ${v.toFixed(0)}`);
  return { seconds, perProc, top, presents };
}

const rows = [];
const fmtMs = (v) => (v === undefined || Number.isNaN(v) ? '' : v >= 10000 ? (v / 1000).toFixed(1) + ' s' : v.toFixed(v < 100 ? 1 : 0));
const ratio = (a, b) => (a === undefined || b === undefined || !b ? '' : (a / b).toFixed(2));
const floor = process.argv.includes('--no-floor') ? null : await measure('floor', '');
if (floor) console.log(`browser floor (a bare canvas cleared every frame): p95 ${fmtMs(floor.p95)} wheel ${fmtMs(floor.wheelP95)} ` +
                       `(${floor.frames} frames, CPU/frame GPU ${fmtMs(floor.gpuMs)} page ${fmtMs(floor.pageMs)})`);
if (floor && floor.perfTop) console.log(`  floor GPU process, ms per frame by thread and library: ${floor.perfTop.join(', ')}`);
if (floor && floor.busy) console.log(`  floor trace over ${floor.busy.seconds.toFixed(1)} s: ${floor.busy.presents} frames presented`);
const split = [];
if (process.argv.includes('--floor-split')) {
  for (const [lib, what] of [['floor-dom', 'a plain element as large as the window recoloured every frame'],
                             ['floor-small', 'a 320x180 WebGL canvas cleared every frame']]) {
    const m = await measure(lib, '');
    split.push([lib, m]);
    console.log(`${lib} (${what}): p95 ${fmtMs(m.p95)} (${m.frames} frames, CPU/frame GPU ${fmtMs(m.gpuMs)} page ${fmtMs(m.pageMs)})` +
                (m.busy ? `, ${m.busy.presents} frames presented over ${m.busy.seconds.toFixed(1)} s` : ''));
    if (m.perfTop) console.log(`  ${lib} GPU process, ms per frame by thread and library: ${m.perfTop.join(', ')}`);
  }
}
for (const shape of shapes) {
  const ns = [...new Set([...sizes, ...(visShapes.includes(shape) ? visSizes : [])])].sort((a, b) => a - b);
  for (const n of ns) {
    const file = `dense-${shape}-${n}.json`;
    writeDense(path.join(dataDir, file), n, SHAPES[shape], 1);
    const row = { shape, n };
    if (sizes.includes(n)) row.cs = await measure('cs', file);
    if (wantVis && visShapes.includes(shape) && visSizes.includes(n)) row.vis = await measure('vis', file);
    fs.rmSync(path.join(dataDir, file));
    rows.push(row);
    const c = row.cs || {}, v = row.vis || {};
    const cpuText = (m) => (m.gpuMs === undefined ? '' : `, CPU/frame GPU ${fmtMs(m.gpuMs)} page ${fmtMs(m.pageMs)}`);
    console.log(`${shape} ${n}: cs first ${fmtMs(c.firstFrame)} p95 ${fmtMs(c.p95)} wheel ${fmtMs(c.wheelP95)} (${c.frames} frames, ${c.wheels} wheels${cpuText(c)})` +
                (row.vis ? ` | vis first ${fmtMs(v.firstFrame)} p95 ${fmtMs(v.p95)} wheel ${fmtMs(v.wheelP95)} (${v.frames} frames, ${v.wheels} wheels${cpuText(v)})` : ''));
    for (const [lib, m] of [['cs', row.cs], ['vis', row.vis]]) {
      if (m && m.perfTop) console.log(`  ${lib} GPU process, ms per frame by thread and library: ${m.perfTop.join(', ')}`);
      if (!m || !m.busy) continue;
      console.log(`  ${lib} trace over ${m.busy.seconds.toFixed(1)} s: ${m.busy.presents} frames presented, busy seconds ` +
                  Object.entries(m.busy.perProc).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', '));
      console.log(`  ${lib} GPU process, ms by event: ${m.busy.top.join(', ')}`);
    }
  }
}

console.log(`\ndense-view benchmark (${headful ? 'headful' : 'headless'} Chromium, SwiftShader WebGL2, ${gpu === 'default' ? 'software' : 'SwiftShader'} compositor${browserArgs.length ? ', ' + browserArgs.join(' ') : ''}; ms unless marked; ratio = Chronoscope / vis-timeline)`);
console.log('shape        |       N | first frame (vis)      | frame p95 (vis)        | wheel -> frame p95 (vis) | CPU/frame GPU+page (vis)  | ratios first / p95 / wheel');
if (floor) console.log(`${'floor'.padEnd(12)} |         |                        | ${fmtMs(floor.p95).padStart(7)}                | ${fmtMs(floor.wheelP95).padStart(7)}                  | ${fmtMs(floor.gpuMs + floor.pageMs).padStart(7)}`);
for (const r of rows) {
  const c = r.cs || {}, v = r.vis || {};
  const cell = (a, b) => `${fmtMs(a).padStart(7)} ${r.vis ? ('(' + fmtMs(b) + ')').padStart(10) : ''.padStart(10)}`;
  console.log(`${r.shape.padEnd(12)} | ${String(r.n).padStart(7)} | ${cell(c.firstFrame, v.firstFrame)}     | ${cell(c.p95, v.p95)}     | ` +
              `${cell(c.wheelP95, v.wheelP95)}       | ${cell(c.gpuMs + c.pageMs, v.gpuMs + v.pageMs)}        | ${r.vis ? `${ratio(c.firstFrame, v.firstFrame)} / ${ratio(c.p95, v.p95)} / ${ratio(c.wheelP95, v.wheelP95)}` : ''}`);
}
if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify({ floor, split: Object.fromEntries(split), rows }, null, 1));
server.close();
fs.rmSync(dataDir, { recursive: true, force: true });
