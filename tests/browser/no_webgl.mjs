// A browser without WebGL 2 (Chromium with --disable-3d-apis, a browser of its own): create() resolves, the element
// shows the events as text, and the API works. Registered by run.mjs.
import fs from 'node:fs';
import path from 'node:path';
import { assert, openPage, test, withBrowser } from './harness.mjs';

const NO_GL = ['--disable-3d-apis'];

// env: {base, here, out, frames(page, n), sleep(ms)}
export function register(env) {
  const axeSource = fs.readFileSync(path.join(env.here, 'node_modules/axe-core/axe.min.js'), 'utf8');

  // Opens url (after setup(page)) and waits for its timelines; errors: where the page's console errors go.
  async function open(context, url, errors, setup) {
    const p = await openPage(context, env.base, url, { errors, setup });
    const gl = await p.evaluate(() => !!document.createElement('canvas').getContext('webgl2'));
    assert(!gl, 'this browser has WebGL 2: the test would not test the text view');
    return p;
  }

  const rowTexts = (p) => p.$$eval('.chronoscope-events button', (bs) => bs.map((b) => b.innerText.replace(/\s+/g, ' ')));

  test('without WebGL 2 the demo shows its events as text, and the API works', () => withBrowser(NO_GL, async (context) => {
    const errors = [];
    const p = await open(context, '/index.html', errors);
    await p.evaluate(() => {
      window.selected = [];
      window.timeline.on('select', (ev) => window.selected.push(ev && ev.id));
    });
    // the list is the view: visible, filling the element, under the data's title
    const view = await p.evaluate(() => {
      const box = document.querySelector('.chronoscope-events');
      const r = box.getBoundingClientRect(), el = document.getElementById('timeline').getBoundingClientRect();
      const canvas = document.querySelector('canvas');
      return { w: r.width, h: r.height, ew: el.width, eh: el.height, heading: box.querySelector('h2').textContent,
               scroll: getComputedStyle(box).overflowY, canvasShown: getComputedStyle(canvas).visibility !== 'hidden' };
    });
    assert(view.w >= view.ew - 1 && view.h >= view.eh - 1, `the text view is ${view.w}x${view.h} in a ${view.ew}x${view.eh} element`);
    assert(view.heading.startsWith('BTS'), `heading: ${view.heading}`);
    assert(view.scroll === 'auto', `the text view does not scroll: overflow ${view.scroll}`);
    assert(!view.canvasShown, 'the empty canvas is shown');
    const rows = await rowTexts(p);
    assert(rows.some((t) => /^Dynamite 21 Aug 2020[^·]* · Releases/.test(t)), `rows: ${JSON.stringify(rows.filter((t) => /Dynamite/.test(t)))} of ${rows.length}`);
    const seen = await p.evaluate(() => document.body.innerText.includes('Dynamite'));
    assert(seen, 'the page text has no event title');

    // select: the event, the row, the announcement, the AX tree, the hash
    assert(await p.evaluate(() => window.timeline.select('dynamite-release')), 'select() found no event');
    await env.frames(p, 3);
    await env.sleep(300);  // (the hash is written 150 ms after a change)
    const after = await p.evaluate(() => ({
      sel: window.timeline.getSelection(), fired: window.selected, hash: location.hash,
      current: (document.querySelector('.chronoscope-events [aria-current="true"]') || {}).innerText,
    }));
    assert(after.sel && after.sel.id === 'dynamite-release', `selection: ${JSON.stringify(after.sel)}`);
    assert(after.fired.includes('dynamite-release'), `select events: ${JSON.stringify(after.fired)}`);
    assert(/select=dynamite-release/.test(after.hash), `hash: ${after.hash}`);
    assert(after.current && after.current.startsWith('Dynamite'), `the current row: ${after.current}`);
    const cdp = await context.newCDPSession(p);
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const names = nodes.filter((n) => !n.ignored).map((n) => (n.name && n.name.value) || '');
    assert(names.some((s) => s.startsWith('Dynamite. 21 Aug 2020')), 'the live region does not announce the selection');
    assert(names.some((s) => /^Dynamite\s+21 Aug 2020/.test(s)), 'no accessible row names the selected event: ' +
      JSON.stringify(names.filter((s) => s.includes('Dynamite'))));
    await p.screenshot({ path: path.join(env.out, 'browser-no-webgl-selected.png') });

    // next / previous, search, the window and the list that follows it
    const step = await p.evaluate(() => {
      const a = window.timeline.next(), b = window.timeline.previous();
      return { a: a && a.id, b: b && b.id };
    });
    assert(step.a && step.a !== 'dynamite-release' && step.b === 'dynamite-release', `next/previous: ${JSON.stringify(step)}`);
    const found = await p.evaluate(() => window.timeline.search('방방콘'));
    assert(found >= 1, `search found ${found}`);
    await p.evaluate(() => { window.timeline.setWindow('2018-01-01', '2018-12-31'); });
    await env.frames(p, 3);
    await env.sleep(400);
    const w = await p.evaluate(() => window.timeline.getWindow());
    assert(w.start.startsWith('2018-01-01') && w.end.startsWith('2018-12-31'), `window ${w.start}..${w.end}`);
    const later = await rowTexts(p);
    assert(later.length && later.every((t) => /2018/.test(t)), `rows for 2018: ${JSON.stringify(later)}`);

    // a new load: the title and the rows follow
    const loaded = await p.evaluate(() => window.timeline.load({ data: { title: 'Another story', groups: [{ id: 'space', label: 'Space' }],
      events: [{ start: '1969-07-20', title: 'Moon landing', group: 'space' }, { start: '1957-10-04', title: 'Sputnik' }] } })
      .then((info) => info.events));
    assert(loaded === 2, `load resolved with ${loaded} events`);
    await env.frames(p, 3);
    await env.sleep(300);
    const heading = await p.$eval('.chronoscope-events h2', (h) => h.textContent);
    const moon = await rowTexts(p);
    assert(heading === 'Another story', `heading after load: ${heading}`);
    assert(moon.length === 2 && moon[0].startsWith('Sputnik') && moon[1].startsWith('Moon landing') && moon[1].includes('Space'),
      `rows after load: ${JSON.stringify(moon)}`);
    await p.evaluate(() => window.timeline.load({ src: 'data/bts.json' }).then(() => true));
    await env.frames(p, 3);
    await p.screenshot({ path: path.join(env.out, 'browser-no-webgl.png') });
    assert(errors.length === 0, 'console errors:\n' + errors.join('\n'));
  }));

  test('without WebGL 2 a strict-CSP page shows its events as text and logs no console errors', () => withBrowser(NO_GL, async (context) => {
    const errors = [];
    const p = await open(context, '/csp/csp.html', errors);
    const rows = await rowTexts(p);
    assert(rows.length >= 100, `${rows.length} rows`);
    const more = await p.$eval('.chronoscope-events', (b) => b.innerText);
    assert(/The first \d+ events are listed/.test(more), 'the text view does not say that it lists only the first events');
    await p.evaluate(() => window.timeline.select(null));
    await env.frames(p, 2);
    assert(errors.length === 0, 'console errors:\n' + errors.join('\n'));
  }));

  test('without WebGL 2 axe-core finds no violations on the demo (light and dark) and the embed example', () => withBrowser(NO_GL, async (context) => {
    const found = [];
    for (const [url, scheme] of [['/index.html', 'light'], ['/index.html', 'dark'], ['/examples/embed.html', 'light']]) {
      const errors = [];
      const p = await open(context, url, errors, (pg) => pg.emulateMedia({ colorScheme: scheme }));
      if (url === '/index.html') {
        await p.evaluate(() => window.timeline.select('dynamite-release'));
        await env.frames(p, 3);
      }
      await p.evaluate(axeSource + '\n;true');
      const res = await p.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      found.push(...res.violations.map((v) => `${url} ${scheme}: ${v.id} (${v.impact}): ${v.help} — ` +
        v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')));
      await p.close();
    }
    assert(found.length === 0, 'violations:\n  ' + found.join('\n  '));
  }));
}
