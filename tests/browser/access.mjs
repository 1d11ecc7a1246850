// Screen readers and keyboards: the accessible list of the events in view, the live region, axe-core's audit,
// against the real wasm build. Registered by run.mjs.
import fs from 'node:fs';
import path from 'node:path';
import { assert, decodePng, test } from './harness.mjs';

// env: {context, base, here (this directory), repo, out, frames(page, n), sleep(ms)}
export function register(env) {
  const { context } = env;
  const axeSource = fs.readFileSync(path.join(env.here, 'node_modules/axe-core/axe.min.js'), 'utf8');

  async function open(url, setup) {
    const p = await context.newPage();
    if (setup) await setup(p);
    await p.goto(env.base + url);
    await p.waitForFunction(() => window.timelineReady !== undefined || window.timelines !== undefined, null, { timeout: 30000 });
    await p.evaluate(() => Promise.all([window.timelineReady, window.timelines].filter(Boolean)).then(() => true));
    await env.frames(p, 3);
    return p;
  }

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
    await env.sleep(600);  // (the list follows a moving window within 250 ms)
    const rows = await p.$$eval('.chronoscope-events button', (bs) => bs.map((b) => b.textContent));
    assert(rows.some((t) => t.startsWith('Dynamite, 21 Aug 2020')), `rows: ${JSON.stringify(rows)}`);
    assert(!rows.some((t) => /2018/.test(t)), `an event of 2018 listed for May–Dec 2020: ${JSON.stringify(rows)}`);
    await p.evaluate(() => { window.timeline.setWindow('2018-01-01', '2018-12-31'); });
    await env.sleep(600);
    const later = await p.$$eval('.chronoscope-events button', (bs) => bs.map((b) => b.textContent));
    assert(later.length && !later.some((t) => t.startsWith('Dynamite,')) && later.every((t) => /2018/.test(t)),
      `rows for 2018: ${JSON.stringify(later)}`);
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
}
