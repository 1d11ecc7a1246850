// A tiled timeline in the browser: a generated million events packed at test time (the native chronoscope-gen
// and `chronoscope pack`, tile_data.mjs), opened with {tiles: URL} under a strict Content-Security-Policy, then
// fit-all, one day, back, select, search, the URL hash, a tile that fails, and screenshots (desktop and phone,
// light and dark). What the page shows is checked against the JSON Lines the set was packed from: counts, the
// titles drawn, the selected event's text, the number of matches. Registered by run.mjs.
import fs from 'node:fs';
import path from 'node:path';
import { assert, colourStats, decodePng, openPage, skip, sleep, test } from './harness.mjs';
import { makeTiles, nativeTools, readEvents, words } from './tile_data.mjs';

const N = 1000000;
const SET = 'tiles-1m-r5';  // the packed set's folder (5% ranges: see setup)
const DAY = 86400000;
const QUERIES = ['kyoto', 'vienna', 'baltic', 'humb', 'petition'];

// env: {context, base, dataDir, out, frames(page, n)}
export function register(env) {
  const { context, base, dataDir, out } = env;
  let data = null;       // {events, counts, manifest, url, textOf}
  let page = null;
  let setupError = null;

  async function setup() {
    if (data) return data;
    if (setupError) throw setupError;
    const tools = nativeTools();
    if (!tools) skip('no native build with chronoscope and chronoscope-gen (tests/run.sh --browser builds them)');
    try {
      // 5% ranges: with the generator's 30% (a fifth of them lasting years), every lane of any one day holds
      // dozens of overlapping ranges, which fold into clusters there, so a day would show no title to check
      const jsonl = path.join(dataDir, SET + '.jsonl');
      const dir = path.join(dataDir, SET);
      const t0 = Date.now();
      makeTiles(tools, N, jsonl, dir, ['--ranges', '5']);
      console.log(`     packed ${N} events in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      const chosen = new Set();
      const { events, counts } = await readEvents(jsonl, QUERIES, (o) => {
        // the first events with text: the ones selected below
        if (o.text && chosen.size < 3) { chosen.add(o.id); return true; }
        return false;
      });
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
      data = { events, counts, manifest, url: `/${SET}/manifest.json`, withText: events.filter((e) => e.text !== undefined) };
      return data;
    } catch (e) {
      setupError = e;
      throw e;
    }
  }

  const stats = (p) => p.evaluate(() => window.timeline.tileStats());
  const labelled = (p) => p.evaluate(() => JSON.parse(window.timeline._call('cs_test_labelled_events', 'string', [], [])));
  // Waits (up to `s` seconds) until the view's tiles are all here and drawn.
  // (two frames first: the engine takes a window set just before in its next frame, and until then the stats are
  // the last view's, complete and with nothing in flight)
  async function settled(p, s = 30) {
    await env.frames(p, 2);
    await p.waitForFunction(() => { const st = window.timeline.tileStats(); return st && st.complete && st.inFlight === 0; },
                            null, { timeout: s * 1000, polling: 100 });
    await env.frames(p, 3);
  }
  async function open(url) {
    const p = await openPage(context, base, url, { frames: 0 });
    await settled(p);
    return p;
  }
  async function snap(p, name) {
    const png = await p.locator('canvas').first().screenshot({ path: path.join(out, name) });
    return decodePng(png);
  }

  test('tiles: a packed million opens from its manifest under a strict CSP, every event counted at fit-all', async () => {
    const d = await setup();
    page = await open(`/csp/tiles.html?tiles=${encodeURIComponent(d.url)}`);
    const info = await page.evaluate(() => window.ready);
    const st = await stats(page);
    assert(st.events === N && d.manifest.events === N, `events: engine ${st.events}, manifest ${d.manifest.events}, packed ${N}`);
    assert(st.finestLevelInView >= 0, `drawn from level ${st.finestLevelInView}`);
    // the marks drawn at fit-all stand for every event once: their weights sum to the manifest's count
    assert(st.windowWeight === N, `the window's marks stand for ${st.windowWeight} events, not ${N}`);
    assert(st.bytesFetched < 4e6, `fit-all fetched ${st.bytesFetched} bytes`);
    const img = await snap(page, 'tiles-1m-fit.png');
    const cs = colourStats(img);
    assert(cs.distinct >= 20 && cs.topShare < 0.9, `the canvas looks blank: ${cs.distinct} colours, top ${cs.topShare}`);
    assert(info && info.startYear < 1501 && info.endYear > 2024, `fit-all window ${JSON.stringify(info)}`);
    const errors = await page.evaluate(() => window.errors);
    assert(errors.length === 0, `errors: ${errors.join('; ')}`);
  });

  test('tiles: zoomed to one day, the titles drawn are those of the real events of that day', async () => {
    const d = await setup();
    assert(page, 'the page of the first test');
    // a day in the middle of the set with events that start on it
    const mid = d.events.find((e, i) => i >= N / 2 && e.day);
    const day0 = Math.floor(mid.start / DAY) * DAY;
    const iso = (ms) => new Date(ms).toISOString();
    await page.evaluate(([a, b]) => { window.timeline.setWindow(a, b); }, [iso(day0), iso(day0 + DAY)]);
    await settled(page);
    await page.waitForFunction((leaf) => window.timeline.tileStats().finestLevelInView === leaf, d.manifest.levels - 1,
                               { timeout: 30000, polling: 100 }).catch(() => {});
    const st = await stats(page);
    assert(st.finestLevelInView === d.manifest.levels - 1, `one day is drawn from level ${st.finestLevelInView}, not the leaves`);
    // (the tiles are in; on a busy machine the frames that draw the day's labels may come a little later)
    await page.waitForFunction(() => JSON.parse(window.timeline._call('cs_test_labelled_events', 'string', [], [])).length > 0,
                               null, { timeout: 20000, polling: 100 }).catch(() => {});
    const drawn = await labelled(page);
    assert(drawn.length >= 1, 'no title drawn in a day with events');
    for (const l of drawn) {
      const ev = d.events[l.ordinal];
      assert(ev, `a label of ordinal ${l.ordinal}, past the end`);
      assert(ev.title === l.title, `ordinal ${l.ordinal} is drawn as "${l.title}" but is "${ev.title}"`);
      assert(ev.start < day0 + DAY * 1.5 && ev.end > day0 - DAY * 0.5,
             `"${l.title}" (ordinal ${l.ordinal}, ${iso(ev.start)}..${iso(ev.end)}) is not in ${iso(day0)}`);
    }
    // every event that starts that day is in the view, by its ordinal, with its title (labelled, or folded into a
    // cluster where the day's lanes are full of ranges running through it: the layout's rule for any data)
    const acc = await page.evaluate(() => JSON.parse(window.timeline._call('cs_events_in_view', 'string', ['number'], [1000])));
    assert(acc.events.length >= 1, 'the accessible list is empty');
    const listed = new Set(acc.events.map((r) => r.index));
    const starting = d.events.map((e, i) => [e, i]).filter(([e]) => e.start >= day0 && e.start < day0 + DAY);
    for (const [e, i] of starting)
      assert(listed.has(i), `"${e.title}" (ordinal ${i}) starts that day but is not in the view's events`);
    for (const r of acc.events) assert(d.events[r.index] && d.events[r.index].title === r.title,
                                       `list row ${r.index} "${r.title}" is not that ordinal's event`);
  });

  test('tiles: back to fit-all draws the coarse level again and the cache stays bounded', async () => {
    const d = await setup();
    const w = d.manifest;
    await page.evaluate(() => { window.timeline.setWindow('1490', '2035'); });
    await settled(page);
    const st = await stats(page);
    assert(st.finestLevelInView < w.levels - 1, `fit-all still drawn from level ${st.finestLevelInView}`);
    assert(st.windowWeight === N, `after the zoom the marks stand for ${st.windowWeight} events`);
    assert(st.cacheBytes <= 64 * 1048576, `cache ${st.cacheBytes} bytes`);
  });

  test('tiles: selecting an event by id shows its text from the text page', async () => {
    const d = await setup();
    const ev = d.withText[0];
    await page.evaluate((id) => { window.timeline.select(id); }, ev.id);
    await page.waitForFunction((id) => { const s = window.timeline.getSelection(); return s && s.id === id && s.text; },
                               ev.id, { timeout: 30000, polling: 100 });
    const sel = await page.evaluate(() => window.timeline.getSelection());
    assert(sel.title === ev.title, `selected "${sel.title}", not "${ev.title}"`);
    assert(sel.text === ev.text, `text "${sel.text}" is not "${ev.text}"`);
    await settled(page);
    await snap(page, 'tiles-1m-selected.png');
  });

  test('tiles: a search counts its matches from the shards and steps to one', async () => {
    const d = await setup();
    const q = QUERIES.find((w) => d.counts[w] > 0 && d.counts[w] < N / 2);
    assert(q, `no query word matches: ${JSON.stringify(d.counts)}`);
    const first = await page.evaluate((s) => window.timeline.search(s), q);
    let n = first;
    if (n < 0) {
      await page.waitForFunction((s) => window.searches.some((r) => r.query === s), q, { timeout: 30000, polling: 100 });
      n = await page.evaluate((s) => window.searches.filter((r) => r.query === s).pop().matches, q);
    }
    assert(n === d.counts[q], `"${q}": ${n} matches, the data has ${d.counts[q]}`);
    const at = await page.evaluate(() => window.timeline._call('cs_search_step', 'number', ['number'], [1]));
    await page.waitForFunction(() => { const s = window.timeline.getSelection(); return s && s.title; }, null, { timeout: 30000 });
    const sel = await page.evaluate(() => window.timeline.getSelection());
    assert(words(sel.title + ' ' + (sel.text || '') + ' ' + (sel.tags || []).join(' ')).some((w) => w.startsWith(q)),
           `the step (${at}) selected "${sel.title}", which does not match "${q}"`);
    await settled(page);
    await snap(page, 'tiles-1m-search.png');
  });

  test('tiles: the widget\'s own story keys step through the whole set by ordinal, not the loaded part', async () => {
    const d = await setup();
    const p = await open(`/csp/tiles.html?tiles=${encodeURIComponent(d.url)}`);
    assert(await p.evaluate(() => window.timeline.isTitleCardShown()), 'the set does not open on its title card');
    // the keys go to the canvas under the pointer; at fit-all the window holds the coarse levels' clusters
    const box = await p.locator('canvas').first().boundingBox();
    await p.focus('canvas');
    await p.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5);
    const selected = (ev, what) => p.waitForFunction((id) => { const s = window.timeline.getSelection(); return s && s.id === id; },
                                                     ev.id, { timeout: 30000, polling: 100 })
      .catch(async () => { throw new Error(`${what}: selected ${JSON.stringify(await p.evaluate(() => window.timeline.getSelection()))}, ` +
                                           `not "${ev.title}" (${ev.id})`); });
    const steps = [['ArrowRight', 0, 'Right from the title card: the first event'], ['ArrowRight', 1, 'Right: the second'],
                   ['End', N - 1, 'End: the last event'], ['ArrowLeft', N - 2, 'Left: the one before it'],
                   ['Home', 0, 'Home: the first event']];
    for (const [key, ordinal, what] of steps) {
      await p.keyboard.press(key);
      await selected(d.events[ordinal], what);
      if (ordinal === 1) { await settled(p); await snap(p, 'tiles-1m-story-second.png'); }
      if (ordinal === N - 2) { await settled(p); await snap(p, 'tiles-1m-story-last.png'); }
    }
    const errors = await p.evaluate(() => window.errors);
    assert(errors.length === 0, `errors: ${errors.join('; ')}`);
    await p.close();
  });

  test('tiles: the URL hash keeps the window and the selection across a reload', async () => {
    const d = await setup();
    const ev = d.withText[1];
    await page.evaluate((id) => { window.timeline.select(id); }, ev.id);
    await page.waitForFunction((id) => decodeURIComponent(location.hash).includes('select=' + id), ev.id, { timeout: 30000 });
    const hash = await page.evaluate(() => location.hash);
    const w0 = await page.evaluate(() => window.timeline.getWindow());
    const p2 = await open(`/csp/tiles.html?tiles=${encodeURIComponent(d.url)}${hash}`);
    await p2.waitForFunction((id) => { const s = window.timeline.getSelection(); return s && s.id === id; }, ev.id, { timeout: 30000 });
    const w1 = await p2.evaluate(() => window.timeline.getWindow());
    const span = w0.endYear - w0.startYear;
    assert(Math.abs(w1.startYear - w0.startYear) < span * 0.01 && Math.abs(w1.endYear - w0.endYear) < span * 0.01,
           `window ${JSON.stringify(w0)} came back as ${JSON.stringify(w1)}`);
    await p2.close();
  });

  test('tiles: a tile that cannot be fetched is an error event and the coarser picture stays', async () => {
    const d = await setup();
    // a copy of the set with only its manifest and root: every finer tile is a 404
    const src = path.join(dataDir, SET), cut = path.join(dataDir, 'tiles-cut');
    fs.mkdirSync(path.join(cut, 't', '0'), { recursive: true });
    fs.copyFileSync(path.join(src, 'manifest.json'), path.join(cut, 'manifest.json'));
    fs.copyFileSync(path.join(src, 't', '0', '0.bin'), path.join(cut, 't', '0', '0.bin'));
    const p = await openPage(context, base, `/tiles.html?tiles=${encodeURIComponent('/tiles-cut/manifest.json')}`, { frames: 0 });
    await p.waitForFunction(() => window.errors.length > 0, null, { timeout: 30000 });
    await p.waitForFunction(() => window.timeline.tileStats().inFlight === 0, null, { timeout: 30000 });
    const errors = await p.evaluate(() => window.errors);
    assert(errors.every((m) => /tiles-cut\/.*: HTTP 404/.test(m)), `errors: ${errors.slice(0, 3).join('; ')}`);
    // (the window is built from the root a few ms a frame: on a busy machine it may come after the last failure)
    await p.waitForFunction((n) => window.timeline.tileStats().windowWeight === n, N, { timeout: 30000, polling: 100 })
      .catch(() => {});
    const st = await p.evaluate(() => window.timeline.tileStats());
    assert(st.windowWeight === N && st.finestLevelInView === 0, `after the failures: ${JSON.stringify(st)}`);
    const img = await snap(p, 'tiles-cut.png');
    assert(colourStats(img).distinct >= 20, 'the root\'s marks are still drawn');
    await p.close();
  });

  test('tiles: only paths of the tree inside the manifest\'s folder are fetched', async () => {
    const { tileUrl } = await import('../../web/src/tiles.js');
    const dir = 'https://cdn.example/sets/1m/';
    assert(tileUrl(dir, 't/3/17.bin') === dir + 't/3/17.bin', 'a tile path');
    assert(tileUrl(dir, 'r/3/17.bin') === dir + 'r/3/17.bin', 'a cover path');
    assert(tileUrl(dir, 's/x4a5b.bin') === dir + 's/x4a5b.bin', 'a shard path');
    assert(tileUrl(dir, 'x/17.jsonl') === dir + 'x/17.jsonl', 'a text page');
    for (const bad of ['../x/1.bin', 't/../../a.bin', '/t/0/0.bin', 'https://evil.example/t/0/0.bin', '//evil.example/t/0.bin',
                       't/0/0.bin?x=1', 't/0/0.bin#a', 't\\..\\a.bin', 't/%2e%2e/a.bin', 'manifest.json', '', null])
      assert(tileUrl(dir, bad) === null, `${JSON.stringify(bad)} was let through: ${tileUrl(dir, bad)}`);
  });

  test('tiles: screenshots at fit-all and one day, desktop and phone, dark', async () => {
    const d = await setup();
    const mid = d.events.find((e, i) => i >= N / 3 && e.day);
    const day0 = new Date(Math.floor(mid.start / DAY) * DAY).toISOString();
    const day1 = new Date(Math.floor(mid.start / DAY) * DAY + DAY).toISOString();
    const missing = [];
    for (const [name, vp, dpr] of [['desktop', { width: 1280, height: 720 }, 1], ['phone', { width: 390, height: 844 }, 3]]) {
      const p = await context.newPage();
      const cdp = await context.newCDPSession(p);
      await cdp.send('Emulation.setDeviceMetricsOverride', { width: vp.width, height: vp.height, deviceScaleFactor: dpr, mobile: dpr > 1 });
      await p.goto(`${base}/tiles.html?theme=dark&tiles=${encodeURIComponent(d.url)}`);
      await p.evaluate(() => window.ready.then(() => true));
      await settled(p);
      const grab = async (file) => {
        const { data } = await cdp.send('Page.captureScreenshot', { format: 'png' });
        const buf = Buffer.from(data, 'base64');
        fs.writeFileSync(path.join(out, file), buf);
        return decodePng(buf);
      };
      const fit = await grab(`tiles-1m-${name}-dark-fit.png`);
      assert(colourStats(fit).distinct >= 20, `${name} fit-all looks blank`);
      await p.evaluate(([a, b]) => { window.timeline.setWindow(a, b); }, [day0, day1]);
      await settled(p);
      const day = await grab(`tiles-1m-${name}-dark-day.png`);
      assert(colourStats(day).distinct >= 20, `${name} one day looks blank`);
      // (every screenshot is taken before this fails)
      if (!(await labelled(p)).length) missing.push(name);
      await p.close();
    }
    assert(!missing.length, `no title drawn in one day on: ${missing.join(', ')}`);
  });

  test('tiles: the page is closed', async () => {
    if (page) await page.close();
    page = null;
    await sleep(0);
  });
}
