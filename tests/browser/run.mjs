// Chronoscope browser tests: the real wasm build in Debian's headless Chromium, driven by playwright-core.
//   node tests/browser/run.mjs --site build-wasm/site --out tests/out [--package build-wasm] [--only REGEXP]
// (--only: just the tests whose names match)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launch, scratchDir, decodePng, colourStats, pixel, test, skip, run, assert, sleep, openPage as open } from './harness.mjs';
import { register as registerWebPackage, CSP } from './web_package.mjs';
import { register as registerHostile } from './hostile.mjs';
import { register as registerAccess } from './access.mjs';
import { register as registerLogScale } from './log_scale.mjs';
import { register as registerMedia } from './media.mjs';
import { register as registerText } from './text.mjs';
import { register as registerRtl } from './rtl.mjs';
import { register as registerClusterList } from './cluster_list.mjs';
import { register as registerNoWebgl } from './no_webgl.mjs';
import { register as registerPhone } from './phone.mjs';
import { register as registerLocale } from './locale.mjs';
import { register as registerTiles } from './tiles.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const arg = (name, def) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : def; };
const site = path.resolve(arg('--site', 'build-wasm/site'));
const out = path.resolve(arg('--out', 'tests/out'));
const repo = path.resolve(here, '../..');
const packageDir = path.resolve(arg('--package', path.join(site, '..')));  // where build-wasm.sh packed the npm tarball
fs.mkdirSync(out, { recursive: true });

const dataDir = scratchDir('cs-browser-data-');  // files a test writes for the server to send
const fixtures = path.join(here, 'fixtures');
// another origin (another port) serving the site with CORS, as a CDN would
const crossServer = await serve([{ dir: site, headers: { 'Access-Control-Allow-Origin': '*' } }]);
const crossBase = `http://127.0.0.1:${crossServer.address().port}`;
const strict = { 'Content-Security-Policy': CSP };
// the strict policy, plus the other origin for scripts and fetches (not for workers)
const strictCross = { 'Content-Security-Policy': CSP.replace("script-src 'self'", `script-src 'self' ${crossBase}`) +
                                                   `; connect-src 'self' ${crossBase}` };
const server = await serve([
  { prefix: '/csp/', dir: fixtures, headers: strict }, { prefix: '/csp/', dir: site, headers: strict },  // every file under the policy
  { prefix: '/csp/', dir: dataDir, headers: strict },
  { prefix: '/csp-cross/', dir: fixtures, headers: strictCross }, { prefix: '/csp-cross/', dir: site, headers: strictCross },
  { prefix: '/sub/dir/', dir: site },                                                                     // the site from a sub-path
  site, fixtures, dataDir]);
const base = `http://127.0.0.1:${server.address().port}`;
const context = await launch();
const consoleErrors = [];

const openPage = (url) => open(context, base, url, { errors: consoleErrors, ready: false });

