// Tile benchmark: tiled timelines of 10M and 100M events (`chronoscope pack`) in the release wasm build in headless
// Chromium (software WebGL: SwiftShader, as tests/browser), served by a local static server as they are and with
// a delay added to every request (a far CDN). A benchmark that prints figures beside the floors, not a
// test: it asserts nothing.
//
//   node tests/bench/tile_bench.mjs [--site build-wasm/site] [--tiles /work/cache/tiles] [--sets 10m,100m]
//        [--latency 0,50] [--json out.json]
//
// A set NAME is the folder TILES/NAME with a manifest.json; one that is missing is generated and packed first
// (the native chronoscope-gen and `chronoscope pack` of build-native, under nice: 100M takes a while).
//
// Per set and latency, in a fresh browser each:
//   first frame   navigation to the first frame drawn with the set's marks (create() resolves: the root tile is
//                 drawn), and to the first frame with every tile the fit-all view needs
//   heap          the page's JS heap (CDP Runtime.getHeapUsage) plus the engine's wasm memory, the most seen
//   frame p95     the 95th percentile of requestAnimationFrame intervals along a scripted path across the whole
//                 range: 24 wheel steps in at the middle (to about a day), a drag back and forth, 24 out, then
//                 drags across the whole extent at a sixteenth of it, then a jump to one day and back
//   per view      bytes fetched and tiles fetched per distinct screenful of that path (a screenful: a window
//                 rounded to its power-of-two span and its index at that span), and the tiles one settled view
//                 holds
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { launch } from '../browser/harness.mjs';
import { makeTiles, nativeTools } from '../browser/tile_data.mjs';

const arg = (name, def) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : def; };
const list = (s) => (s ? s.split(',').filter(Boolean) : []);
const site = path.resolve(arg('--site', 'build-wasm/site'));
const tilesRoot = path.resolve(arg('--tiles', '/work/cache/tiles'));
const sets = list(arg('--sets', '10m,100m'));
const latencies = list(arg('--latency', '0,50')).map(Number);
const jsonOut = arg('--json', '');
const profileOut = arg('--profile', '');   // a Chrome CPU profile of the page along the path (.cpuprofile), and its top
                                           // functions by self time printed

const FLOORS = { first: 1000, firstLatency: 2000, heap: 150 * 1048576, p95: 17, perView: 2 * 1048576 };

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

// The page: one timeline filling the window, opened from ?tiles=URL.
const pageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-tile-bench-'));
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

// A static server: the site and the page at /, the sets at /tiles/NAME/; every response waits `delay` ms first.
const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
               '.json': 'application/json', '.ttf': 'font/ttf', '.woff2': 'font/woff2', '.bin': 'application/octet-stream',
               '.jsonl': 'application/jsonl' };
let delay = 0;
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const p = decodeURIComponent(url.pathname);
  let file = null;
  if (p.startsWith('/tiles/')) file = path.join(tilesRoot, path.normalize(p.slice(7)).replace(/^(\.\.[/\\])+/, ''));
  else {
    for (const root of [pageDir, site]) {
      const f = path.join(root, path.normalize(p).replace(/^(\.\.[/\\])+/, ''));
      if (fs.existsSync(f) && fs.statSync(f).isFile()) { file = f; break; }
    }
  }
  setTimeout(() => {
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'Content-Type': MIME[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-store',
                         'Content-Length': fs.statSync(file).size });
    fs.createReadStream(file).pipe(res);
  }, delay);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;
// ISO text of a decimal year (what setWindow takes; the sets are within years 1..9999)
const iso = (y) => { const d = new Date(0); const whole = Math.floor(y); d.setUTCFullYear(whole, 0, 1);
                     return new Date(d.getTime() + (y - whole) * 365.2425 * 86400000).toISOString(); };
const q = (a, p) => { const s = [...a].sort((x, y) => x - y); return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN; };

