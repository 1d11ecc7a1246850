// A phone: 390 x 844 CSS pixels at a device pixel ratio of 3 with touch (CDP Emulation.setDeviceMetricsOverride,
// Emulation.setTouchEmulationEnabled, Input.dispatchTouchEvent): the demo fits, labels are drawn at the device's
// pixels, one finger pans, two fingers pinch about their midpoint, a tap selects. Registered by run.mjs.
import fs from 'node:fs';
import path from 'node:path';
import { assert, test } from './harness.mjs';

const W = 390, H = 844, DPR = 3;

// env: {context, base, out, frames(page, n), sleep(ms)}
export function register(env) {
  const { context } = env;

  // The demo on an emulated phone; the CDP session drives its touches (and its screenshots, which through
  // playwright would reset the emulated metrics).
  async function phone(url = '/index.html') {
    const p = await context.newPage();
    const cdp = await context.newCDPSession(p);
    await cdp.send('Emulation.setDeviceMetricsOverride', { width: W, height: H, deviceScaleFactor: DPR, mobile: true });
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
    await p.goto(env.base + url);
    await p.waitForFunction(() => window.timelineReady !== undefined, null, { timeout: 30000 });
    await p.evaluate(() => window.timelineReady.then(() => true));
    await env.frames(p, 3);
    // the title card (a sheet below the plot on a phone) goes: the plot is the whole width
    await p.focus('canvas');
    await p.keyboard.press('Escape');
    await env.frames(p, 3);
    // a window inside the data (no end of it to stop a pan), set at once (no animation under way)
    await p.evaluate(() => { window.timeline.setWindow('2019-01-01', '2020-01-01'); });
    await env.frames(p, 3);
    const box = await p.evaluate(() => { const r = document.querySelector('canvas').getBoundingClientRect();
      return { x: r.x, y: r.y, w: r.width, h: r.height }; });
    return { p, cdp, box };
  }

  async function shot(cdp, name) {
    const { data } = await cdp.send('Page.captureScreenshot', { format: 'png' });
    fs.writeFileSync(path.join(env.out, name), Buffer.from(data, 'base64'));
  }

  // One touch event; points: [[x, y], ...] in CSS pixels of the page (ids follow the order).
  const touch = (cdp, type, points) => cdp.send('Input.dispatchTouchEvent', {
    type, touchPoints: points.map(([x, y], i) => ({ x, y, id: i, radiusX: 4, radiusY: 4, force: 1 })),
  });

  // The fingers move from `from` to `to` in `steps`, a frame apart.
  async function gesture(ph, from, to, steps = 10) {
    await touch(ph.cdp, 'touchStart', from);
    await env.frames(ph.p, 2);
    for (let i = 1; i <= steps; i++) {
      const at = from.map(([x, y], k) => [x + (to[k][0] - x) * i / steps, y + (to[k][1] - y) * i / steps]);
      await touch(ph.cdp, 'touchMove', at);
      await env.frames(ph.p, 1);
    }
    await env.frames(ph.p, 1);
    await touch(ph.cdp, 'touchEnd', []);
    await env.frames(ph.p, 2);
  }

  const getWindow = (p) => p.evaluate(() => window.timeline.getWindow());
  const span = (w) => w.endYear - w.startYear;

  test('a phone (390 x 844, DPR 3): the demo fits, no horizontal scroll, the canvas has 3 device pixels per CSS pixel', async () => {
    const { p, cdp, box } = await phone();
    const fit = await p.evaluate(() => {
      const out = [];
      for (const el of document.querySelectorAll('header > *, #timeline, canvas')) {
        const r = el.getBoundingClientRect();
        if (r.width && (r.left < -0.5 || r.right > innerWidth + 0.5)) out.push(`${el.tagName}#${el.id}: ${r.left}..${r.right}`);
      }
      const c = document.querySelector('canvas');
      return { cut: out, scrollW: document.documentElement.scrollWidth, innerW: innerWidth, dpr: devicePixelRatio,
               backing: [c.width, c.height] };
    });
    assert(fit.dpr === DPR && fit.innerW === W, `emulation: ${fit.innerW} px at ${fit.dpr}`);
    assert(fit.scrollW <= W, `the page scrolls sideways: ${fit.scrollW} px wide`);
    assert(fit.cut.length === 0, `cut at the sides: ${fit.cut.join(', ')}`);
    assert(Math.abs(fit.backing[0] - box.w * DPR) <= 2 && Math.abs(fit.backing[1] - box.h * DPR) <= 2,
      `backing store ${fit.backing} for ${box.w}x${box.h} CSS px`);
    await p.evaluate(() => window.timeline.select('dynamite-release'));
    await env.frames(p, 4);
    await env.sleep(800);
    await shot(cdp, 'browser-phone.png');
    await p.close();
  });

  test('a phone: one finger pans the window, a tap selects the event under it', async () => {
    const ph = await phone();
    const { p, box } = ph;
    const before = await getWindow(p);
    const y = box.y + box.h * 0.45;
    await gesture(ph, [[box.x + 260, y]], [[box.x + 110, y]]);
    await env.sleep(300);
    const after = await getWindow(p);
    assert(after.startYear > before.startYear, `a swipe to the left moves the window later: ${before.startYear} -> ${after.startYear}`);
    assert(Math.abs(span(after) - span(before)) < span(before) * 0.01, 'one finger zoomed');
    // a tap
    await p.evaluate(() => { window.timeline.select(null); window.timeline.setWindow('2020-05-01', '2021-01-01'); });
    await env.frames(p, 3);
    const pos = await p.evaluate(() => window.timeline.locate('dynamite-release'));
    assert(pos, 'dynamite-release is drawn on its own');
    await touch(ph.cdp, 'touchStart', [[box.x + pos.x, box.y + pos.y]]);
    await env.frames(p, 2);
    await touch(ph.cdp, 'touchEnd', []);
    await env.frames(p, 3);
    const sel = await p.evaluate(() => window.timeline.getSelection());
    assert(sel && sel.id === 'dynamite-release', `after the tap: ${JSON.stringify(sel)}`);
    await p.close();
  });

  test('a phone: two fingers pinch the window about their midpoint', async () => {
    const ph = await phone();
    const { p, box } = ph;
    const y = box.y + box.h * 0.4;
    const mid = 150;  // (off centre: the time under it must stay there)
    const timeAt = (w, x) => w.startYear + (x / box.w) * span(w);
    const w0 = await getWindow(p);
    await gesture(ph, [[box.x + mid - 40, y], [box.x + mid + 40, y]], [[box.x + mid - 120, y], [box.x + mid + 120, y]]);
    const w1 = await getWindow(p);
    const ratio = span(w0) / span(w1);
    assert(ratio > 2.4 && ratio < 3.6, `fingers three times further apart: the span shrank ${ratio.toFixed(2)} times`);
    const drift = Math.abs(timeAt(w1, mid) - timeAt(w0, mid)) / span(w1);
    assert(drift < 0.03, `the time under the midpoint moved by ${(drift * 100).toFixed(1)}% of the window`);
    const sel = await p.evaluate(() => window.timeline.getSelection());
    assert(!sel, `a pinch selected ${sel && sel.id}`);
    // and back out, about another point
    await gesture(ph, [[box.x + 200, y], [box.x + 320, y]], [[box.x + 240, y], [box.x + 280, y]]);
    const w2 = await getWindow(p);
    assert(span(w2) > span(w1) * 2.4, `pinching in zoomed out ${(span(w2) / span(w1)).toFixed(2)} times`);
    await p.close();
  });
}
