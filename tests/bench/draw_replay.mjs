// What drawing one frame of fixed views costs the browser: the page opens a data file, goes to each view and draws
// it 120 times (the window nudged by a second every frame, so that no frame is skipped as unchanged), and prints
// the CPU time (from /proc: user + system) of the GPU process and of the page's renderer process per frame drawn.
// A benchmark that prints figures, not a test. Steadier than dense_bench's frame intervals on a loaded machine, and
// per drawn frame (dense_bench's CPU/frame counts the frames the page skipped too). A bare canvas cleared every
// frame costs the GPU process about 5 ms here (Chromium 2026, SwiftShader, 2 cores): the rest is our drawing.
//
//   node tests/bench/draw_replay.mjs --site build-wasm/site --data FILE.json [--gpu default|swiftshader]
//        [--views fit,1940-01-01/1980-01-01,...] [--frames 120]
//
// FILE: any data file (tests/bench/dense_data.mjs makes the dense shapes); a view is START/END in dates, or fit
// (1890 to 2035: dense_data's whole span).
import path from 'node:path';
import { serve, launch, warmUp } from '../browser/harness.mjs';
import { processCpu, cpuDelta } from './proc_cpu.mjs';

const arg = (name, def) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : def; };
const site = path.resolve(arg('--site', 'build-wasm/site'));
const file = arg('--data', '');
if (!file) throw new Error('--data FILE.json is needed');
const gpu = arg('--gpu', 'default');
const frames = Number(arg('--frames', '120'));
const views = arg('--views', 'fit,1940-01-01/1980-01-01,1960-01-01/1970-01-01,1990-01-01/1995-06-01,1990-01-01/1990-07-01').split(',');

const server = await serve([site, path.dirname(path.resolve(file))]);
const base = `http://127.0.0.1:${server.address().port}`;
const context = await launch([], { gpu, viewport: { width: 1280, height: 720 } });
await warmUp(context, base);
const page = await context.newPage();
page.setDefaultTimeout(600000);
await page.goto(`${base}/index.html?src=${path.basename(file)}`);
await page.evaluate(() => window.timelineReady.then(() => true));
await page.mouse.move(640, 300);
await page.waitForTimeout(500);
const draw = (n) => page.evaluate(async (n) => {
  const tl = window.timeline, w = tl.getWindow();
  const a = Date.parse(w.start), b = Date.parse(w.end);
  const drawn0 = tl._call('cs_drawn_count', 'number', [], []);
  let vertices = 0;
  for (let i = 0; i < n; i++) {
    const s = (i % 2) * 1000 * Math.max(1, (b - a) / 1e9);
    tl.setWindow(new Date(a + s).toISOString(), new Date(b + s).toISOString());
    await new Promise((r) => requestAnimationFrame(() => r()));
    vertices += tl._call('cs_frame_vertices', 'number', [], []);
  }
  return { drawn: tl._call('cs_drawn_count', 'number', [], []) - drawn0, vertices: vertices / n };
}, n);
console.log(`${path.basename(file)}, ${gpu === 'default' ? 'software' : 'SwiftShader'} compositor: CPU ms per frame drawn`);
for (const v of views) {
  await page.evaluate((v) => {
    const [a, b] = v === 'fit' ? ['1890-01-01', '2035-01-01'] : v.split('/');
    window.timeline.setWindow(a, b);
  }, v);
  await page.waitForTimeout(300);
  await draw(frames);   // (once to settle: text runs, tiles)
  const c0 = processCpu();
  const r = await draw(frames);
  const d = cpuDelta(c0, processCpu());
  const per = (k) => (d[k] === undefined ? '' : ((d[k] * 1000) / Math.max(1, r.drawn)).toFixed(1));
  console.log(`${v.padEnd(24)} ${String(r.drawn).padStart(4)} drawn, ${r.vertices.toFixed(0).padStart(6)} vertices: GPU ${per('gpu-process')} page ${per('renderer')}`);
}
await context.close();
server.close();