async function measure(name) {
  const context = await launch();
  // the first WebGL use in a fresh browser starts its GPU process, which stalls painting once: warm it up
  const warm = await context.newPage();
  await warm.goto(`${base}/index.html`);
  await warm.evaluate(() => window.timelineReady.then(() => true));
  await warm.close();
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
    window.__frames = [];
    const tick = (t) => { window.__frames.push(t); requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
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
  // the screenfuls the path shows, from every rangechange
  await page.evaluate(() => {
    window.__frames = [];
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
  const wheel = async (dy, n) => { for (let i = 0; i < n; i++) { await page.mouse.wheel(0, dy); await page.waitForTimeout(30); } };
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
  if (profileOut) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  await wheel(-120, 24);
  await page.mouse.down();
  const t0 = Date.now();
  while (Date.now() - t0 < 2000) {
    const k = (Date.now() - t0) / 2000;
    await page.mouse.move(cx + Math.sin(k * Math.PI * 2) * box.width * 0.3, cy);
    await page.waitForTimeout(16);
  }
  await page.mouse.up();
  await sampleHeap();
  await wheel(120, 24);
  await sampleHeap();
  // across the whole extent at a sixteenth of it: from its start, a drag of 0.8 of the width at a time
  const ext = await page.evaluate(() => window.timeline.getWindow());
  const sixteenth = (ext.endYear - ext.startYear) / 16;
  await page.evaluate(([a, b]) => { window.timeline.setWindow(a, b); }, [iso(ext.startYear), iso(ext.startYear + sixteenth)]);
  await page.waitForTimeout(100);
  for (let i = 0; i < 20; i++) {
    await drag(box.x + box.width * 0.9, box.x + box.width * 0.1, 250);
    if (i % 5 === 4) await sampleHeap();
  }
  await sampleHeap();
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
  const { f, views, cpu } = await page.evaluate(() => ({ f: window.__frames, views: window.__views.size, cpu: window.__cpu }));
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
  const iv = f.slice(1).map((t, i) => t - f[i]);
  const bytes = s1.bytesFetched - s0.bytesFetched, tiles = s1.requests - s0.requests;
  await page.close();
  await context.close();
  return { cpuP95: q(cpu.map((c) => c[0]), 0.95), widgetP95: q(cpu.map((c) => c[1]), 0.95),
           arriveMs: s1.arriveMs - s0.arriveMs, arriveMaxMs: s1.arriveMaxMs, first, complete, heapMax, jsMax, wasmMax, p95: q(iv, 0.95), median: q(iv, 0.5), frames: iv.length,
           views, bytesPerView: bytes / Math.max(1, views), tilesPerView: tiles / Math.max(1, views), pathBytes: bytes,
           pathTiles: tiles, settledNodes, dayNodes, jumpMs, cache: s1.cacheBytes, nav };
}

const mb = (b) => (b / 1048576).toFixed(1) + ' MB';
const ms = (v) => v.toFixed(v < 100 ? 1 : 0) + ' ms';
const mark = (ok) => (ok ? 'ok  ' : 'MISS');
const rows = [];
for (const name of sets) {
  for (const lat of latencies) {
    delay = lat;
    const m = await measure(name);
    rows.push({ set: name, latency: lat, ...m });
    console.log(`${name} +${lat} ms: first ${ms(m.first)} (complete ${ms(m.complete)}), heap ${mb(m.heapMax)} ` +
                `(js ${mb(m.jsMax)}, wasm ${mb(m.wasmMax)}), p95 ${ms(m.p95)} (median ${ms(m.median)}, ${m.frames} frames), ` +
                `${m.views} views: ${(m.bytesPerView / 1024).toFixed(0)} KB and ${m.tilesPerView.toFixed(1)} tiles per view; ` +
                `a settled fit-all holds ${m.settledNodes} tiles, one day ${m.dayNodes}; fit-all -> one day complete in ${ms(m.jumpMs)}`);
    console.log(`  where a frame's time goes: engine CPU per frame p95 ${ms(m.cpuP95)} (of it the widget ${ms(m.widgetP95)}); ` +
                `taking tiles in (cs_tile_arrived) ${ms(m.arriveMs)} along the path, at most ${ms(m.arriveMaxMs)} for one`);
    console.log(`  first frame: page ${m.nav.html} ms, DOMContentLoaded ${m.nav.dcl} ms; files (start-end ms): ` +
                m.nav.files.map(([n, a, b]) => `${n} ${a}-${b}`).join(', ') + '; ' +
                m.nav.steps.map(([n, a, b]) => `${n} ${a}-${b}`).join(', '));
  }
}
delay = 0;

console.log('\ntile benchmark (headless Chromium, SwiftShader WebGL2, local server + added latency per request)');
console.log('set   | latency | first frame (floor)      | heap (floor 150 MB)  | frame p95 (floor 17) | per screenful (floor 2 MB)  | tiles/view');
for (const r of rows) {
  const ff = r.latency > 0 ? FLOORS.firstLatency : FLOORS.first;
  console.log(`${r.set.padEnd(5)} | ${String(r.latency).padStart(4)} ms | ${mark(r.first <= ff)} ${ms(r.first).padStart(9)} (<= ${ff} ms) | ` +
              `${mark(r.heapMax <= FLOORS.heap)} ${mb(r.heapMax).padStart(9)}      | ${mark(r.p95 <= FLOORS.p95)} ${ms(r.p95).padStart(9)}      | ` +
              `${mark(r.bytesPerView <= FLOORS.perView)} ${((r.bytesPerView / 1024).toFixed(0) + ' KB').padStart(9)}              | ` +
              `${r.tilesPerView.toFixed(1)}`);
}
if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(rows, null, 1));
server.close();
fs.rmSync(pageDir, { recursive: true, force: true });