// Waits for the demo page's timeline (window.timelineReady) and returns a handle-free summary.
async function ready(page) {
  await page.waitForFunction(() => window.timelineReady !== undefined, null, { timeout: 30000 });
  await page.evaluate(() => window.timelineReady.then(() => true));
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

async function canvasBox(page, sel = 'canvas') {
  const box = await page.locator(sel).first().boundingBox();
  assert(box && box.width > 100 && box.height > 100, `canvas too small: ${JSON.stringify(box)}`);
  return box;
}

async function shot(page, name, sel = 'canvas') {
  const file = path.join(out, name);
  const png = await page.locator(sel).first().screenshot({ path: file });
  return decodePng(png);
}

const span = (w) => w.endYear - w.startYear;
const getWindow = (page) => page.evaluate(() => window.timeline.getWindow());
const frames = (page, n = 3) => page.evaluate((n) => new Promise((r) => {
  let k = 0; const f = () => (++k >= n ? r() : requestAnimationFrame(f)); requestAnimationFrame(f);
}), n);

let demo;

test('the demo draws its first frame: canvas not blank, not one colour', async () => {
  demo = await openPage('/index.html');
  await ready(demo);
  const box = await canvasBox(demo);
  const img = await shot(demo, 'browser-demo.png');
  const st = colourStats(img);
  assert(img.width >= box.width - 1, 'screenshot covers the canvas');
  assert(st.distinct >= 20, `only ${st.distinct} distinct colours: the canvas looks blank`);
  assert(st.topShare < 0.97, `one colour covers ${(st.topShare * 100).toFixed(1)}% of the canvas`);
});

test('the canvas fills the page below the header', async () => {
  const vp = demo.viewportSize();
  const box = await canvasBox(demo);
  assert(Math.abs(box.width - vp.width) <= 1, `canvas width ${box.width} vs page ${vp.width}`);
  assert(box.y + box.height >= vp.height - 1, `canvas bottom ${box.y + box.height} vs page ${vp.height}`);
  const backing = await demo.evaluate(() => { const c = document.querySelector('canvas'); return [c.width, c.height, devicePixelRatio]; });
  assert(Math.abs(backing[0] - box.width * backing[2]) <= 2, `backing store ${backing[0]} px for ${box.width} CSS px`);
});

test('a wheel-in at the centre shrinks the window about the pointer', async () => {
  // the demo opens on its title card, beside the plot: Escape closes it and the plot takes the whole width
  await demo.focus('canvas');
  await demo.keyboard.press('Escape');
  await frames(demo, 2);
  assert(!(await demo.evaluate(() => window.timeline.isTitleCardShown())), 'Escape left the title card up');
  const box = await canvasBox(demo);
  const before = await getWindow(demo);
  const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
  await demo.mouse.move(cx, cy);
  for (let i = 0; i < 3; i++) { await demo.mouse.wheel(0, -120); await frames(demo, 2); }
  await sleep(600);
  const after = await getWindow(demo);
  assert(span(after) < span(before) * 0.9, `span ${span(before)} -> ${span(after)}: the wheel did not zoom in`);
  const mid = (w) => (w.startYear + w.endYear) / 2;
  assert(Math.abs(mid(after) - mid(before)) < span(before) * 0.05, 'zoom kept the time under the pointer');
});

test('a drag pans the window', async () => {
  const box = await canvasBox(demo);
  const before = await getWindow(demo);
  const y = box.y + box.height * 0.6;
  await demo.mouse.move(box.x + box.width * 0.6, y);
  await demo.mouse.down();
  for (let i = 1; i <= 10; i++) { await demo.mouse.move(box.x + box.width * (0.6 - 0.02 * i), y); await frames(demo, 1); }
  await demo.mouse.up();
  await sleep(400);
  const after = await getWindow(demo);
  assert(after.startYear > before.startYear, `dragging left should move the window later: ${before.startYear} -> ${after.startYear}`);
  assert(Math.abs(span(after) - span(before)) < span(before) * 0.01, 'a drag does not zoom');
});

test('setWindow and getWindow round-trip ISO and deep-time dates', async () => {
  const w = await demo.evaluate(() => { window.timeline.setWindow('2020-08-01', '2020-09-01'); return window.timeline.getWindow(); });
  assert(w.start.startsWith('2020-08-01'), `start ${w.start}`);
  assert(w.end.startsWith('2020-09-01'), `end ${w.end}`);
  const deep = await demo.evaluate(() => { window.timeline.setWindow(-13.8e9, 2026); return window.timeline.getWindow(); });
  assert(deep.startYear < -13.7e9 && deep.startYear > -13.9e9, `deep start ${deep.startYear}`);
  assert(/^-13[0-9]{9}/.test(deep.start), `expanded ISO year: ${deep.start}`);
});

test('bad data rejects create() with FILE:LINE:COL and never aborts', async () => {
  const page = await openPage('/index.html?src=bad.json');
  const msg = await page.evaluate(() => window.timelineReady.then(() => 'resolved', (e) => e.message));
  assert(/^bad\.json:\d+:\d+: error: /.test(msg), `message was: ${msg}`);
  // The engine still runs: a later good load works.
  const ok = await page.evaluate(async () => {
    const el = document.createElement('div'); el.style.height = '200px'; document.body.appendChild(el);
    const tl = await Chronoscope.create(el, { data: { events: [{ start: '2020', title: 'x' }] } });
    return tl.getWindow().startYear < 2020;
  });
  assert(ok, 'a second timeline on the same page loads');
  await page.close();
});

test('clicking where a known event is drawn selects it and fires select', async () => {
  await demo.evaluate(() => {
    window.selectEvents = [];
    window.timeline.on('select', (ev) => window.selectEvents.push(ev && ev.id));
    window.timeline.select(null);
    window.timeline.setWindow('2020-05-01', '2021-01-01');
  });
  await frames(demo, 3);
  const pos = await demo.evaluate(() => window.timeline.locate('dynamite-release'));
  assert(pos, 'dynamite-release is drawn on its own in this window');
  const box = await canvasBox(demo);
  await demo.mouse.click(box.x + pos.x, box.y + pos.y);
  await frames(demo, 3);
  const sel = await demo.evaluate(() => window.timeline.getSelection());
  assert(sel && sel.id === 'dynamite-release', `selection after the click: ${JSON.stringify(sel)}`);
  const fired = await demo.evaluate(() => window.selectEvents);
  assert(fired.includes('dynamite-release'), `select events: ${JSON.stringify(fired)}`);
  await shot(demo, 'browser-selected.png');
});

test('Right and Left step through the events in time order', async () => {
  const start = await demo.evaluate(() => { window.timeline.select('dynamite-release'); return window.timeline.getSelection(); });
  await demo.focus('canvas');
  await demo.keyboard.press('ArrowRight');
  await frames(demo, 3);
  const next = await demo.evaluate(() => window.timeline.getSelection());
  assert(next && next.id !== start.id, `Right did not move on from ${start.id}`);
  assert(next.start >= start.start, `Right went back in time: ${start.start} -> ${next.start}`);
  await demo.keyboard.press('ArrowLeft');
  await frames(demo, 3);
  const back = await demo.evaluate(() => window.timeline.getSelection());
  assert(back && back.id === start.id, `Left did not come back: ${JSON.stringify(back)}`);
});

test('clicking a group header folds its lanes and clicking again unfolds them', async () => {
  await demo.evaluate(() => { window.timeline.setWindow('2020-05-01', '2021-01-01'); });  // (not returning the chainable Timeline: playwright would serialise it)
  await frames(demo, 3);
  const before = await demo.evaluate(() => window.timeline.locate('dynamite-release'));
  assert(before, 'dynamite-release is drawn before folding');
  // the first group's header ("Releases") is the row just above its lanes
  const box = await canvasBox(demo);
  const headerY = before.y - 13 - 24 / 2;  // half a lane row up, then the middle of the header row
  await demo.mouse.click(box.x + 40, box.y + headerY);
  await frames(demo, 3);
  const folded = await demo.evaluate(() => window.timeline.locate('dynamite-release'));
  assert(folded === null, `still drawn after folding: ${JSON.stringify(folded)}`);
  await demo.mouse.click(box.x + 40, box.y + headerY);
  await frames(demo, 3);
  const again = await demo.evaluate(() => window.timeline.locate('dynamite-release'));
  assert(again && Math.abs(again.y - before.y) < 1, `unfolded position ${JSON.stringify(again)} vs ${JSON.stringify(before)}`);
});

test('search finds a Hangul title typed into the page field', async () => {
  await demo.fill('#search', '방방콘');
  await frames(demo, 2);
  const text = await demo.textContent('#matches');
  assert(/^1 match\b/.test(text), `match count: "${text}"`);
  const none = await demo.evaluate(() => window.timeline.search('no such thing zzz'));
  assert(none === 0, `a search for nonsense found ${none}`);
  const fold = await demo.evaluate(() => window.timeline.search('DYNAMITE'));
  assert(fold >= 3, `case-insensitive search found ${fold}`);
  await demo.fill('#search', '');
});

test('the URL hash keeps the window and the selection, and restores them', async () => {
  await demo.evaluate(() => { window.timeline.setWindow('2019-03-01', '2019-09-01'); window.timeline.select('billions-club'); });
  await sleep(500);
  const url = await demo.evaluate(() => location.href);
  assert(/#start=.*select=billions-club/.test(url), `hash: ${url}`);
  const was = await getWindow(demo);
  const page = await openPage(url.slice(base.length));
  await ready(page);
  const w = await getWindow(page);
  const sel = await page.evaluate(() => window.timeline.getSelection());
  assert(sel && sel.id === 'billions-club', `restored selection: ${JSON.stringify(sel)} from ${url}`);
  assert(w.start === was.start && w.end === was.end, `restored window ${w.start}..${w.end} vs ${was.start}..${was.end}`);
  await page.close();
});

test('story mode: the title card first, Next and Previous fly through the story, #event-id opens it there', async () => {
  const page = await openPage('/index.html');
  await ready(page);
  const first = await page.evaluate(() => ({ card: window.timeline.isTitleCardShown(), sel: window.timeline.getSelection() }));
  assert(first.card && first.sel === null, `on load: title card ${first.card}, selection ${JSON.stringify(first.sel)}`);
  const cardImg = await shot(page, 'browser-title-card.png');
  assert(colourStats(cardImg).distinct >= 20, 'title card frame drawn');
  const a = await page.evaluate(() => window.timeline.next());
  assert(a && a.id, `Next from the title card selected ${JSON.stringify(a)}`);
  const shown = await page.evaluate(() => window.timeline.isTitleCardShown());
  assert(!shown, 'the title card still shows after Next');
  const b = await page.evaluate(() => window.timeline.next());
  assert(b && b.id !== a.id && b.start >= a.start, `second Next: ${a.id} -> ${b && b.id}`);
  // the view flies to the event: after the animation it is inside the window
  await sleep(1200);
  const w = await getWindow(page);
  assert(w.start <= b.start && b.start <= w.end, `window ${w.start}..${w.end} does not hold ${b.id} at ${b.start}`);
  const back = await page.evaluate(() => window.timeline.previous());
  assert(back && back.id === a.id, `Previous came back to ${back && back.id}, not ${a.id}`);
  const before = await page.evaluate(() => window.timeline.previous());
  const card = await page.evaluate(() => window.timeline.isTitleCardShown());
  assert(before === null && card, `Previous from the first event: ${JSON.stringify(before)}, title card ${card}`);
  // the page's hash names an event: the story opens at it
  const deep = await openPage(`/index.html#${encodeURIComponent(b.id)}`);
  await ready(deep);
  await sleep(1200);
  const at = await deep.evaluate(() => ({ sel: window.timeline.getSelection(), card: window.timeline.isTitleCardShown() }));
  assert(at.sel && at.sel.id === b.id && !at.card, `#${b.id} opened ${JSON.stringify(at)}`);
  const dw = await getWindow(deep);
  assert(dw.start <= b.start && b.start <= dw.end, `#${b.id}: window ${dw.start}..${dw.end}`);
  await deep.close();
  // prefers-reduced-motion: the view jumps, no flight to wait for
  const still = await context.newPage();
  await still.emulateMedia({ reducedMotion: 'reduce' });
  await still.goto(base + '/index.html');
  await ready(still);
  const c = await still.evaluate(() => { window.timeline.next(); return window.timeline.next(); });
  await frames(still, 2);
  const sw = await getWindow(still);
  assert(sw.start <= c.start && c.start <= sw.end, `reduced motion: after two frames ${sw.start}..${sw.end} lacks ${c.start}`);
  await sleep(800);
  const later = await getWindow(still);
  assert(later.start === sw.start && later.end === sw.end, `reduced motion: the view moved on after the jump: ${sw.start}..${sw.end} -> ${later.start}..${later.end}`);
  await still.close();
  await page.close();
});

test('TimelineJS3 text keeps its formatting: bold is heavier, a list item is indented with its bullet', async () => {
  const page = await openPage('/index.html');
  await ready(page);
  const words = 'Seven members on one stage';
  const entry = (id, html) => ({ unique_id: id, start_date: { year: 2020, month: 8, day: 21 }, text: { headline: 'Sample', text: html } });
  const data = { events: [entry('plain', `<p>${words}</p>`), entry('bold', `<p><b>${words}</b></p>`),
                          entry('item', `<ul><li>${words}</li></ul>`), entry('script', `<p>${words}<script>window.pwned = 1</script></p>`)] };
  await page.evaluate((d) => window.timeline.load({ data: d }).then(() => true), data);
  const panel = async (id) => {
    await page.evaluate((id) => { window.timeline.select(id); }, id);
    await frames(page, 3);
    const img = await shot(page, `browser-richtext-${id}.png`);
    return img;
  };
  const [plain, bold, item, script] = [await panel('plain'), await panel('bold'), await panel('item'), await panel('script')];
  // the rows where the two pictures differ: the text; ink there, and its leftmost column
  const diff = (a, b) => {
    let y0 = 1e9, y1 = -1;
    for (let y = 0; y < a.height; y++)
      for (let x = Math.floor(a.width * 0.6); x < a.width; x++) {
        const pa = pixel(a, x, y), pb = pixel(b, x, y);
        if (Math.abs(pa[0] - pb[0]) + Math.abs(pa[1] - pb[1]) + Math.abs(pa[2] - pb[2]) > 30) { y0 = Math.min(y0, y); y1 = Math.max(y1, y); }
      }
    return [y0, y1];
  };
  const ink = (img, [y0, y1]) => {
    let sum = 0, left = 1e9;
    for (let y = y0; y <= y1; y++)
      for (let x = Math.floor(img.width * 0.6); x < img.width; x++) {
        const p = pixel(img, x, y), dark = 255 - (p[0] + p[1] + p[2]) / 3;
        if (dark > 60) { sum += dark; left = Math.min(left, x); }
      }
    return { sum, left };
  };
  const rows = diff(plain, bold);
  assert(rows[1] >= rows[0], 'bold text draws the same pixels as plain text');
  const p = ink(plain, rows), b = ink(bold, rows);
  assert(b.sum > p.sum * 1.15, `bold ink ${b.sum} vs plain ${p.sum}`);
  const rowsItem = diff(plain, item);
  const pi = ink(plain, rowsItem), it = ink(item, rowsItem);
  assert(it.left >= pi.left + 5, `list item starts at x=${it.left}, plain text at x=${pi.left}: not indented`);
  assert(await page.evaluate(() => window.pwned === undefined), 'a <script> in the text ran');
  const sr = diff(plain, script);
  assert(sr[1] < sr[0], `a <script> element's content was drawn (rows ${sr[0]}..${sr[1]} differ)`);
  await page.close();
});

test('on a phone the page fits, the header stays small, and the details panel is a sheet below the axis', async () => {
  const page = await context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  page.on('pageerror', (e) => consoleErrors.push(`phone: ${e.message}`));
  await page.goto(base + '/index.html');
  await ready(page);
  const fit = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: innerWidth,
    header: document.querySelector('header').getBoundingClientRect().height, canvas: document.querySelector('canvas').getBoundingClientRect() }));
  assert(fit.scroll <= fit.inner, `the page scrolls sideways: ${fit.scroll} > ${fit.inner}`);
  assert(fit.header < 844 * 0.2, `the header takes ${fit.header} px of 844`);
  assert(fit.canvas.width >= 388 && fit.canvas.height >= 844 * 0.7, `canvas ${fit.canvas.width}x${fit.canvas.height}`);
  await page.evaluate(() => { window.timeline.select('dynamite-release'); });
  await sleep(800);
  const img = await shot(page, 'browser-phone-selected.png');
  // the sheet: the selected event's mark is above it, and marks are drawn across the whole width (a column at the
  // right would leave the plot 58% of it)
  const at = await page.evaluate(() => window.timeline.locate('dynamite-release'));
  assert(at && at.y < fit.canvas.height * 0.6, `the selected event is drawn at ${JSON.stringify(at)}`);
  const ids = JSON.parse(fs.readFileSync(path.join(repo, 'assets/demo/bts.json'), 'utf8')).events.map((e) => e.id).filter(Boolean);
  const xs = await page.evaluate((ids) => ids.map((id) => window.timeline.locate(id)).filter(Boolean).map((p) => p.x), ids);
  const right = Math.max(...xs);
  assert(right > fit.canvas.width * 0.7, `the rightmost mark is at x=${right} of ${fit.canvas.width}`);
  assert(colourStats(img).distinct >= 20, 'phone frame drawn');
  await page.close();
});

