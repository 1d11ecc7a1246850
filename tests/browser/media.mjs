// Pictures (issue 13): the browser fetches and decodes a story's pictures and the details panel draws them, under
// the strict Content-Security-Policy; a picture that cannot be loaded leaves a placeholder. Registered by run.mjs.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { assert, decodePng, openPage, test } from './harness.mjs';

// A solid-colour RGB PNG, w x h.
function solidPng(w, h, [r, g, b]) {
  const row = Buffer.alloc(1 + w * 3);
  for (let x = 0; x < w; x++) row.set([r, g, b], 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: h }, () => row));
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(zlib.crc32 ? zlib.crc32(td) : crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
                        chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
function crc32(buf) {
  let c, crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const GREEN = [0, 200, 80];

// env: {context, base, dataDir (served at / and, under the strict policy, at /csp/), out, frames(page, n)}
export function register(env) {
  const { context } = env;
  fs.mkdirSync(path.join(env.dataDir, 'media'), { recursive: true });
  fs.writeFileSync(path.join(env.dataDir, 'media', 'green.png'), solidPng(120, 90, GREEN));
  fs.writeFileSync(path.join(env.dataDir, 'media', 'not-a-picture.png'), 'this is text, not a PNG\n');
  fs.writeFileSync(path.join(env.dataDir, 'media-story.json'), JSON.stringify({
    title: 'Pictures',
    events: [
      { id: 'pic', start: '2020-01-01', end: '2020-05-01', title: 'A green picture',
        media: { url: 'media/green.png', caption: 'A green rectangle', credit: 'Made by the test' } },
      { id: 'missing', start: '2020-07-01', title: 'Missing', media: { url: 'media/missing.png', credit: 'Nobody' } },
      { id: 'broken', start: '2020-09-01', title: 'Broken', media: { url: 'media/not-a-picture.png', credit: 'Nobody' } },
      { id: 'plain', start: '2020-11-01', title: 'Plain' },
    ],
  }));

  // The canvas as an image, and the details panel's part of it (the right quarter, below the bar).
  async function panel(page, file) {
    const png = await page.locator('#x canvas').screenshot(file ? { path: path.join(env.out, file) } : {});
    const img = decodePng(png);
    const x0 = Math.floor(img.width * 0.75), y0 = 60;
    const px = [];
    for (let y = y0; y < img.height; y++)
      for (let x = x0; x < img.width; x++) {
        const i = (y * img.width + x) * 4;
        px.push([img.rgba[i], img.rgba[i + 1], img.rgba[i + 2]]);
      }
    return px;
  }
  const near = (p, c, d = 12) => Math.abs(p[0] - c[0]) <= d && Math.abs(p[1] - c[1]) <= d && Math.abs(p[2] - c[2]) <= d;
  const count = (px, c) => px.filter((p) => near(p, c)).length;
  // the share of the panel that the second most common colour covers (a placeholder's fill is a large flat box)
  function secondShare(px) {
    const m = new Map();
    for (const p of px) { const k = (p[0] >> 2) << 12 | (p[1] >> 2) << 6 | (p[2] >> 2); m.set(k, (m.get(k) || 0) + 1); }
    const v = [...m.values()].sort((a, b) => b - a);
    return (v[1] || 0) / px.length;
  }
  async function until(page, fn, ms = 8000) {
    const t0 = Date.now();
    for (;;) {
      await env.frames(page, 2);
      const r = await fn();
      if (r.ok || Date.now() - t0 > ms) return r;
      await new Promise((res) => setTimeout(res, 100));
    }
  }

  test('a local picture appears in the details panel after select(), a broken one leaves a placeholder (strict CSP)', async () => {
    const errors = [];
    const page = await openPage(context, env.base, '/csp/media.html', { errors });
    const sel = await page.evaluate(() => { window.timeline.select('pic'); return window.timeline.getSelection(); });
    assert(sel && sel.media && sel.media.url === 'media/green.png' && sel.media.credit === 'Made by the test',
           `the selection's media: ${JSON.stringify(sel && sel.media)}`);
    const shown = await until(page, async () => {
      const px = await panel(page);
      const n = count(px, GREEN);
      return { ok: n > px.length * 0.15, n, of: px.length };
    });
    await panel(page, 'browser-media-picture.png');
    assert(shown.ok, `the picture's green covers ${shown.n} of ${shown.of} pixels of the panel`);
    for (const id of ['missing', 'broken']) {
      await page.evaluate((id) => window.timeline.select(id), id);
      const r = await until(page, async () => {
        const px = await panel(page);
        const share = secondShare(px);
        return { ok: share > 0.12 && count(px, GREEN) === 0, share, green: count(px, GREEN) };
      });
      await panel(page, `browser-media-${id}.png`);
      assert(r.ok, `${id}: no placeholder box in the panel (second colour ${(r.share * 100).toFixed(1)}%, ${r.green} green pixels)`);
    }
    await page.evaluate(() => window.timeline.select('plain'));
    const plain = await until(page, async () => {
      const px = await panel(page);
      return { ok: secondShare(px) < 0.05, share: secondShare(px) };
    }, 2000);
    assert(plain.ok, `an event without media shows a box in the panel (${(plain.share * 100).toFixed(1)}%)`);
    const violations = await page.evaluate(() => window.violations);
    assert(violations.length === 0, `policy violations: ${violations.join('; ')}`);
    const unexpected = errors.filter((e) => !/404|Not Found|missing\.png/.test(e));
    assert(unexpected.length === 0, unexpected.join('\n'));
    await page.close();
  });

  test('the BTS story shows its own pictures: Wembley (SVG) in the panel', async () => {
    const page = await openPage(context, env.base, '/index.html', { setup: (p) => p.setViewportSize({ width: 1280, height: 720 }) });
    await page.evaluate(() => { window.timeline.setWindow('2019-03-01', '2019-09-01'); window.timeline.select('wembley'); });
    const r = await until(page, async () => {
      const png = await page.locator('canvas').first().screenshot();
      const img = decodePng(png);
      let night = 0, total = 0;
      for (let y = 60; y < img.height; y++)
        for (let x = Math.floor(img.width * 0.72); x < img.width; x++) {
          const i = (y * img.width + x) * 4, p = [img.rgba[i], img.rgba[i + 1], img.rgba[i + 2]];
          total++;
          if (p[2] > p[0] && p[2] > p[1] + 15 && p[0] < 90 && p[1] < 60) night++;  // the picture's night sky
        }
      return { ok: night > total * 0.05, night, total };
    });
    await page.locator('canvas').first().screenshot({ path: path.join(env.out, 'browser-bts-wembley.png') });
    assert(r.ok, `the Wembley picture's night sky covers ${r.night} of ${r.total} pixels of the panel`);
    await page.evaluate(() => { window.timeline.setWindow('2021-04-01', '2021-09-01'); window.timeline.select('butter-no1'); });
    await until(page, async () => ({ ok: false }), 1500);
    await page.locator('canvas').first().screenshot({ path: path.join(env.out, 'browser-bts-chart.png') });
    await page.close();
  });

  test("media: 'embed' lays a YouTube player over the video's card; by default no third-party request", async () => {
    const page = await context.newPage();
    const third = [];
    await page.route(/^https:\/\/(www\.youtube-nocookie\.com|player\.vimeo\.com)\//, (route) => {
      third.push(route.request().url());
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>player</title>' });
    });
    await page.goto(env.base + '/empty.html');
    const data = { events: [
      { id: 'v', start: '2020-01-01', title: 'A video', media: { url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', caption: 'c' } },
      { id: 'w', start: '2020-06-01', title: 'Another' } ] };
    const make = (opts) => page.evaluate(async ({ data, opts }) => {
      const el = document.createElement('div');
      el.style.width = '1000px'; el.style.height = '420px';
      document.body.appendChild(el);
      const tl = await Chronoscope.create(el, Object.assign({ data }, opts));
      tl.select('v');
      await new Promise((r) => setTimeout(r, 400));
      const f = el.querySelector('iframe');
      const c = el.querySelector('canvas').getBoundingClientRect();
      const out = f ? { src: f.src, left: f.getBoundingClientRect().left - c.left, w: f.getBoundingClientRect().width,
                        h: f.getBoundingClientRect().height, canvas: c.width } : null;
      tl.select('w');
      await new Promise((r) => setTimeout(r, 300));
      const after = !!el.querySelector('iframe');
      tl.destroy();
      el.remove();
      return { frame: out, after };
    }, { data, opts });
    const plain = await make({});
    assert(plain.frame === null && third.length === 0, `without the option: ${JSON.stringify(plain)} ${third.join(', ')}`);
    const r = await make({ media: 'embed' });
    assert(r.frame && r.frame.src === 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ', `player: ${JSON.stringify(r.frame)}`);
    assert(r.frame.left > r.frame.canvas * 0.55 && Math.abs(r.frame.w / r.frame.h - 16 / 9) < 0.05,
           `the player is not over the panel's 16:9 card: ${JSON.stringify(r.frame)}`);
    assert(!r.after, 'the player stays after another event is selected');
    await page.close();
  });
}
