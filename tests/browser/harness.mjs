// Browser test harness: a static file server, Debian's headless Chromium through playwright-core, a PNG
// decoder for screenshots, and a tiny test runner that ends with "browser: N passed, N failed, N skipped" (a test
// that cannot run here calls skip(reason)).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';

// Scratch folders made by the tests and the browsers they launch, removed when the process exits (however it
// ends), so repeated runs do not fill /tmp.
const scratch = new Set();
process.on('exit', () => { for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true }); });

// A new empty folder under /tmp named PREFIX…, removed when the process exits.
export function scratchDir(prefix) {
  const dir = fs.mkdtempSync(path.join('/tmp', prefix));
  scratch.add(dir);
  return dir;
}

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.json': 'application/json', '.ttf': 'font/ttf', '.png': 'image/png',
  '.css': 'text/css', '.map': 'application/json', '.svg': 'image/svg+xml',
};

// A static server on 127.0.0.1 at an ephemeral port over `roots` (first match wins). A root is a folder served at
// /, or {dir, prefix, headers}: a folder served under the URL path `prefix` (e.g. '/sub/app/'), with extra response
// headers (e.g. a Content-Security-Policy, CORS). `?slow=1` sends a file in 64 KB pieces 10 ms apart, as a slow
// network would, `?nolength=1` leaves out its size (Content-Length), and `?claim=N` announces N bytes (sends the file
// and holds the response open);
// server.sent[pathname] is how many bytes of the last such response went out before it ended or the client left.
// server.delay (ms, 0 to start with; may be changed at any time) holds every response back that long first, as a
// far server or CDN would.
export function serve(roots) {
  const sent = {};
  const mounts = roots.map((r) => (typeof r === 'string' ? { dir: r, prefix: '/', headers: {} }
                                                          : { prefix: '/', headers: {}, ...r }));
  const server = http.createServer({ maxHeaderSize: 1 << 20 }, (req, res) => {  // (long URLs too)
    if (server.delay > 0) setTimeout(respond, server.delay, req, res);
    else respond(req, res);
  });
  function respond(req, res) {
    const url = new URL(req.url, 'http://x');
    let path0 = decodeURIComponent(url.pathname);
    if (path0.endsWith('/')) path0 += 'index.html';
    for (const { dir: root, prefix, headers } of mounts) {
      if (!path0.startsWith(prefix)) continue;
      const rel = '/' + path0.slice(prefix.length);
      const file = path.join(root, path.normalize(rel).replace(/^(\.\.[/\\])+/, ''));
      if (file.startsWith(path.resolve(root)) && fs.existsSync(file) && fs.statSync(file).isFile()) {
        const head = { 'Content-Type': MIME[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-store', ...headers };
        if (!url.searchParams.get('nolength')) head['Content-Length'] = fs.statSync(file).size;  // else chunked
        const claim = url.searchParams.get('claim');
        if (claim) {  // announces `claim` bytes, sends the file and holds the response open (up to 10 s)
          head['Content-Length'] = claim;
          res.writeHead(200, head);
          res.write(fs.readFileSync(file));
          const t = setTimeout(() => res.destroy(), 10000);
          res.on('close', () => clearTimeout(t));
          return;
        }
        res.writeHead(200, head);
        if (!url.searchParams.get('slow')) {
          fs.createReadStream(file).pipe(res);
          return;
        }
        const body = fs.readFileSync(file);
        let at = 0;
        sent[url.pathname] = 0;
        const next = () => {
          if (res.destroyed || at >= body.length) { res.end(); return; }
          const piece = body.subarray(at, at + 65536);
          at += piece.length;
          sent[url.pathname] = at;
          res.write(piece);
          setTimeout(next, 10);
        };
        next();
        return;
      }
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found');
  }
  server.sent = sent;
  server.delay = 0;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// Debian's Chromium, headless; extraArgs: more command-line switches (e.g. --disable-3d-apis for a browser without
// WebGL); options: more of Playwright's context options (e.g. viewport, headless: false), and gpu: 'swiftshader'
// (the default: WebGL and the display compositor both on SwiftShader, through the switches below) or 'default'
// (none of those switches: what Chromium does by itself on a machine without a GPU, i.e. here: WebGL on SwiftShader
// and the compositor in software).
export async function launch(extraArgs = [], options = {}) {
  const { gpu = 'swiftshader', ...contextOptions } = options;
  const exe = process.env.CHROMIUM || '/usr/bin/chromium';
  const userDir = scratchDir('cs-chromium-');
  const gpuArgs = gpu === 'default' ? [] : ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'];
  return chromium.launchPersistentContext(userDir, {
    executablePath: exe,
    headless: true,
    viewport: { width: 1280, height: 720 },
    args: ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', ...gpuArgs, ...extraArgs],
    ...contextOptions,
  });
}

// Opens the demo once in context and closes it: the first WebGL use in a fresh browser starts its GPU process, which
// holds up painting for a few hundred milliseconds once. Benchmarks call it before what they time.
export async function warmUp(context, base) {
  const warm = await context.newPage();
  await warm.goto(`${base}/index.html`);
  await warm.evaluate(() => window.timelineReady.then(() => true));
  await warm.close();
}

// Runs fn(context) in a browser of its own, launched with extraArgs, and closes it whatever happens.
export async function withBrowser(extraArgs, fn) {
  const context = await launch(extraArgs);
  try {
    return await fn(context);
  } finally {
    await context.close();
  }
}

// Decodes an 8-bit, non-interlaced RGB or RGBA PNG (what Chromium's screenshots are) to {width, height, rgba}.
export function decodePng(buf) {
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let pos = 8, width = 0, height = 0, type = 0, depth = 0, interlace = 0;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const kind = buf.toString('latin1', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (kind === 'IHDR') {
      width = data.readUInt32BE(0); height = data.readUInt32BE(4);
      depth = data[8]; type = data[9]; interlace = data[12];
    } else if (kind === 'IDAT') idat.push(data);
    else if (kind === 'IEND') break;
    pos += 12 + len;
  }
  if (depth !== 8 || (type !== 2 && type !== 6) || interlace) throw new Error(`unsupported PNG (depth ${depth}, type ${type})`);
  const bpp = type === 6 ? 4 : 3;
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const out = Buffer.alloc(width * height * 4);
  const prev = Buffer.alloc(stride), cur = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? cur[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
      let v = line[i];
      if (f === 1) v += a;
      else if (f === 2) v += b;
      else if (f === 3) v += (a + b) >> 1;
      else if (f === 4) { const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
                          v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c; }
      cur[i] = v & 255;
    }
    for (let x = 0; x < width; x++) {
      out[(y * width + x) * 4] = cur[x * bpp]; out[(y * width + x) * 4 + 1] = cur[x * bpp + 1];
      out[(y * width + x) * 4 + 2] = cur[x * bpp + 2]; out[(y * width + x) * 4 + 3] = bpp === 4 ? cur[x * bpp + 3] : 255;
    }
    cur.copy(prev);
  }
  return { width, height, rgba: out };
}

// Colour statistics of an image: how many distinct colours (quantised) and the share of the commonest one.
export function colourStats(img) {
  const counts = new Map();
  const n = img.width * img.height;
  for (let i = 0; i < n; i++) {
    const k = ((img.rgba[i * 4] >> 3) << 10) | ((img.rgba[i * 4 + 1] >> 3) << 5) | (img.rgba[i * 4 + 2] >> 3);
    counts.set(k, (counts.get(k) || 0) + 1);
  }
  let top = 0;
  for (const c of counts.values()) top = Math.max(top, c);
  return { distinct: counts.size, topShare: top / n };
}

export function pixel(img, x, y) {
  const i = (Math.round(y) * img.width + Math.round(x)) * 4;
  return [img.rgba[i], img.rgba[i + 1], img.rgba[i + 2]];
}

// Opens base + url in a new page of `context`, as the tests open pages: setup(page) first (emulation, routes, init
// scripts); the page's uncaught exceptions and console errors go to `errors` ("url: message"), when given; then,
// unless `ready` is false, waits (up to 30 s) until the page's timelines are ready (window.timelineReady,
// window.timelines or window.ready: whichever the page has) and `frames` more animation frames have run.
export async function openPage(context, base, url, { errors = null, setup = null, ready = true, frames = 3 } = {}) {
  const p = await context.newPage();
  if (setup) await setup(p);
  if (errors) {
    p.on('pageerror', (e) => errors.push(`${url}: ${e.message}`));
    p.on('console', (m) => { if (m.type() === 'error') errors.push(`${url}: ${m.text()}`); });
  }
  await p.goto(base + url);
  if (!ready) return p;
  await p.waitForFunction(() => window.timelineReady !== undefined || window.timelines !== undefined || window.ready !== undefined,
                          null, { timeout: 30000 });
  await p.evaluate(() => Promise.all([window.timelineReady, window.timelines, window.ready].filter(Boolean)).then(() => true));
  if (frames > 0) {
    await p.evaluate((n) => new Promise((r) => {
      let k = 0; const f = () => (++k >= n ? r() : requestAnimationFrame(f)); requestAnimationFrame(f);
    }), frames);
  }
  return p;
}

// The benchmarks' timed interaction: the pointer to (x, y) over a plot `width` pixels wide, then each step of `plan`
// in turn: a number n, |n| wheel notches (n < 0: in, n > 0: out) 30 ms apart; 'drag', a 2-second drag back and forth
// across 30% of the width each side; a function, awaited (e.g. a heap sample); then `after` ms. Every animation
// frame the page paints meanwhile is recorded. Returns {intervals: ms between those frames, wheel: per wheel
// event, ms from the event to the start of the second frame after it (the first draws what it did; the second
// starts once that one is out): the delay a user sees, frames: the frames' requestAnimationFrame timestamps}.
export async function timeInteraction(page, { x, y, width, plan = [-20, 20, 'drag'], after = 0 }) {
  await page.mouse.move(x, y);
  await page.evaluate(() => {
    if (window.__timing) window.__timing.stop();
    const t = window.__timing = { frames: [], wheel: [], on: true };
    const tick = (ts) => { if (t.on) { t.frames.push(ts); requestAnimationFrame(tick); } };
    requestAnimationFrame(tick);
    const onWheel = (e) => {
      const t0 = e.timeStamp;
      requestAnimationFrame(() => requestAnimationFrame(() => { if (t.on) t.wheel.push(performance.now() - t0); }));
    };
    addEventListener('wheel', onWheel, { capture: true, passive: true });
    t.stop = () => { t.on = false; removeEventListener('wheel', onWheel, { capture: true }); };
  });
  for (const step of plan) {
    if (typeof step === 'function') {
      await step();
    } else if (step === 'drag') {
      await page.mouse.down();
      const t0 = Date.now();
      while (Date.now() - t0 < 2000) {
        const k = (Date.now() - t0) / 2000;
        await page.mouse.move(x + Math.sin(k * Math.PI * 2) * width * 0.3, y);
        await page.waitForTimeout(16);
      }
      await page.mouse.up();
    } else {
      for (let i = 0; i < Math.abs(step); i++) { await page.mouse.wheel(0, Math.sign(step) * 120); await page.waitForTimeout(30); }
    }
  }
  if (after) await page.waitForTimeout(after);
  const { frames, wheel } = await page.evaluate(() => {
    const t = window.__timing;
    t.stop();
    return { frames: t.frames, wheel: t.wheel };
  });
  return { intervals: frames.slice(1).map((t, i) => t - frames[i]), wheel, frames };
}

// The p-quantile (0..1) of numbers: the value at floor(p * n) of them sorted (NaN for none).
export function quantile(values, p) {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN;
}

// Minimal runner: test(name, fn) registers; run() executes in order (only those whose name matches `only`, a
// RegExp, when given), prints results and the summary line.
const tests = [];
// A test that cannot run here (what it needs is absent) calls skip(reason): it is listed as skipped, never passed.
export function test(name, fn) { tests.push({ name, fn }); }
export function skip(reason) { const e = new Error(reason); e.skip = reason; throw e; }
export async function run(ctx, only) {
  let passed = 0, failed = 0, skipped = 0;
  for (const t of tests.filter((x) => !only || only.test(x.name))) {
    const t0 = Date.now();
    try {
      await t.fn(ctx);
      passed++;
      console.log(`ok   ${t.name} (${Date.now() - t0} ms)`);
    } catch (e) {
      if (e && e.skip) {
        skipped++;
        console.log(`SKIP ${t.name}: ${e.skip}`);
        continue;
      }
      failed++;
      console.log(`FAIL ${t.name} (${Date.now() - t0} ms)\n     ${String(e && e.stack || e).split('\n').slice(0, 4).join('\n     ')}`);
    }
  }
  console.log(`browser: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  return failed;
}

export function assert(cond, msg) { if (!cond) throw new Error(msg || 'assertion failed'); }
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
