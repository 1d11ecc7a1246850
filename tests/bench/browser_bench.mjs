// Browser benchmark: the release wasm build in headless Chromium (software WebGL), at N = 10k, 100k, 1M.
//   node tests/bench/browser_bench.mjs --site build-wasm/site --gen build-tools/chronoscope-gen [--sizes 10000,100000]
// Prints, per N: time from navigation to the first frame with all events loaded; the longest gap between painted
// frames before that, split in two: while the data is read (from the first progress message that counts events
// until the first frame with the data: the worker parsing, the result being copied in) and the rest (the
// engine and its WebGL context starting, the download, the same for any N); rAF frame intervals (median, p95, max) during a scripted
// interaction (20 wheel-ins, 20 wheel-outs at the centre, a 2-second drag); and the page's wasm heap after load.
// Each N runs in a fresh browser after one page of the demo's own story: the first WebGL use in a fresh browser
// starts its GPU process, which stalls every page's painting for a few hundred milliseconds once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, launch, warmUp, timeInteraction, quantile as q } from '../browser/harness.mjs';

const arg = (name, def) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : def; };
const site = path.resolve(arg('--site', 'build-wasm/site'));
const gen = path.resolve(arg('--gen', 'build-tools/chronoscope-gen'));
const sizes = arg('--sizes', '10000,100000,1000000').split(',').map(Number);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-bench-'));
for (const n of sizes) execFileSync(gen, [String(n), path.join(dataDir, `gen-${n}.json`), '--seed', '1']);

const server = await serve([site, dataDir]);
const base = `http://127.0.0.1:${server.address().port}`;

const rows = [];
for (const n of sizes) {
  // each N in a fresh browser, warmed up by one page of the demo
  const context = await launch();
  await warmUp(context, base);
  const page = await context.newPage();
  // Record every painted frame from the very start of the page, to see gaps while loading.
  await page.addInitScript(() => {
    window.__frames = [];
    const tick = (t) => { window.__frames.push(t); requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    // when the progress overlay first counts events ("Reading …", or "… events read" while still downloading):
    // the parse has begun
    new MutationObserver(() => {
      const o = document.querySelector('.chronoscope-progress');
      if (!window.__reading && o && /^Reading|events read/.test(o.textContent)) window.__reading = performance.now();
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.goto(`${base}/index.html?src=gen-${n}.json`);
  const firstFrame = await page.evaluate(() => window.timelineReady.then(() => performance.now()));
  const [startGap, loadGap] = await page.evaluate((end) => {
    const f = window.__frames.filter((t) => t <= end), g = [0, 0];
    for (let i = 1; i < f.length; i++) {
      const k = window.__reading && f[i - 1] >= window.__reading ? 1 : 0;
      g[k] = Math.max(g[k], f[i] - f[i - 1]);
    }
    return g;
  }, firstFrame);
  const heap = await page.evaluate(() => window.timeline._mod.HEAPU8.buffer.byteLength);
  const box = await page.locator('canvas').first().boundingBox();
  const { intervals: iv } = await timeInteraction(page, { x: box.x + box.width / 2, y: box.y + box.height / 2, width: box.width });
  rows.push({ n, firstFrame, startGap, loadGap, median: q(iv, 0.5), p95: q(iv, 0.95), max: Math.max(...iv), frames: iv.length, heapMB: heap / 1048576 });
  await page.close();
  await context.close();
}

console.log('\nbrowser benchmark (headless Chromium, SwiftShader WebGL2, release wasm)');
console.log('      N | first frame ms | max gap ms: start + download / parse + copy-in | frame median / p95 / max ms | frames | wasm heap MB');
for (const r of rows)
  console.log(`${String(r.n).padStart(7)} | ${r.firstFrame.toFixed(0).padStart(13)} | ${r.startGap.toFixed(0).padStart(28)} / ${r.loadGap.toFixed(0).padStart(14)} | ` +
              `${r.median.toFixed(1).padStart(6)} / ${r.p95.toFixed(1).padStart(5)} / ${r.max.toFixed(1).padStart(6)}      | ${String(r.frames).padStart(6)} | ${r.heapMB.toFixed(0).padStart(12)}`);
server.close();
fs.rmSync(dataDir, { recursive: true, force: true });
