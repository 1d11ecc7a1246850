// Tile benchmark: tiled timelines of 10M and 100M events (`chronoscope pack`) in the release wasm build in headless
// Chromium (software WebGL: SwiftShader, as tests/browser), served by a local static server as they are and with
// a delay added to every request (a far CDN). A benchmark that prints figures beside the floors, not a
// test: it asserts nothing.
//
//   node tests/bench/tile_bench.mjs [--site build-wasm/site] [--tiles /work/cache/tiles] [--sets 10m,100m]
//        [--latency 0,50] [--json out.json] [--profile out.cpuprofile] [--slow N] [--perf] [--headful] [--gpu default]
//
// A set NAME is the folder TILES/NAME with a manifest.json; one that is missing is generated and packed first
// (the native chronoscope-gen and `chronoscope pack` of build-native, under nice: 100M takes a while).
//
// Per set and latency, in a fresh browser each:
//   first frame   navigation to the first frame drawn with the set's marks (create() resolves: the root tile is
//                 drawn), and to the first frame with every tile the fit-all view needs
//   heap          the page's JS heap (CDP Runtime.getHeapUsage) plus the engine's wasm memory, the most seen
//   frame p95     the 95th percentile of requestAnimationFrame intervals along a scripted path across the whole
//                 range (the harness's timeInteraction): 24 wheel steps in at the middle (to about a day), a drag
//                 back and forth, 24 out, then drags across the whole extent at a sixteenth of it, then a jump to
//                 one day and back
//   floor         the same path, in a fresh browser just before, on a bare canvas of the same size that only clears
//                 itself every frame (floor_page.mjs): what presenting frames costs on the machine as loaded then,
//                 with none of our work
//   CPU / frame   the CPU time (from /proc: all threads, user + system) of the browser's GPU process and of the
//                 page's renderer process along the path, per animation frame, for the set and for the floor; and
//                 the GPU process's per frame that drew (the engine draws nothing when the picture is the same)
//   slow frames   the intervals over 17 ms, each put down to what the page's thread did in it: the engine's frame
//                 (cs_frame; of it the widget, and the tiled viewer's own work where the engine reports it) and
//                 taking tiles in (cs_tile_arrived; cs_tile_decode: a big cover, a slice at a time); one where the
//                 page's thread was busy for less than a frame (16.7 ms) waited on something else (the GPU process,
//                 the compositor); --slow N lists the N longest
//   per view      bytes fetched and tiles fetched per distinct screenful of that path (a screenful: a window
//                 rounded to its power-of-two span and its index at that span), and the tiles one settled view
//                 holds
// --settled N: instead, the heap along a path of N views (default 40: a day at the middle, then across the whole
//   extent at a sixteenth of it), each waited for until complete (its tiles here, decoded, its window built): what
//   the page holds does not hang on how fast the machine is then (on a loaded machine the timed path moves on
//   before the big covers come); --shot NAME: a screenshot of the day at the middle, NAME-SET.png
// --perf: also samples the GPU process with Linux perf along the path, for the set and the floor, and prints its
// CPU time per frame by thread and shared object (proc_cpu.mjs perfStart)
// --headful: a windowed Chromium (what desktop users run; needs an X display, e.g. under
// `xvfb-run -a -s '-screen 0 1920x1080x24'`) instead of a headless one, for the floor as for the sets
// --gpu default: Chromium without the switches that put its compositor on SwiftShader too (harness.mjs launch)
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, warmUp, scratchDir, timeInteraction, quantile as q } from '../browser/harness.mjs';
import { makeTiles, nativeTools } from '../browser/tile_data.mjs';
import { processCpu, cpuDelta, perfStart, perfEnd } from './proc_cpu.mjs';
import { writeFloorPage, FLOOR_PAGE } from './floor_page.mjs';

const arg = (name, def) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : def; };
const list = (s) => (s ? s.split(',').filter(Boolean) : []);
const site = path.resolve(arg('--site', 'build-wasm/site'));
const tilesRoot = path.resolve(arg('--tiles', '/work/cache/tiles'));
const sets = list(arg('--sets', '10m,100m'));
const latencies = list(arg('--latency', '0,50')).map(Number);
const jsonOut = arg('--json', '');
const profileOut = arg('--profile', '');   // a Chrome CPU profile of the page along the path (.cpuprofile), and its top
                                           // functions by self time printed