// Timelines published by others, with the counts the original tools show (../shared/conformance/realworld/, which
// a clone does not have: then skipped).
test('the real-world TimelineJS3 and vis-timeline files load with the original tools\' counts', async () => {
  const dir = path.join(process.env.CS_SHARED_DIR || path.join(repo, '../shared'), 'conformance/realworld');
  if (!fs.existsSync(path.join(dir, 'README.md'))) skip(`no shared corpora: ${dir} is absent`);
  const rows = fs.readFileSync(path.join(dir, 'README.md'), 'utf8').split('\n')
    .map((l) => l.split('|').map((c) => c.trim()))
    .filter((c) => c.length > 4 && /\.json$/.test(c[1]) && /^\d+$/.test(c[3]))
    .map((c) => ({ file: c[1], count: Number(c[3]) }));
  assert(rows.length >= 4, `the README's table has ${rows.length} rows`);
  // (not openPage: the files' pictures are on hosts this machine may not reach, which the console reports)
  const page = await context.newPage();
  await page.goto(base + '/index.html');
  await ready(page);
  const got = [];
  for (const r of rows) {
    fs.copyFileSync(path.join(dir, r.file), path.join(dataDir, 'realworld-' + r.file));
    const n = await page.evaluate((src) => window.timeline.load({ src }).then((info) => info.events, (e) => 'error: ' + e.message),
                                  '/realworld-' + r.file);
    got.push(`${r.file}: ${n} (want ${r.count})`);
    assert(n === r.count, got.join('; '));
  }
  await page.close();
});

