// Every script (issue 12): text the engine's atlas cannot draw is drawn by the browser (web/src/text.js) with the
// page's Noto slices. A data file in Latin, Greek, Cyrillic, Chinese, Japanese, Korean, Arabic, Hebrew, Devanagari,
// Thai and emoji shows no missing glyph; the widths the widget gives runs are the browser's measureText of the
// same string and font; screenshots at devicePixelRatio 2 for the eye; the font bytes a page fetches.
// Registered by run.mjs.
import fs from 'node:fs';
import path from 'node:path';
import { assert, colourStats, decodePng, skip, test } from './harness.mjs';

// env: {context, base, repo, dataDir, out, frames(page, n)}
export function register(env) {
  const { context, base } = env;

  // A page of the demo at a device pixel ratio, its fetches counted (cache off): {page, fetched: [{url, bytes}]}
  async function openCounted(dpr, url = '/index.html', size = [1200, 700]) {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const urls = new Map(), fetched = [];
    cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
    cdp.on('Network.loadingFinished', (e) => fetched.push({ url: urls.get(e.requestId) || '', bytes: e.encodedDataLength }));
    await cdp.send('Emulation.setDeviceMetricsOverride', { width: size[0], height: size[1], deviceScaleFactor: dpr, mobile: false });
    await page.goto(base + url);
    await page.waitForFunction(() => (window.timelineReady || window.ready) !== undefined, null, { timeout: 30000 });
    await page.evaluate(() => (window.timelineReady || window.ready).then(() => true));
    await env.frames(page, 2);
    return { page, fetched, cdp };
  }
  const fontBytes = (fetched, from = 0) => fetched.slice(from).filter((f) => f.url.includes('/fonts/'))
    .reduce((a, f) => ({ bytes: a.bytes + f.bytes, files: a.files + 1 }), { bytes: 0, files: 0 });
  const load = (page, src) => page.evaluate((s) => window.timeline.load({ src: s }).then((i) => i.events), src);
  const missing = (page) => page.evaluate(() => window.timeline.missingGlyphs());

  test('every script: no missing glyph, run widths are the browser\'s measureText (within 2 %)', async () => {
    const { page } = await openCounted(2);
    assert(await load(page, '/scripts.json') === 15, 'scripts.json loaded');
    assert(await missing(page) === 0, `missing glyphs: ${await missing(page)}`);
    // the widths the widget gives labels (through the run cache, as a label is measured), against measureText of
    // the same text in the same font stack at the same device pixels
    const titles = JSON.parse(fs.readFileSync(path.join(env.repo, 'tests/browser/fixtures/scripts.json'), 'utf8'))
      .events.map((e) => e.title).filter((t) => /[^\u0000-\u02FF\u0370-\u052F]/u.test(t));
    const res = await page.evaluate(async (texts) => {
      const m = await (await fetch('fonts/text/manifest.json')).json();
      const stack = m.families.map((f) => '"Chronoscope ' + f.family + '"').join(', ');
      const c = document.createElement('canvas').getContext('2d');
      const out = [];
      for (const t of texts) {
        for (const bold of [0, 1]) {
          let w = -1;
          for (let i = 0; i < 200 && w < 0; i++) {   // -1 while its fonts load
            w = window.timeline._call('cs_test_text_width', 'number', ['string', 'number', 'number'], [t, 15, bold]);
            if (w < 0) await new Promise((r) => setTimeout(r, 50));
          }
          await document.fonts.load((bold ? '700 ' : '400 ') + 30 + 'px ' + stack, t);
          c.font = (bold ? '700 ' : '400 ') + 30 + 'px ' + stack;
          c.direction = 'ltr';
          out.push({ t, bold, widget: w, browser: c.measureText(t).width / 2 });
        }
      }
      return out;
    }, titles);
    const bad = res.filter((r) => !(r.widget > 0) || Math.abs(r.widget - r.browser) > 0.02 * r.browser);
    assert(res.length >= 20 && !bad.length, `widths differ: ${JSON.stringify(bad)}`);
    await page.close();
  });

  test('every script: screenshots at devicePixelRatio 2 (Chinese, Arabic, Devanagari, emoji, mixed)', async () => {
    const { page, cdp } = await openCounted(2);
    await load(page, '/scripts.json');
    const shots = [['overview', null], ['chinese', 'zh-hans'], ['arabic', 'ar'], ['devanagari', 'hi'], ['emoji', 'emoji'],
                   ['mixed', 'mixed'], ['thai', 'th']];
    for (const [name, id] of shots) {
      if (id) await page.evaluate((i) => { window.timeline.select(i); }, id);
      await page.evaluate(() => window.timeline.missingGlyphs());   // (and let fonts settle: a frame or two)
      await env.frames(page, 3);
      await page.waitForFunction(() => document.fonts.status === 'loaded', null, { timeout: 20000 });
      await env.frames(page, 3);
      // (CDP's capture: at device pixels, which the page's emulated ratio is)
      const png = Buffer.from((await cdp.send('Page.captureScreenshot', { format: 'png' })).data, 'base64');
      fs.writeFileSync(path.join(env.out, `text-${name}.png`), png);
      const img = decodePng(png);
      assert(img.width >= 2400, `${name}: captured at ${img.width} px, not at devicePixelRatio 2`);
      assert(colourStats(img).distinct >= 20, `${name}: frame drawn`);
    }
    await page.close();
  });

  // The field draws its query as the labels are: a query in a script the data lacks (the demo has no Arabic) is
  // shaped text, not a row of the atlas's missing-glyph boxes, which would look the same for any four letters.
  test('the search field shows a query in a script the data lacks (Arabic, Devanagari), not boxes', async () => {
    const { page } = await openCounted(1);
    const shot = async (q, file) => {
      await page.evaluate((q) => { window.timeline.search(q); }, q);
      await env.frames(page, 3);
      await page.waitForFunction(() => document.fonts.status === 'loaded', null, { timeout: 20000 });
      await env.frames(page, 3);
      return decodePng(await page.locator('canvas').first().screenshot({ path: path.join(env.out, file) }));
    };
    const differ = (a, b) => {
      let n = 0;
      for (let i = 0; i < a.rgba.length; i += 4)
        n += a.rgba[i] !== b.rgba[i] || a.rgba[i + 1] !== b.rgba[i + 1] || a.rgba[i + 2] !== b.rgba[i + 2];
      return n;
    };
    for (const [a, b, name] of [['\u0633\u0644\u0627\u0645', '\u0645\u0644\u0627\u0633', 'arabic'],
                                ['\u0926\u093f\u0932\u094d\u0932\u0940', '\u0932\u0940\u0926\u093f\u0932\u094d', 'devanagari']]) {
      await shot(b, `text-search-${name}-0.png`);   // (the page settled: only the field's text differs next)
      const one = await shot(a, `text-search-${name}-1.png`), two = await shot(b, `text-search-${name}-2.png`);
      const n = differ(one, two);
      assert(n >= 40, `${name}: two queries of the same letters in another order draw ${n} different pixels`);
    }
    await page.close();
  });

  test('the real-world files show no missing glyph', async () => {
    const dir = path.join(process.env.CS_SHARED_DIR || path.join(env.repo, '../shared'), 'conformance/realworld');
    if (!fs.existsSync(dir)) skip(`no shared corpora: ${dir} is absent`);
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
    if (!files.length) skip(`no real-world files in ${dir}`);
    const page = await context.newPage();
    await page.goto(base + '/index.html');
    await page.waitForFunction(() => window.timelineReady !== undefined, null, { timeout: 30000 });
    await page.evaluate(() => window.timelineReady.then(() => true));
    const got = [];
    for (const f of files) {
      fs.copyFileSync(path.join(dir, f), path.join(env.dataDir, 'text-realworld-' + f));
      const n = await load(page, '/text-realworld-' + f).catch((e) => 'error: ' + e.message);
      const m = await missing(page);
      got.push(`${f}: ${n} events, ${m} missing`);
      assert(m === 0, got.join('; '));
    }
    console.log('      ' + got.join('\n      '));
    await page.close();
  });

  test('figures: font bytes a page fetches (Latin demo, Korean demo, every script, real-world CJK)', async () => {
    const rows = [];
    const measure = async (name, src, url) => {
      const { page, fetched } = await openCounted(1, url);
      const before = fetched.length;
      const t0 = Date.now();
      if (src) await load(page, src);
      const f = fontBytes(fetched, src ? before : 0);
      const all = fontBytes(fetched);
      rows.push(`${name}: ${all.bytes} bytes of fonts in ${all.files} files (${f.bytes} bytes in ${f.files} for the data; load ${Date.now() - t0} ms)`);
      await page.close();
      return all;
    };
    const latin = await measure('Latin-only page (latin.html)', null, '/latin.html');
    await measure('demo page (BTS, Hangul)', null);
    await measure('every script (scripts.json)', '/scripts.json');
    const dir = path.join(process.env.CS_SHARED_DIR || path.join(env.repo, '../shared'), 'conformance/realworld');
    if (fs.existsSync(dir))
      for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.json'))) {
        fs.copyFileSync(path.join(dir, f), path.join(env.dataDir, 'text-bytes-' + f));
        await measure(f, '/text-bytes-' + f);
      }
    console.log('      ' + rows.join('\n      '));
    assert(latin.files === 2, `a Latin page fetches its two UI fonts only (${latin.files} font files)`);
  });

  test('figures: frame cost with 200 labels drawn as runs, against 200 Latin labels', async () => {
    const make = (title) => ({ title: 'Frame cost', events: Array.from({ length: 240 }, (_, i) => ({
      id: 'e' + i, start: new Date(Date.UTC(2020, 0, 1) + i * 1.5 * 86400e3).toISOString().slice(0, 10),
      title: title(i), group: 'g' + (i % 20) })), groups: Array.from({ length: 20 }, (_, g) => ({ id: 'g' + g, label: 'G' + g })) });
    fs.writeFileSync(path.join(env.dataDir, 'text-cost-latin.json'), JSON.stringify(make((i) => `Xia ${i}`)));
    fs.writeFileSync(path.join(env.dataDir, 'text-cost-cjk.json'), JSON.stringify(make((i) => `夏朝 ${i}`)));
    const { page } = await openCounted(1, '/index.html', [1400, 1300]);
    const rows = [];
    for (const name of ['latin', 'cjk']) {
      await load(page, `/text-cost-${name}.json`);
      await page.evaluate(() => window.timeline.missingGlyphs());
      await env.frames(page, 10);
      const r = await page.evaluate(async () => {
        const tl = window.timeline, ms = [];
        for (let i = 0; i < 60; i++) {   // (the widget runs every frame, drawn or not)
          await new Promise((res) => requestAnimationFrame(res));
          ms.push(tl._call('cs_widget_ms', 'number', [], []));
        }
        ms.sort((a, b) => a - b);
        const shown = JSON.parse(tl._call('cs_test_labelled_events', 'string', [], [])).length;
        return { median: ms[30], p90: ms[54], shown };
      });
      rows.push(`${name}: widget ${r.median.toFixed(2)} ms median, ${r.p90.toFixed(2)} ms p90 a frame, ${r.shown} labels drawn`);
    }
    console.log('      ' + rows.join('\n      '));
    await page.close();
  });
}