const listSlow = Number(arg('--slow', '0'));
const perf = process.argv.includes('--perf');
const headful = process.argv.includes('--headful');
const gpu = arg('--gpu', 'swiftshader');
if (headful && !process.env.DISPLAY) throw new Error("--headful needs an X display: run under xvfb-run -a -s '-screen 0 1920x1080x24'");
const settledViews = process.argv.includes('--settled') ? Number(arg('--settled', '40')) || 40 : 0;
const shot = arg('--shot', '');   // --settled: a screenshot of the day at the middle, to NAME-SET.png

const FLOORS = { first: 1000, firstLatency: 2000, heap: 150 * 1048576, p95: 17, perView: 2 * 1048576 };
const FRAME_MS = 1000 / 60;   // a slow frame: an interval of more than one of these (17 ms: the floor)

function countOf(name) {
  const m = /^(\d+)([km]?)$/i.exec(name);
  if (!m) throw new Error(`set name ${name}: a count such as 10m or 250k`);
  return Number(m[1]) * ({ k: 1e3, m: 1e6 }[m[2].toLowerCase()] || 1);
}

for (const name of sets) {
  const dir = path.join(tilesRoot, name);
  if (fs.existsSync(path.join(dir, 'manifest.json'))) continue;
  const tools = nativeTools();
  if (!tools) throw new Error(`${dir}: no packed set, and no native build to make one (build-native/chronoscope)`);
  fs.mkdirSync(tilesRoot, { recursive: true });
  const jsonl = path.join(tilesRoot, `${name}.jsonl`);
  console.log(`generating and packing ${name} into ${dir} ...`);
  const t0 = Date.now();
  makeTiles({ gen: tools.gen, app: tools.app }, countOf(name), jsonl, dir);
  console.log(`  done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

// The page: one timeline filling the window, opened from ?tiles=URL; and the floor's bare canvas.
const pageDir = scratchDir('cs-tile-bench-');   // (removed at exit, also after --settled)
fs.writeFileSync(path.join(pageDir, 'tiles-bench.html'), `<!doctype html><meta charset="utf-8">
<style>html, body { margin: 0; height: 100%; } #tl { height: 100vh; }</style>
<div id="tl"></div>
<script src="chronoscope.js"></script>
<script>
  window.timelineReady = Chronoscope.create(document.getElementById('tl'), {
    tiles: new URLSearchParams(location.search).get('tiles'), theme: 'dark',
  }).then((tl) => { window.timeline = tl; return performance.now(); });
</script>
`);
writeFloorPage(pageDir);

// The page and the site at /, the sets at /tiles/NAME/; every response waits server.delay ms first.
const server = await serve([pageDir, site, { dir: tilesRoot, prefix: '/tiles/' }]);
const base = `http://127.0.0.1:${server.address().port}`;
// ISO text of a decimal year (what setWindow takes; the sets are within years 1..9999)
const iso = (y) => { const d = new Date(0); const whole = Math.floor(y); d.setUTCFullYear(whole, 0, 1);
                     return new Date(d.getTime() + (y - whole) * 365.2425 * 86400000).toISOString(); };

// In the page, once it is ready: each engine frame (cs_frame) and each tile taken in (cs_tile_arrived) logged as
// [start, ms] with what the engine says of the frame, where it has the functions (the widget's part, the tiled
// viewer's, rebuilding the font atlas; the vertices drawn, 0 for a frame that drew nothing new), to put each slow
// interval down to what the page's thread did in it.
function logEngineWork() {
  const mod = window.timeline._mod;
  const log = window.__work = { frames: [], arrived: [] };
  const wrap = (name, fn) => {
    const f = mod[name];
    mod[name] = function (...a) {
      const t = performance.now();
      const r = f.apply(this, a);
      fn(t, performance.now() - t);
      return r;
    };
  };
  const get = (name) => (mod[name] ? mod[name] : () => 0);
  const widget = get('_cs_widget_ms'), tiles = get('_cs_tiles_ms'), fonts = get('_cs_fonts_ms'), vtx = get('_cs_frame_vertices');
  wrap('_cs_frame', (t, ms) => log.frames.push([t, ms, widget(), tiles(), fonts(), vtx()]));
  wrap('_cs_tile_arrived', (t, ms) => log.arrived.push([t, ms]));
  if (mod._cs_tile_decode) wrap('_cs_tile_decode', (t, ms) => log.arrived.push([t, ms]));   // (big covers, in slices)
}

// The slow intervals (over a frame) of rAF timestamps `ts`, each with the page's work that started in it: the
// engine's frames, and tiles taken in. {slow: count, ours: of them those where the page's thread was busy for a
// frame or more, rows: [{ms, frame, widget, tiles, fonts, vtx, arrived, n}] longest first, vertices: per drawn
// frame, p50 and p95, drawn: the share of frames that drew}.
function slowFrames(ts, work) {
  const rows = [];
  for (let k = 1; k < ts.length; k++) {
    const ms = ts[k] - ts[k - 1];
    if (ms <= 17) continue;
    const inside = (t) => t >= ts[k - 1] && t < ts[k];
    const r = { ms, frame: 0, widget: 0, tiles: 0, fonts: 0, vtx: 0, arrived: 0, n: 0 };
    for (const [t, f, w, tl, fo, v] of work.frames) if (inside(t)) { r.frame += f; r.widget += w; r.tiles += tl; r.fonts += fo; r.vtx += v; }
    for (const [t, a] of work.arrived) if (inside(t)) { r.arrived += a; r.n++; }
    r.page = r.frame + r.arrived;
    rows.push(r);
  }
  rows.sort((a, b) => b.ms - a.ms);
  const inPath = work.frames.filter(([t]) => t >= ts[0] && t < ts[ts.length - 1]);
  const drawn = inPath.filter((f) => f[5] > 0).map((f) => f[5]);
  return { slow: rows.length, ours: rows.filter((r) => r.page >= FRAME_MS).length, rows,
           fontsMs: inPath.reduce((a, f) => a + f[4], 0), fontBuilds: inPath.filter((f) => f[4] > 0).length,
           vertices: [q(drawn, 0.5), q(drawn, 0.95)], drawn: drawn.length / Math.max(1, inPath.length) };
}

// The path, for the set's page (tiled: its own steps too) and the floor's (mouse and wheel only): a plan for the
// harness's timeInteraction. sample() runs between its parts (a heap sample); tiled (an object, or null for the
// floor) gets the extent, the window before the drags across it.
function pathPlan(page, box, tiled, sample) {
  const cy = box.y + Math.min(box.height / 2, 300);
  const drag = async (fromX, toX, ms) => {
    await page.mouse.move(fromX, cy);
    await page.mouse.down();
    const t0 = Date.now();
    while (Date.now() - t0 < ms) {
      const k = (Date.now() - t0) / ms;
      await page.mouse.move(fromX + (toX - fromX) * k, cy);
      await page.waitForTimeout(16);
    }
    await page.mouse.move(toX, cy);
    await page.mouse.up();
  };
  const plan = [-24, 'drag', sample, 24, sample];
  // across the whole extent at a sixteenth of it: from its start, a drag of 0.8 of the width at a time
  plan.push(async () => {
    if (tiled) {
      const ext = await page.evaluate(() => window.timeline.getWindow());
      tiled.extent = ext;
      const sixteenth = (ext.endYear - ext.startYear) / 16;
      await page.evaluate(([a, b]) => { window.timeline.setWindow(a, b); }, [iso(ext.startYear), iso(ext.startYear + sixteenth)]);
    }
    await page.waitForTimeout(100);
  });
  for (let i = 0; i < 20; i++) {
    plan.push(() => drag(box.x + box.width * 0.9, box.x + box.width * 0.1, 250));
    if (i % 5 === 4) plan.push(sample);
  }
  plan.push(sample);
  return plan;
}

async function freshBrowser() {
  const context = await launch([], { headless: !headful, gpu });
  await warmUp(context, base);
  return context;
}

// The path on the bare canvas: its frame intervals and CPU per frame.
async function measureFloor() {
  const context = await freshBrowser();
  const page = await context.newPage();
  await page.goto(`${base}/${FLOOR_PAGE}`);
  await page.evaluate(() => window.timelineReady.then(() => true));
  const box = await page.locator('canvas').first().boundingBox();
  const cx = box.x + box.width / 2, cy = box.y + Math.min(box.height / 2, 300);
  await page.mouse.move(cx, cy);
  await page.waitForTimeout(300);
  const sampler = perf ? await perfStart(pageDir) : null;
  const cpu0 = processCpu();
  const { intervals: iv } = await timeInteraction(page, { x: cx, y: cy, width: box.width, plan: pathPlan(page, box, null, async () => {}) });
  const cpu = cpuDelta(cpu0, processCpu());
  const perfTop = sampler ? await perfEnd(sampler, iv.length) : null;
  await page.close();
  await context.close();
  const per = (k) => (cpu[k] === undefined ? NaN : (cpu[k] * 1000) / Math.max(1, iv.length));
  return { p95: q(iv, 0.95), median: q(iv, 0.5), frames: iv.length, slow: iv.filter((v) => v > 17).length,
           gpuMs: per('gpu-process'), pageMs: per('renderer'), perfTop };
}

async function measure(name) {
  const context = await freshBrowser();
  const page = await context.newPage();
  page.setDefaultTimeout(600000);
  const cdp = await context.newCDPSession(page);
  await page.addInitScript(() => {
    // the first frame's steps: the engine's compile and instantiation (WebAssembly's own calls, timed)
    window.__steps = [];
    const step = (name, p) => { const t = performance.now(); return p.then((r) => { window.__steps.push([name, Math.round(t), Math.round(performance.now())]); return r; }); };
    for (const k of ['instantiateStreaming', 'instantiate', 'compileStreaming', 'compile']) {
      const f = WebAssembly[k];
      if (f) WebAssembly[k] = function (...a) { return step('wasm ' + k, f.apply(this, a)); };
    }
  });
  await page.goto(`${base}/tiles-bench.html?tiles=/tiles/${name}/manifest.json`);
  const first = await page.evaluate(() => window.timelineReady);
  // where the first frame's time went: when the page's own files came (resource timing: start and end of each)
  const nav = await page.evaluate(() => {
    const pick = (re) => performance.getEntriesByType('resource').filter((e) => re.test(e.name))
      .map((e) => [e.name.replace(/^.*\//, ''), Math.round(e.startTime), Math.round(e.responseEnd)]);
    const d = performance.getEntriesByType('navigation')[0];
    return { steps: window.__steps, html: d ? Math.round(d.responseEnd) : 0, dcl: d ? Math.round(d.domContentLoadedEventEnd) : 0,
             files: pick(/chronoscope(-engine)?\.(js|wasm)$|\.(ttf|woff2)$|manifest\.json$|t\/0\/0\.bin$/) };
  });
  await page.waitForFunction(() => window.timeline.tileStats().complete, null, { polling: 'raf' });
  const complete = await page.evaluate(() => performance.now());
  let heapMax = 0, jsMax = 0, wasmMax = 0;
  const sampleHeap = async () => {
    const h = await cdp.send('Runtime.getHeapUsage');
    const wasm = await page.evaluate(() => window.timeline._mod.HEAPU8.buffer.byteLength);
    jsMax = Math.max(jsMax, h.usedSize);
    wasmMax = Math.max(wasmMax, wasm);
    heapMax = Math.max(heapMax, h.usedSize + wasm);
  };
  await sampleHeap();
  const settledNodes = (await page.evaluate(() => window.timeline.tileStats())).nodes;
  const box = await page.locator('canvas').first().boundingBox();
  const cx = box.x + box.width / 2, cy = box.y + Math.min(box.height / 2, 300);
  await page.mouse.move(cx, cy);
  await page.waitForTimeout(300);
  const s0 = await page.evaluate(() => window.timeline.tileStats());
  // the screenfuls the path shows, from every rangechange; the engine's work, frame by frame
  await page.evaluate(logEngineWork);
  await page.evaluate(() => {
    window.__cpu = [];
    const mod = window.timeline._mod;
    const sample = () => { if (window.__cpu) { window.__cpu.push([mod._cs_frame_ms(), mod._cs_widget_ms()]); requestAnimationFrame(sample); } };
    requestAnimationFrame(sample);
    window.__views = new Set();
    window.timeline.on('rangechange', (w) => {
      const a = w.startYear, span = w.endYear - w.startYear;
      const k = Math.round(Math.log2(span));
      window.__views.add(k + ':' + Math.floor(a / Math.pow(2, k)));
    });
  });
  if (profileOut) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const sampler = perf ? await perfStart(pageDir) : null;
  const cpu0 = processCpu();
  const tiled = {};
  const { intervals: iv, frames: ts } = await timeInteraction(page, { x: cx, y: cy, width: box.width, plan: pathPlan(page, box, tiled, sampleHeap) });
  const proc = cpuDelta(cpu0, processCpu());
  const perfTop = sampler ? await perfEnd(sampler, iv.length) : null;
  const s1 = await page.evaluate(() => window.timeline.tileStats());
  if (profileOut) {
    const { profile } = await cdp.send('Profiler.stop');
    fs.writeFileSync(profileOut, JSON.stringify(profile));
    // self time per function (samples x interval)
    const self = new Map();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const dt = (profile.endTime - profile.startTime) / 1000 / Math.max(1, profile.samples.length);
    for (const id of profile.samples) {
      const n = byId.get(id);
      const k = (n.callFrame.functionName || '(anonymous)') + ' ' + (n.callFrame.url || '').replace(/^.*\//, '');
      self.set(k, (self.get(k) || 0) + dt);
    }
    const total = (profile.endTime - profile.startTime) / 1000;
    console.log(`  CPU profile (${profileOut}), ${total.toFixed(0)} ms; self time, top 20:`);
    [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20)
      .forEach(([k, v]) => console.log(`    ${v.toFixed(0).padStart(7)} ms ${(100 * v / total).toFixed(1).padStart(5)} %  ${k}`));
  }
  const ext = tiled.extent;
  const { views, cpu, work } = await page.evaluate(() => {
    const r = { views: window.__views.size, cpu: window.__cpu, work: window.__work };
    window.__cpu = null;
    return r;
  });
  // a jump from fit-all to one day in the middle: time until every tile it needs is here and drawn
  const mid = (ext.startYear + ext.endYear) / 2;
  const day = 1 / 365.2425;
  await page.evaluate(([a, b]) => { window.timeline.setWindow(a, b); }, [iso(ext.startYear), iso(ext.endYear)]);
  await page.waitForFunction(() => window.timeline.tileStats().complete, null, { polling: 'raf' });
  const jumpMs = await page.evaluate(async ([a, b]) => {
    const t = performance.now();
    window.timeline.setWindow(a, b);
    await new Promise((r) => { const f = () => (window.timeline.tileStats().complete ? r() : requestAnimationFrame(f)); requestAnimationFrame(f); });
    return performance.now() - t;
  }, [iso(mid), iso(mid + day)]);
  const dayNodes = (await page.evaluate(() => window.timeline.tileStats())).nodes;
  await sampleHeap();
  const bytes = s1.bytesFetched - s0.bytesFetched, tiles = s1.requests - s0.requests;
  await page.close();
  await context.close();
  const per = (k) => (proc[k] === undefined ? NaN : (proc[k] * 1000) / Math.max(1, iv.length));
  return { cpuP95: q(cpu.map((c) => c[0]), 0.95), widgetP95: q(cpu.map((c) => c[1]), 0.95),
           arriveMs: s1.arriveMs - s0.arriveMs, arriveMaxMs: s1.arriveMaxMs, first, complete, heapMax, jsMax, wasmMax, p95: q(iv, 0.95), median: q(iv, 0.5), frames: iv.length,
           views, bytesPerView: bytes / Math.max(1, views), tilesPerView: tiles / Math.max(1, views), pathBytes: bytes,
           pathTiles: tiles, settledNodes, dayNodes, jumpMs, cache: s1.cacheBytes, nav,
           gpuMs: per('gpu-process'), pageMs: per('renderer'), slow: slowFrames(ts, work), perfTop };
}

const mb = (b) => (b / 1048576).toFixed(1) + ' MB';
const ms = (v) => v.toFixed(v < 100 ? 1 : 0) + ' ms';
const mark = (ok) => (ok ? 'ok  ' : 'MISS');
const f1 = (v) => (Number.isFinite(v) ? v.toFixed(1) : '?');
const rows = [];
// The heap along views each waited for until complete (--settled).
async function measureSettled(name) {
  const context = await freshBrowser();
  const page = await context.newPage();
  page.setDefaultTimeout(600000);
  const cdp = await context.newCDPSession(page);
  await page.goto(`${base}/tiles-bench.html?tiles=/tiles/${name}/manifest.json`);
  await page.evaluate(() => window.timelineReady);
  const settle = () => page.waitForFunction(() => window.timeline.tileStats().complete,
                                            null, { polling: 'raf' });
  await settle();
  let heapMax = 0, wasmMax = 0, jsMax = 0;
  const sample = async () => {
    const h = await cdp.send('Runtime.getHeapUsage');
    const wasm = await page.evaluate(() => window.timeline._mod.HEAPU8.buffer.byteLength);
    jsMax = Math.max(jsMax, h.usedSize);
    wasmMax = Math.max(wasmMax, wasm);
    heapMax = Math.max(heapMax, h.usedSize + wasm);
  };
  await sample();
  // (decimal years: the sets' extents are within 1..9999)
  const fit = await page.evaluate(() => window.timeline.getWindow());
  const a = fit.startYear, b = fit.endYear, day = 1 / 365.2425;
  const views = [[(a + b) / 2 - day / 2, (a + b) / 2 + day / 2]];
  const span = (b - a) / 16;
  for (let i = 0; views.length < settledViews; i++) {
    const y0 = a + ((b - a - span) * i) / Math.max(1, settledViews - 2);
    views.push([y0, y0 + span]);
  }
  const t0 = Date.now();
  for (const [x, y] of views) {
    await page.evaluate(([x, y]) => { window.timeline.setWindow(x, y); }, [iso(x), iso(y)]);
    await page.waitForTimeout(50);
    await settle();
    await sample();
    if (shot && x === views[0][0]) await page.screenshot({ path: `${shot}-${name}.png` });
  }
  const st = await page.evaluate(() => window.timeline.tileStats());
  await page.close();
  await context.close();
  return { heapMax, wasmMax, jsMax, views: views.length, ms: Date.now() - t0, fetched: st.bytesFetched, requests: st.requests };
}

if (settledViews) {
  for (const name of sets) {
    const m = await measureSettled(name);
    console.log(`${name} settled path of ${m.views} views: heap ${mb(m.heapMax)} (js ${mb(m.jsMax)}, wasm ${mb(m.wasmMax)}), ` +
                `${(m.fetched / 1048576).toFixed(1)} MB in ${m.requests} requests, ${(m.ms / 1000).toFixed(0)} s`);
  }
  server.close();
  process.exit(0);
}

for (const name of sets) {
  for (const lat of latencies) {
    server.delay = 0;
    const bare = await measureFloor();
    server.delay = lat;
    const m = await measure(name);
    server.delay = 0;
    rows.push({ set: name, latency: lat, ...m, bare });
    console.log(`${name} +${lat} ms: first ${ms(m.first)} (complete ${ms(m.complete)}), heap ${mb(m.heapMax)} ` +
                `(js ${mb(m.jsMax)}, wasm ${mb(m.wasmMax)}), p95 ${ms(m.p95)} (median ${ms(m.median)}, ${m.frames} frames), ` +
                `${m.views} views: ${(m.bytesPerView / 1024).toFixed(0)} KB and ${m.tilesPerView.toFixed(1)} tiles per view; ` +
                `a settled fit-all holds ${m.settledNodes} tiles, one day ${m.dayNodes}; fit-all -> one day complete in ${ms(m.jumpMs)}`);
    console.log(`  bare canvas on the same path just before: p95 ${ms(bare.p95)} (median ${ms(bare.median)}, ${bare.frames} frames, ` +
                `${bare.slow} over 17 ms); CPU per frame: GPU process ${f1(m.gpuMs)} ms, page ${f1(m.pageMs)} ms ` +
                `(bare canvas ${f1(bare.gpuMs)} and ${f1(bare.pageMs)})`);
    console.log(`  where a frame's time goes: engine CPU per frame p95 ${ms(m.cpuP95)} (of it the widget ${ms(m.widgetP95)}); ` +
                `taking tiles in (cs_tile_arrived) ${ms(m.arriveMs)} along the path, at most ${ms(m.arriveMaxMs)} for one`);
    const sl = m.slow;
    console.log(`  ${sl.slow} frames over 17 ms (${(100 * sl.slow / Math.max(1, m.frames)).toFixed(1)} %): in ${sl.ours} the page's ` +
                `thread was busy for a frame or more (engine frame + tiles taken in), in ${sl.slow - sl.ours} less (waiting ` +
                `on the GPU process or the compositor)`);
    for (const r of sl.rows.slice(0, listSlow))
      console.log(`    ${ms(r.ms).padStart(8)}: engine frame ${f1(r.frame)} (widget ${f1(r.widget)}, tiles ${f1(r.tiles)}, ` +
                  `font atlas ${f1(r.fonts)}; ${r.vtx} vertices), ${r.n} tiles taken in ${f1(r.arrived)}`);
    console.log(`  frames that drew: ${(100 * sl.drawn).toFixed(0)} %, vertices p50 ${sl.vertices[0]} p95 ${sl.vertices[1]}; ` +
                `font atlas rebuilt ${sl.fontBuilds} times, ${ms(sl.fontsMs)} in all; GPU process CPU per frame that drew ` +
                `${f1(m.gpuMs / Math.max(0.01, sl.drawn))} ms (the bare canvas draws every frame: ${f1(bare.gpuMs)} ms)`);
    if (m.perfTop) console.log(`  GPU process, ms per frame by thread and library (perf): ${m.perfTop.join(', ')}`);
    if (bare.perfTop) console.log(`  bare canvas GPU process, ms per frame by thread and library (perf): ${bare.perfTop.join(', ')}`);
    console.log(`  first frame: page ${m.nav.html} ms, DOMContentLoaded ${m.nav.dcl} ms; files (start-end ms): ` +
                m.nav.files.map(([n, a, b]) => `${n} ${a}-${b}`).join(', ') + '; ' +
                m.nav.steps.map(([n, a, b]) => `${n} ${a}-${b}`).join(', '));
  }
}

console.log('\ntile benchmark (headless Chromium, SwiftShader WebGL2, local server + added latency per request; ' +
            'bare canvas: the same path on a canvas that only clears itself)');
console.log('set   | latency | first frame (floor)      | heap (floor 150 MB)  | frame p95 (floor 17) | bare canvas p95 | ' +
            'CPU/frame GPU+page (bare) | per screenful (floor 2 MB)  | tiles/view');
for (const r of rows) {
  const ff = r.latency > 0 ? FLOORS.firstLatency : FLOORS.first;
  console.log(`${r.set.padEnd(5)} | ${String(r.latency).padStart(4)} ms | ${mark(r.first <= ff)} ${ms(r.first).padStart(9)} (<= ${ff} ms) | ` +
              `${mark(r.heapMax <= FLOORS.heap)} ${mb(r.heapMax).padStart(9)}      | ${mark(r.p95 <= FLOORS.p95)} ${ms(r.p95).padStart(9)}      | ` +
              `${ms(r.bare.p95).padStart(15)} | ${(f1(r.gpuMs + r.pageMs) + ' (' + f1(r.bare.gpuMs + r.bare.pageMs) + ')').padStart(25)} | ` +
              `${mark(r.bytesPerView <= FLOORS.perView)} ${((r.bytesPerView / 1024).toFixed(0) + ' KB').padStart(9)}              | ` +
              `${r.tilesPerView.toFixed(1)}`);
}
if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(rows, null, 1));
server.close();
