// Browser tests of the web package: the bundle under a strict Content-Security-Policy, the ES module, the bundle
// loaded from another origin, and the site served from a sub-path. Registered by run.mjs.
import { colourStats, assert, test } from './harness.mjs';

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'";

// env: {context, base, crossBase, shot(page, file, sel), frames(page, n)}
export function register(env) {
  const { context } = env;

  // A page with everything that can report a problem collected: console errors (workers' too), uncaught
  // exceptions, the browser's own log (CSP refusals, failed loads), responses >= 400, the workers it starts.
  async function watchedPage(url) {
    const page = await context.newPage();
    const w = { page, errors: [], workers: [], failed: [] };
    page.on('console', (m) => { if (m.type() === 'error') w.errors.push('console: ' + m.text()); });
    page.on('pageerror', (e) => w.errors.push('pageerror: ' + e.message));
    page.on('worker', (wk) => w.workers.push(wk.url()));
    page.on('response', (r) => { if (r.status() >= 400) w.failed.push(r.status() + ' ' + r.url()); });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Log.enable');
    cdp.on('Log.entryAdded', (e) => { if (e.entry.level === 'error') w.errors.push('log: ' + e.entry.source + ': ' + e.entry.text); });
    await page.goto(env.base + url);
    return w;
  }

  async function drawn(page, name, sel = 'canvas') {
    await env.frames(page, 3);
    const img = await env.shot(page, name, sel);
    const st = colourStats(img);
    assert(st.distinct >= 20 && st.topShare < 0.97,
           `${name}: ${st.distinct} colours, the commonest covers ${(st.topShare * 100).toFixed(1)}%: the canvas looks blank`);
  }

  test('a strict-CSP page gets the worker file, draws, and logs nothing', async () => {
    const w = await watchedPage('/csp/csp.html');
    const { page } = w;
    await page.evaluate(() => window.ready);
    await drawn(page, 'browser-csp.png');
    const r = await page.evaluate(() => {
      const c = document.querySelector('#x canvas'), cs = getComputedStyle(c);
      return { violations: window.violations, progress: window.progress, overlay: window.overlayStyle,
               canvas: { display: cs.display, width: c.getBoundingClientRect().width,
                         box: document.getElementById('x').getBoundingClientRect().width } };
    });
    assert(w.workers.some((u) => u.endsWith('/csp/chronoscope-worker.js')), `workers: ${JSON.stringify(w.workers)}`);
    assert(!w.workers.some((u) => u.startsWith('blob:')), `a blob: worker was tried: ${JSON.stringify(w.workers)}`);
    // only the worker reports counts of events read while it reads
    const counted = r.progress.filter((p) => p.events > 0);
    assert(counted.length >= 1 && counted.some((p) => p.events < 100000),
           `no progress counted by the worker: ${JSON.stringify(r.progress.slice(-4))}`);
    assert(r.violations.length === 0, `policy violations: ${r.violations.join('; ')}`);
    assert(w.errors.length === 0, w.errors.join('\n'));
    assert(w.failed.length === 0, `failed requests: ${w.failed.join(', ')}`);
    // styles set through the CSSOM apply under style-src 'self'
    assert(r.overlay && r.overlay.position === 'absolute' && r.overlay.display === 'block' && /^Loading /.test(r.overlay.text),
           `the progress overlay under the policy: ${JSON.stringify(r.overlay)}`);
    assert(r.canvas.display === 'block' && Math.abs(r.canvas.width - (r.canvas.box - 2)) <= 1,
           `the canvas's style under the policy: ${JSON.stringify(r.canvas)}`);
    await page.close();
  });

  test('the ES module: import chronoscope.mjs, draw, select', async () => {
    const w = await watchedPage('/module.html');
    const { page } = w;
    const r = await page.evaluate(() => window.ready);
    assert(/^\d+\.\d+\.\d+/.test(r.version) && r.defaultVersion === r.version && r.sameCreate,
           `exports: ${JSON.stringify(r)}`);
    assert(r.global === 'undefined', 'the module defines no global Chronoscope');
    await page.evaluate(() => { window.timeline.setWindow('2020-05-01', '2021-01-01'); });
    await env.frames(page, 3);
    const pos = await page.evaluate(() => window.timeline.locate('dynamite-release'));
    assert(pos, 'dynamite-release is drawn');
    const box = await page.locator('canvas').boundingBox();
    await page.mouse.click(box.x + pos.x, box.y + pos.y);
    await env.frames(page, 3);
    const sel = await page.evaluate(() => window.timeline.getSelection());
    assert(sel && sel.id === 'dynamite-release', `selection after a click: ${JSON.stringify(sel)}`);
    assert(w.workers.some((u) => u.endsWith('/chronoscope-worker.js')), `workers: ${JSON.stringify(w.workers)}`);
    await drawn(page, 'browser-module.png');
    assert(w.errors.length === 0, w.errors.join('\n'));
    await page.close();
  });

  test('chronoscope.js from another origin parses in a blob: worker that imports the file', async () => {
    const w = await watchedPage('/cross-origin.html?from=' + encodeURIComponent(env.crossBase + '/'));
    const { page } = w;
    await page.evaluate(() => window.ready);
    await drawn(page, 'browser-cross-origin.png');
    const progress = await page.evaluate(() => window.progress);
    assert(w.workers.some((u) => u.startsWith('blob:')), `workers: ${JSON.stringify(w.workers)}`);
    assert(progress.some((p) => p.events > 0), `no progress counted by a worker: ${JSON.stringify(progress.slice(-3))}`);
    assert(w.errors.length === 0, w.errors.join('\n'));
    assert(w.failed.length === 0, `failed requests: ${w.failed.join(', ')}`);
    await page.close();
  });

  test('the site works from a sub-path', async () => {
    const w = await watchedPage('/sub/dir/index.html');
    const { page } = w;
    await page.evaluate(() => window.timelineReady.then(() => true));
    await drawn(page, 'browser-subpath.png');
    const sel = await page.evaluate(() => window.timeline.select('dynamite-release') && window.timeline.getSelection().id);
    assert(sel === 'dynamite-release', `selection: ${sel}`);
    assert(w.workers.some((u) => u.endsWith('/sub/dir/chronoscope-worker.js')), `workers: ${JSON.stringify(w.workers)}`);
    assert(w.failed.length === 0, `failed requests: ${w.failed.join(', ')}`);
    assert(w.errors.length === 0, w.errors.join('\n'));
    // the examples folder, one level down
    const e = await watchedPage('/sub/dir/examples/embed.html');
    await e.page.evaluate(() => window.timelines.then(() => true));
    await drawn(e.page, 'browser-subpath-embed.png', '#b canvas');
    assert(e.failed.length === 0 && e.errors.length === 0, `${e.failed.join(', ')} ${e.errors.join('\n')}`);
    await e.page.close();
    await page.close();
  });
}