test('the deep-time story opens from the Big Bang', async () => {
  await demo.evaluate(() => window.timeline.load({ src: 'data/deeptime.json' }));
  const w = await getWindow(demo);
  assert(w.startYear < -13.5e9, `deep-time window starts at ${w.startYear}`);
  const img = await shot(demo, 'browser-deeptime.png');
  assert(colourStats(img).distinct >= 20, 'deep-time frame drawn');
});

test('two timelines on one page both draw, and the page keeps its keyboard', async () => {
  const page = await openPage('/examples/embed.html');
  await page.evaluate(() => window.timelines.then(() => true));
  await frames(page, 3);
  for (const sel of ['#a canvas', '#b canvas']) {
    const img = await shot(page, `browser-embed-${sel[1]}.png`, sel);
    assert(colourStats(img).distinct >= 20, `${sel} looks blank`);
  }
  await page.click('#note');
  await page.keyboard.type('hello f+-');
  assert((await page.inputValue('#note')) === 'hello f+-', 'typing into the page input reached it');
  await page.close();
});

// A generated data set in our format: `n` events "e0".. with groups, some ranges, one Hangul title.
function bigJson(n) {
  const ev = [];
  for (let i = 0; i < n; i++) {
    const d = new Date(Date.UTC(1900, 0, 1) + i * 3600e3 * 7).toISOString().slice(0, 19);
    const e = { id: `e${i}`, start: d, title: i === 777 ? '방탄소년단 marker' : `Event number ${i}`, group: `g${i % 3}` };
    if (i % 5 === 0) e.end = new Date(Date.UTC(1900, 0, 1) + i * 3600e3 * 7 + 86400e3 * 30).toISOString().slice(0, 10);
    ev.push(JSON.stringify(e));
  }
  return '{\n"title": "Big",\n"groups": [{"id": "g0"}, {"id": "g1"}, {"id": "g2"}],\n"events": [\n' + ev.join(',\n') + '\n]\n}\n';
}

