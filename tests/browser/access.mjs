// Screen readers and keyboards: the accessible list of the events in view, the live region, axe-core's audit,
// against the real wasm build. Registered by run.mjs.
import fs from 'node:fs';
import path from 'node:path';
import { assert, decodePng, openPage, test } from './harness.mjs';

// env: {context, base, here (this directory), repo, out, frames(page, n), sleep(ms)}
export function register(env) {
  const { context } = env;
  const axeSource = fs.readFileSync(path.join(env.here, 'node_modules/axe-core/axe.min.js'), 'utf8');

  const open = (url, setup) => openPage(context, env.base, url, { setup });

  // axe-core, run through the debugger (so a page's Content-Security-Policy does not stop it)
  async function audit(p) {
    await p.evaluate(axeSource + '\n;true');
    const res = await p.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    return res.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  }

  test('axe-core finds no violations on the demo, light and dark, and on the embed example', async () => {
    const found = [];
    for (const [url, scheme] of [['/index.html', 'light'], ['/index.html', 'dark'], ['/examples/embed.html', 'light']]) {
      const p = await open(url, (pg) => pg.emulateMedia({ colorScheme: scheme }));
      found.push(...(await audit(p)).map((v) => `${url} ${scheme}: ${v}`));
      // and with the list of events open (it holds the focus)
      await p.focus('canvas');
      await p.keyboard.press('Tab');
      await env.frames(p, 2);
      found.push(...(await audit(p)).map((v) => `${url} ${scheme}, list open: ${v}`));
      await p.close();
    }
    assert(found.length === 0, 'violations:\n  ' + found.join('\n  '));
  });

  test('the list holds the events in view in time order and follows the window', async () => {
    const p = await open('/index.html');
    await p.evaluate(() => { window.timeline.setWindow('2020-05-01', '2021-01-01'); });
    await p.waitForFunction(() => { const t = document.querySelector('.chronoscope-events').textContent; return t.includes('Dynamite,') && !t.includes('2018'); },
      null, { timeout: 10000 }).catch(() => {});  // (the list follows a moving window within 250 ms of a frame)
    await env.sleep(300);
    const rows = await p.$$eval('.chronoscope-events button', (bs) => bs.map((b) => b.textContent));
    assert(rows.some((t) => t.startsWith('Dynamite, 21 Aug 2020')), `rows: ${JSON.stringify(rows)}`);
    assert(!rows.some((t) => /2018/.test(t)), `an event of 2018 listed for May–Dec 2020: ${JSON.stringify(rows)}`);
    await p.evaluate(() => { window.timeline.setWindow('2018-01-01', '2018-12-31'); });
    // (within 250 ms of the frame that shows the new window; frames may be slow on a loaded machine)
    await p.waitForFunction(() => !document.querySelector('.chronoscope-events').textContent.includes('Dynamite,'),
      null, { timeout: 10000 }).catch(() => {});
    await env.sleep(300);
    const later = await p.$$eval('.chronoscope-events button', (bs) => bs.map((b) => b.textContent));
    assert(later.length && !later.some((t) => t.startsWith('Dynamite,')) && later.every((t) => /2018/.test(t)),
      `rows for 2018: ${JSON.stringify(later)}`);
    await p.close();
  });

  test('a window moving every frame rebuilds the list about once a second, once more when it rests, keeping its rows', async () => {
    // (a rebuild is a style and layout pass over up to 200 rows, paid in one frame: every 250 ms it made one frame in
    // fifteen late while zooming)
    const p = await open('/index.html');
    const r = await p.evaluate(async () => {
      const tl = window.timeline, list = document.querySelector('.chronoscope-events ol');
      const first = list.querySelector('button');
      let rebuilds = 0;   // (a rebuild asks the engine for the events in view)
      const call = tl._call;
      tl._call = function (name, ...rest) {
        if (name === 'cs_events_in_view') rebuilds++;
        return call.call(this, name, ...rest);
      };
      const a = Date.parse('2018-01-01'), day = 86400000;
      const t0 = performance.now();
      let i = 0;
      while (performance.now() - t0 < 2500) {   // 2.5 s of a window moving a day a frame
        tl.setWindow(new Date(a + i * day).toISOString(), new Date(a + (i + 200) * day).toISOString());
        i++;
        await new Promise((res) => requestAnimationFrame(() => res()));
      }
      await new Promise((res) => setTimeout(res, 20));
      const moving = rebuilds;
      await new Promise((res) => setTimeout(res, 700));
      delete tl._call;
      return { moving, rested: rebuilds - moving, frames: i, kept: !!first && list.querySelector('button') === first,
        rows: list.querySelectorAll('button').length, listed: list.children.length };
    });
    assert(r.frames > 20, `only ${r.frames} frames in 2.5 s`);
    assert(r.moving >= 1 && r.moving <= 4, `${r.moving} rebuilds while the window moved for 2.5 s (${r.frames} frames)`);
    // (one; two when the last frame's window came late, after a rebuild the moving window was due)
    assert(r.rested >= 1 && r.rested <= 2, `${r.rested} rebuilds after it came to rest`);
    // the rows are kept and rewritten, not made anew
    assert(r.kept && r.rows === r.listed && r.rows > 0, `rows kept: ${JSON.stringify(r)}`);
    await p.close();
  });

  test('Tab reaches the list, the arrow keys select every event in turn, Escape goes back to the canvas', async () => {
    const p = await open('/index.html');
    const total = JSON.parse(fs.readFileSync(path.join(env.repo, 'assets/demo/bts.json'), 'utf8')).events.length;
    await p.focus('canvas');
    await p.keyboard.press('Tab');
    const first = await p.evaluate(() => {
      const b = document.activeElement;
      const box = b.closest('.chronoscope-events');
      const r = box && box.getBoundingClientRect();
      return { inList: !!box, w: r ? r.width : 0, h: r ? r.height : 0, outline: getComputedStyle(b).outlineStyle };
    });
    assert(first.inList, 'Tab from the canvas did not reach the list of events');
    assert(first.w > 100 && first.h > 20, `the focused list is not visible: ${first.w}x${first.h}`);
    const seen = new Set();
    await p.keyboard.press('Home');
    await env.frames(p, 2);
    const home = await p.evaluate(() => window.timeline.getSelection());
    if (home) seen.add(home.id);
    for (let i = 0; i < total + 10; i++) {
      await p.keyboard.press('ArrowDown');
      await env.frames(p, 2);
      const sel = await p.evaluate(() => window.timeline.getSelection());
      if (sel) seen.add(sel.id);
      const focus = await p.evaluate(() => document.activeElement && document.activeElement.getAttribute('aria-current'));
      assert(focus === 'true', `after ArrowDown ${i + 1} the focus is not on the selected row`);
    }
    assert(seen.size === total, `the arrow keys reached ${seen.size} of ${total} events`);
    await p.keyboard.press('Escape');
    await env.frames(p, 2);
    const back = await p.evaluate(() => ({ canvas: document.activeElement && document.activeElement.tagName, sel: window.timeline.getSelection() }));
    assert(back.canvas === 'CANVAS' && back.sel === null, `after Escape: ${JSON.stringify(back)}`);
    await p.close();
  });

  test("Chromium's accessibility tree holds the selected event's title after select()", async () => {
    const p = await open('/index.html');
    await p.evaluate(() => window.timeline.select('dynamite-release'));
    await env.frames(p, 3);
    const cdp = await context.newCDPSession(p);
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const names = nodes.filter((n) => !n.ignored).map((n) => (n.name && n.name.value) || '');
    const live = names.find((s) => s.startsWith('Dynamite. 21 Aug 2020'));
    assert(live, 'no accessible node announces the selection; names with "Dynamite": ' +
      JSON.stringify(names.filter((s) => s.includes('Dynamite')).slice(0, 5)));
    const canvas = names.find((s) => s.startsWith('Timeline: BTS'));
    assert(canvas, 'the canvas is not named after the data');
    await p.close();
  });

  // The widget's own search field (in the canvas) takes IME input through the HTML input put over it while it is
  // edited. CDP types as an IME does: a composition, then the committed text.
  test("an IME composition in the widget's own search field finds the Hangul title", async () => {
    const p = await open('/index.html');
    const box = await p.locator('canvas').boundingBox();
    await p.focus('canvas');
    await p.keyboard.press('Escape');  // (the title card)
    await env.frames(p, 2);
    const field = () => p.evaluate(() => {
      const i = document.querySelector('.chronoscope-search');
      const shown = !!i && getComputedStyle(i).display !== 'none';
      const r = shown ? i.getBoundingClientRect() : null;
      return { shown, focused: !!i && document.activeElement === i, value: i ? i.value : null,
               rect: r && { x: r.x, y: r.y, w: r.width, h: r.height } };
    });
    assert(!(await field()).shown, 'the input is up before the field is edited');
    // keyboard: "/" on the canvas edits the field
    await p.keyboard.press('/');
    await env.frames(p, 3);
    const f = await field();
    assert(f.shown && f.focused, `after "/": ${JSON.stringify(f)}`);
    // over the field: in the bar at the canvas's top right
    assert(f.rect.y >= box.y && f.rect.y + f.rect.h <= box.y + 48 && f.rect.x + f.rect.w <= box.x + box.width &&
           f.rect.x + f.rect.w > box.x + box.width - 40 && f.rect.w > 100 && f.rect.h > 16, `input at ${JSON.stringify(f.rect)}`);
    const cdp = await context.newCDPSession(p);
    await cdp.send('Input.imeSetComposition', { text: 'ㅂ', selectionStart: 1, selectionEnd: 1 });
    await cdp.send('Input.imeSetComposition', { text: '방', selectionStart: 1, selectionEnd: 1 });
    await cdp.send('Input.insertText', { text: '방방콘' });
    await env.frames(p, 3);
    assert((await field()).value === '방방콘', `the input holds ${JSON.stringify((await field()).value)}`);
    const img = decodePng(await p.screenshot({ clip: { x: f.rect.x - 120, y: f.rect.y - 6, width: f.rect.w + 126, height: f.rect.h + 12 },
                                             path: path.join(env.out, 'browser-ime-field.png') }));
    assert(img.width > 0, 'the field is drawn');
    await p.keyboard.press('Enter');  // the widget steps to its first match
    await env.frames(p, 3);
    const sel = await p.evaluate(() => window.timeline.getSelection());
    assert(sel && sel.title.includes('방방콘'), `Enter selected ${JSON.stringify(sel && sel.title)}`);
    assert((await field()).focused, 'Enter left the field');
    // Escape: the text the field had, the canvas again
    await p.keyboard.press('Escape');
    await env.frames(p, 3);
    const esc = await field();
    const focus = await p.evaluate(() => document.activeElement && document.activeElement.tagName);
    assert(!esc.shown && focus === 'CANVAS', `after Escape: ${JSON.stringify(esc)}, focus on ${focus}`);
    // a click on the field edits it too; Tab leaves it (keeping the text) for the next control
    await p.mouse.click(f.rect.x + f.rect.w / 2, f.rect.y + f.rect.h / 2);
    await env.frames(p, 3);
    assert((await field()).focused, 'a click on the field did not put the input there');
    await p.keyboard.type('Dynamite');
    await p.keyboard.press('Tab');
    await env.frames(p, 3);
    const left = await field();
    const where = await p.evaluate(() => document.activeElement && document.activeElement.closest('.chronoscope-events') !== null);
    assert(!left.shown && where, `after Tab: ${JSON.stringify(left)}, focus in the list: ${where}`);
    await p.focus('canvas');
    await p.keyboard.press('/');
    await env.frames(p, 3);
    assert((await field()).value === 'Dynamite', `the field kept ${JSON.stringify((await field()).value)}`);
    await p.close();
  });

  // A region of the canvas's screenshot: its mean luminance (0 black .. 255 white).
  async function luminance(p, sel = 'canvas') {
    const img = decodePng(await p.locator(sel).first().screenshot());
    let sum = 0;
    for (let i = 0; i < img.width * img.height; i++) sum += 0.3 * img.rgba[i * 4] + 0.59 * img.rgba[i * 4 + 1] + 0.11 * img.rgba[i * 4 + 2];
    return sum / (img.width * img.height);
  }

  test('prefers-color-scheme picks the theme and follows it, unless the page chose one', async () => {
    const p = await context.newPage();
    const cdp = await context.newCDPSession(p);
    const scheme = (value) => cdp.send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value }] });
    await scheme('dark');
    await p.goto(env.base + '/index.html');
    await p.evaluate(() => window.timelineReady.then(() => true));
    await env.frames(p, 4);
    const dark = await luminance(p);
    await scheme('light');
    await env.frames(p, 4);
    const light = await luminance(p);
    assert(dark < 90 && light > 170, `the canvas's luminance: ${dark.toFixed(0)} in dark, ${light.toFixed(0)} after the switch to light`);
    await p.close();
    // the embed example sets its themes (the first light, the second dark): the page's scheme changes neither
    const e = await context.newPage();
    const ecdp = await context.newCDPSession(e);
    await ecdp.send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: 'dark' }] });
    await e.goto(env.base + '/examples/embed.html');
    await e.evaluate(() => window.timelines.then(() => true));
    await env.frames(e, 4);
    const a = await luminance(e, '#a canvas'), b = await luminance(e, '#b canvas');
    assert(a > 170 && b < 90, `embed under a dark scheme: light-themed ${a.toFixed(0)}, dark-themed ${b.toFixed(0)}`);
    await ecdp.send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: 'light' }] });
    await env.frames(e, 4);
    const b2 = await luminance(e, '#b canvas');
    assert(b2 < 90, `the dark-themed timeline turned light with the page's scheme: ${b2.toFixed(0)}`);
    await e.close();
  });

  test('prefers-reduced-motion: no inertia after a fling, no animated zoom', async () => {
    const measure = async (reduce) => {
      const p = await context.newPage();
      const cdp = await context.newCDPSession(p);
      await cdp.send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-reduced-motion', value: reduce ? 'reduce' : 'no-preference' }] });
      await p.goto(env.base + '/index.html');
      await p.evaluate(() => window.timelineReady.then(() => true));
      await env.frames(p, 3);
      await p.focus('canvas');
      await p.keyboard.press('Escape');
      await env.frames(p, 2);
      await p.evaluate(() => { window.timeline.setWindow('2019-01-01', '2020-01-01'); });  // (room to coast both ways)
      await env.frames(p, 2);
      const box = await p.locator('canvas').boundingBox();
      const y = box.y + box.height * 0.5;
      // a fling: fast moves, released while moving
      await p.mouse.move(box.x + box.width * 0.7, y);
      await p.mouse.down();
      for (let i = 1; i <= 6; i++) { await p.mouse.move(box.x + box.width * (0.7 - 0.06 * i), y); await env.frames(p, 1); }
      await p.mouse.up();
      const atRelease = await p.evaluate(() => window.timeline.getWindow());
      await env.sleep(600);
      const later = await p.evaluate(() => window.timeline.getWindow());
      const coast = later.startYear - atRelease.startYear;
      // one wheel notch: the windows the zoom goes through, one per frame (an animated zoom takes at least four
      // frames however slow they are: it covers at most 80% of the way in a frame, frames counting 0.1 s at most)
      await p.mouse.move(box.x + box.width / 2, y);
      await env.sleep(300);
      await p.evaluate(() => { window.spans = []; window.timeline.on('rangechange', (w) => window.spans.push(w.endYear - w.startYear)); });
      await p.mouse.wheel(0, -120);
      await env.sleep(1000);
      const steps = await p.evaluate(() => window.spans.length);
      await p.close();
      return { coast, flingSpan: span(atRelease), steps };
    };
    const span = (w) => w.endYear - w.startYear;
    const moving = await measure(false), still = await measure(true);
    assert(moving.coast > moving.flingSpan * 0.01, `without the preference a fling coasts: ${JSON.stringify(moving)}`);
    assert(still.coast === 0, `reduced motion: the window coasted ${still.coast} years after the release`);
    assert(moving.steps >= 4, `without the preference the zoom is animated: ${JSON.stringify(moving)}`);
    assert(still.steps === 1, `reduced motion: the zoom went through ${still.steps} windows`);
  });
}