test('big data is parsed in a worker: progress, the same data as on the page thread, errors keep the old data', async () => {
  const n = 60000;
  const json = bigJson(n);
  // the same file with a bad month in its last event: line n + 4 (title, groups, "events" and "{" come first)
  const bad = json.replace(/("id":"e59999","start":"\d{4})-\d\d/, '$1-13');
  const badLine = bad.split('\n').findIndex((l) => l.includes('"e59999"')) + 1;
  const badCol = [...bad.split('\n')[badLine - 1]].indexOf('"', bad.split('\n')[badLine - 1].indexOf('"start"') + 8) + 1;
  const page = await openPage('/empty.html');
  await page.route('**/big.json', (r) => r.fulfill({ body: json, contentType: 'application/json' }));
  await page.route('**/bad-big.json', (r) => r.fulfill({ body: bad, contentType: 'application/json' }));
  const res = await page.evaluate(async ({ n, json }) => {
    let workers = 0;
    const RealWorker = window.Worker;
    window.Worker = function (url, o) { workers++; return new RealWorker(url, o); };
    const small = { title: 'Small', events: [{ id: 'only', start: '2000', title: 'Only event' }] };
    const a = await Chronoscope.create('#x', { data: small });
    const progress = [];
    let painted = 0, counting = false;
    const tick = () => { if (counting) painted++; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    // (with the size announced, the worker reads the file while it downloads: counts come in download reports)
    const onProgress = (p) => { progress.push(p); if (p.phase === 'parse' || p.events > 0) counting = true; };
    a.on('progress', onProgress);
    const workersBefore = workers;
    const info = await a.load({ src: 'big.json' });
    counting = false;
    a.off('progress', onProgress);
    const twoFrames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const look = async (t) => {
      const r = { window: t.getWindow(), sel: t.select('e777') && t.getSelection(), hits: t.search('방탄소년단'),
                  hits2: t.search('number 1234') };
      t.search('');
      t.setWindow('1900-08-14', '1900-08-17');
      await twoFrames();
      r.locate = t.locate('e777');
      return r;
    };
    const viaWorker = await look(a);
    viaWorker.info = info;
    // the same data parsed on the page's thread
    const b = await Chronoscope.create('#y', { data: json, worker: false });
    // listeners given to create() see the first load's progress
    const early = [];
    const c = await Chronoscope.create('#z', { src: 'big.json', on: { progress: (p) => early.push(p.phase) } });
    c.destroy();
    const onPage = await look(b);
    // a bad file found by the worker: the old data stays, the error has the place
    let err = null;
    await a.load({ src: 'bad-big.json' }).catch((e) => { err = e.message; });
    const after = { sel: a.select('e123') && a.getSelection().id, window: a.getWindow() };
    // a newer load supersedes one in flight
    const first = a.load({ src: 'big.json' }).then(() => 'resolved', (e) => (e.superseded ? 'superseded' : e.message));
    const second = await a.load({ data: small });
    const outcome = await first;
    return { workers: workers - workersBefore, progress, painted, viaWorker, onPage, err, after, outcome, early,
             finalSel: a.select('only') && a.getSelection().id, stale: a.select('e123') };
  }, { n, json });
  assert(res.workers >= 1, 'no worker was made for the big file');
  const parse = res.progress.filter((p) => p.phase === 'parse');
  assert(parse.length >= 1, `no parse progress: ${JSON.stringify(res.progress.slice(0, 5))}`);
  assert(res.progress.some((p) => p.events > 0 && p.events < n), 'progress reports events read part way');
  assert(res.progress.every((p, i) => i === 0 || p.events >= res.progress[i - 1].events), 'the count goes forward');
  for (const phase of ['download', 'parse']) {
    const ps = res.progress.filter((p) => p.phase === phase);
    assert(ps.every((p, i) => i === 0 || p.bytes >= ps[i - 1].bytes), `${phase} bytes go forward`);
  }
  assert(res.painted >= 2, `the page painted ${res.painted} frames while the worker parsed`);
  assert(res.viaWorker.info.events === n, `events: ${res.viaWorker.info.events}`);
  for (const k of ['window', 'sel', 'hits', 'hits2', 'locate'])
    assert(JSON.stringify(res.viaWorker[k]) === JSON.stringify(res.onPage[k]),
           `${k} differs: worker ${JSON.stringify(res.viaWorker[k])} vs page ${JSON.stringify(res.onPage[k])}`);
  assert(res.viaWorker.sel.title === '방탄소년단 marker' && res.viaWorker.hits === 1 && res.viaWorker.hits2 > 1 &&
         res.viaWorker.locate, JSON.stringify(res.viaWorker));
  const want = new RegExp(`^bad-big\\.json:${badLine}:${badCol}: error: .*month`);
  assert(res.err && want.test(res.err), `error "${res.err && res.err.slice(0, 120)}" should start bad-big.json:${badLine}:${badCol}`);
  assert(res.after.sel === 'e123', 'the old data stayed after the bad file');
  assert(res.outcome === 'superseded', `the older load: ${res.outcome}`);
  assert(res.early.includes('parse'), `progress seen through create()'s on: ${JSON.stringify(res.early.slice(0, 5))}`);
  assert(res.finalSel === 'only' && res.stale === false, 'the newer load won');
  await page.close();
});

test('a download is read as it arrives, and a syntax error stops it early', async () => {
  const n = 60000;
  const json = bigJson(n);
  fs.writeFileSync(path.join(dataDir, 'stream.json'), json);
  // a ':' after a key a tenth of the way in becomes ';'
  const at = json.indexOf('"title":', Math.floor(json.length / 10)) + 7;
  const bad = json.slice(0, at) + ';' + json.slice(at + 1);
  fs.writeFileSync(path.join(dataDir, 'stream-bad.json'), bad);
  const line = bad.slice(0, at).split('\n').length, col = at - bad.lastIndexOf('\n', at - 1);
  const page = await openPage('/empty.html');
  const res = await page.evaluate(async () => {
    const a = await Chronoscope.create('#x', { data: { events: [{ id: 'only', start: '2000', title: 'x' }] } });
    const progress = [];
    a.on('progress', (p) => progress.push(p));
    const info = await a.load({ src: 'stream.json?slow=1' });
    // without a size from the server the buffer grows as the bytes come, and the reading follows it
    const progress2 = [];
    a.on('progress', (p) => progress2.push(p));
    const info2 = await a.load({ src: 'stream.json?slow=1&nolength=1' });
    let err = null;
    await a.load({ src: 'stream-bad.json?slow=1' }).catch((e) => { err = e.message; });
    return { info, info2, progress, progress2, err, still: a.select('e777') && a.getSelection().id };
  });
  assert(res.info2.events === n, `events without a size: ${res.info2.events}`);
  const during2 = res.progress2.filter((p) => p.phase === 'download' && p.events > 0 && p.events < n);
  assert(during2.length >= 2, `events read while downloading without a size: ${JSON.stringify(res.progress2.slice(0, 6))}`);
  assert(res.info.events === n, `events: ${res.info.events}`);
  const during = res.progress.filter((p) => p.phase === 'download' && p.events > 0 && p.bytes < p.total);
  assert(during.length >= 2, `events read while downloading: ${JSON.stringify(res.progress.filter((p) => p.events > 0 || p.phase !== "download").slice(0, 8))}`);
  assert(during.every((p, i) => i === 0 || p.events >= during[i - 1].events), 'the count goes forward');
  assert(res.err && res.err.includes(`stream-bad.json:${line}:${col}:`), `error: ${res.err} (expected ${line}:${col})`);
  const sent = server.sent['/stream-bad.json'];
  assert(sent < bad.length / 2, `the bad file was downloaded to ${sent} of ${bad.length} bytes`);
  assert(res.still === 'e777', 'the good data stayed after the bad file');
  await page.close();
});

test('a JSON Lines file (.jsonl) loads from a URL as it arrives, its errors at FILE:LINE:COL', async () => {
  const n = 60000;
  const lines = [JSON.stringify({ title: 'Lines', groups: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }] })];
  for (let i = 0; i < n; i++)
    lines.push(JSON.stringify({ id: `e${i}`, start: `${1900 + (i % 120)}-0${1 + (i % 9)}-1${i % 10}`, title: `Line ${i}`,
                                group: i % 3 ? 'a' : 'b' }));
  const text = lines.join('\n') + '\n';
  fs.writeFileSync(path.join(dataDir, 'events.jsonl'), text);
  // line 40001 gets a month 13; line 50001 has something after its value
  const bad = lines.slice();
  bad[40000] = bad[40000].replace(/"start":"(\d+)-\d\d/, '"start":"$1-13');
  bad[50000] += ' {}';
  fs.writeFileSync(path.join(dataDir, 'events-bad.jsonl'), bad.join('\n') + '\n');
  const page = await openPage('/empty.html');
  const res = await page.evaluate(async () => {
    const tl = await Chronoscope.create('#x', { data: { events: [{ id: 'only', start: '2000', title: 'x' }] } });
    const progress = [];
    tl.on('progress', (p) => progress.push(p));
    const info = await tl.load({ src: 'events.jsonl?slow=1' });
    const sel = tl.select('e59999') && tl.getSelection();
    let err = null;
    await tl.load({ src: 'events-bad.jsonl' }).catch((e) => { err = e.message; });
    return { info, sel, err, progress, still: tl.select('e5') && tl.getSelection().id };
  });
  assert(res.info.events === n, `events: ${res.info.events}`);
  assert(res.sel && res.sel.title === 'Line 59999' && res.sel.group === 'a', `selected ${JSON.stringify(res.sel)}`);
  const during = res.progress.filter((p) => p.phase === 'download' && p.events > 0 && p.bytes < p.total);
  assert(during.length >= 1, `events read while downloading: ${JSON.stringify(res.progress.slice(0, 6))}`);
  assert(res.err && res.err.includes('events-bad.jsonl:40001:') && res.err.includes('month 13'),
         `the bad date: ${res.err}`);
  assert(res.err.includes(`events-bad.jsonl:50001:${bad[50000].length - 1}: error: unexpected '{'`),
         `the second value on a line: ${res.err}`);
  assert(res.still === 'e5', 'the good data stayed after the bad file');
  await page.close();
});

test('a TimelineJS3 sheet exported as CSV loads from a URL and as text, its errors at FILE:LINE:COL', async () => {
  const header = 'Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,' +
                 'Media Credit,Media Caption,Media Thumbnail,Type,Group,Background';
  const csv = '\uFEFF' + [header,
    ',,,,,,,,,A sheet,"<p>Its title slide, with a comma</p>",,,,,title,,',
    '1990,,,,2000,,,,,The nineties,,,,,,era,,',
    '1995,3,4,1:30 PM,,,,,,"Quoted ""one""","Line one\r\nline two",,,,,,People,#ff0000',
    '1996,,,,,,,,,Second,,,,,,,People,'].join('\r\n') + '\r\n';
  fs.writeFileSync(path.join(dataDir, 'sheet.csv'), csv);
  fs.writeFileSync(path.join(dataDir, 'sheet-bad.csv'), 'Year,Month,Headline\n1990,1,a\n1991,13,b\n');
  const page = await openPage('/empty.html');
  const res = await page.evaluate(async (text) => {
    const a = await Chronoscope.create('#x', { src: 'sheet.csv' });
    const out = { info: await a.load({ src: 'sheet.csv' }) };
    out.fromText = await a.load({ data: text }).then((i) => i.events, (e) => e.message);
    out.bad = await a.load({ src: 'sheet-bad.csv' }).then(() => 'resolved', (e) => e.message);
    return out;
  }, csv);
  assert(res.info.events === 2, `events from the CSV: ${JSON.stringify(res.info)}`);
  assert(res.fromText === 2, `events from the CSV as text: ${res.fromText}`);
  assert(/^sheet-bad\.csv:3:6: error: .*month 13/.test(res.bad), `bad sheet: ${res.bad}`);
  await page.close();
});

test('loads end cleanly: a missing file, bad data at create(), and destroy() during a load', async () => {
  const page = await openPage('/empty.html');
  await page.route('**/slow.json', async (r) => { await new Promise((ok) => setTimeout(ok, 400)); r.fulfill({ body: bigJson(20000), contentType: 'application/json' }); });
  const res = await page.evaluate(async () => {
    const out = {};
    const a = await Chronoscope.create('#x', { data: { events: [{ id: 'keep', start: '1999', title: 'Kept' }] } });
    out.missing = await a.load({ src: 'no-such-file.json' }).then(() => 'resolved', (e) => e.message);
    out.kept = a.select('keep') && a.getSelection().id;
    out.noData = await a.load({}).then(() => 'resolved', (e) => e.message);
    const pending = a.load({ src: 'slow.json' }).then(() => 'resolved', (e) => (e.destroyed ? 'destroyed' : e.message));
    await new Promise((ok) => setTimeout(ok, 100));
    a.destroy();
    out.destroyed = await Promise.race([pending, new Promise((ok) => setTimeout(() => ok('still pending after 5 s'), 5000))]);
    out.after = await a.load({ data: { events: [] } }).then(() => 'resolved', (e) => (e.destroyed ? 'destroyed' : e.message));
    const bad = await Chronoscope.create('#y', { data: '{"events": [{"start": "2020-13-01", "title": "x"}]}' }).then(() => null, (e) => e);
    out.badMessage = bad && bad.message;
    out.badTimeline = !!(bad && bad.timeline);
    if (bad && bad.timeline) {
      out.recovered = await bad.timeline.load({ data: { events: [{ id: 'ok', start: '2000', title: 'OK' }] } }).then((i) => i.events, (e) => e.message);
      bad.timeline.destroy();
    }
    return out;
  });
  assert(/no-such-file\.json: HTTP 404/.test(res.missing), `missing file: ${res.missing}`);
  assert(res.kept === 'keep', 'the old data stayed after the missing file');
  assert(/give src or data/.test(res.noData), `load({}): ${res.noData}`);
  assert(res.destroyed === 'destroyed', `a load when destroyed: ${res.destroyed}`);
  assert(res.after === 'destroyed', `a load after destroy: ${res.after}`);
  assert(/^data\.json:1:\d+: error: .*month/.test(res.badMessage), `bad data: ${res.badMessage}`);
  assert(res.badTimeline && res.recovered === 1, `the failed timeline can load again: ${res.recovered}`);
  await page.close();
});

test('a page whose data is Latin only fetches no text font slice, not even their manifest', async () => {
  const page = await context.newPage();
  const fetched = [];
  page.on('request', (r) => fetched.push(r.url()));
  await page.goto(base + '/latin.html');
  await page.evaluate(() => window.ready.then(() => true));
  await frames(page, 2);
  assert(fetched.some((u) => u.endsWith('/chronoscope-engine.wasm')), 'the engine was fetched');
  const slices = fetched.filter((u) => u.includes('/fonts/text/'));
  assert(!slices.length, `text font slices were fetched for Latin-only data: ${slices.join(' ')}`);
  await page.close();
});

test('a devicePixelRatio of 2 doubles the backing store and the frame stays drawn', async () => {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setDeviceMetricsOverride', { width: 900, height: 600, deviceScaleFactor: 2, mobile: false });
  await page.goto(base + '/latin.html');
  await page.evaluate(() => window.ready.then(() => true));
  await frames(page, 4);
  const r = await page.evaluate(() => { const c = document.querySelector('canvas'); const b = c.getBoundingClientRect();
    return { w: c.width, h: c.height, cw: b.width, ch: b.height, dpr: devicePixelRatio }; });
  assert(r.dpr === 2, `devicePixelRatio ${r.dpr}`);
  assert(Math.abs(r.w - r.cw * 2) <= 2 && Math.abs(r.h - r.ch * 2) <= 2, `backing ${r.w}x${r.h} for ${r.cw}x${r.ch} CSS px`);
  // resizing the container follows: half the height, half the backing store
  await page.evaluate(() => { document.getElementById('x').style.height = '160px'; });
  await frames(page, 4);
  const h2 = await page.evaluate(() => document.querySelector('canvas').height);
  assert(Math.abs(h2 - 320) <= 2, `after a resize the backing store is ${h2} px high, not 320`);
  // (last: a screenshot resets the emulated device metrics)
  const img = await shot(page, 'browser-dpr2.png');
  assert(colourStats(img).distinct >= 20, 'the high-DPI frame is drawn');
  await page.close();
});

test('an idle timeline leaves its canvas alone, keeps its picture, and draws again on input', async () => {
  const page = await openPage('/index.html');
  await ready(page);
  const counts = () => page.evaluate(() => ({
    loop: window.timeline._mod.ccall('cs_frame_count', 'number', [], []),
    drawn: window.timeline._mod.ccall('cs_drawn_count', 'number', [], []),
  }));
  // let hover, animations and the pictures that the view shows settle (a picture that arrives is drawn)
  const settle = async (ms) => {
    await page.waitForFunction(() => window.timeline._mod.ccall('cs_pictures_loading', 'number', [], []) === 0);
    await sleep(ms);
  };
  await settle(600);
  const a = await counts();
  await sleep(1000);
  const b = await counts();
  assert(b.loop - a.loop >= 20, `the frame loop kept running: ${b.loop - a.loop} frames in 1 s`);
  assert(b.drawn - a.drawn <= 1, `an idle second drew ${b.drawn - a.drawn} frames`);
  const img = await shot(page, 'browser-idle.png');
  assert(colourStats(img).distinct >= 20, 'the canvas still shows the timeline while nothing is drawn');
  const box = await canvasBox(page);
  const w0 = await getWindow(page);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -240);
  await sleep(400);
  const c = await counts();
  const w1 = await getWindow(page);
  assert(c.drawn - b.drawn >= 3, `a wheel-in drew ${c.drawn - b.drawn} frames`);
  assert(span(w1) < span(w0), `the wheel-in zoomed: ${span(w0)} -> ${span(w1)} years`);
  await sleep(400);
  await settle(400);
  const d = await counts();
  await sleep(500);
  const e = await counts();
  assert(e.drawn - d.drawn <= 1, `idle again after the zoom: ${e.drawn - d.drawn} frames drawn in 0.5 s`);
  await page.close();
});

registerWebPackage({ context, base, crossBase, repo, packageDir, site, shot, frames });
registerHostile({ context, base, server, dataDir, repo, out, shot, frames });
registerAccess({ context, base, here, repo, out, frames, sleep });
registerLogScale({ context, base, shot, frames });
registerMedia({ context, base, dataDir, out, frames });
registerText({ context, base, repo, dataDir, out, frames });
registerRtl({ context, base, shot, frames });
registerClusterList({ context, base, dataDir, shot, frames });
registerNoWebgl({ base, here, out, frames, sleep });
registerPhone({ context, base, out, frames, sleep });
registerLocale({ context, base, out, shot, frames });
registerTiles({ context, base, dataDir, out, frames });

test('no console errors', async () => {
  assert(consoleErrors.length === 0, consoleErrors.join('\n'));
});

const only = arg('--only', null);
const failed = await run({}, only ? new RegExp(only) : null);
await context.close();
server.close();
crossServer.close();
process.exit(failed ? 1 : 0);
