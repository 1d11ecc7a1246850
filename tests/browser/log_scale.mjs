// A log scale for deep time (issue 13): `scale: 'log'`, setScale / getScale, the L key, windows in dates on the log
// axis, and the deep-time demo opening on it with titles in all four groups. Registered by run.mjs.
import { assert, colourStats, openPage, test } from './harness.mjs';

// env: {context, base, shot(page, file, sel), frames(page, n)}
export function register(env) {
  const { context, shot, frames } = env;
  let page = null;  // the demo, opened on the deep-time story
  const errors = [];

  const open = (url) => openPage(context, env.base, url, { errors });

  // The groups of the events whose titles the last frame drew (a test-only export of the engine), with counts.
  const titlesByGroup = (p) => p.evaluate(() => {
    const list = JSON.parse(window.timeline._mod.ccall('cs_test_labelled_events', 'string', [], []));
    const by = {};
    list.forEach((e) => { by[e.group] = (by[e.group] || 0) + 1; });
    return { by, total: list.length };
  });

  test('log scale: the deep-time demo opens on it, with titles in all four groups', async () => {
    page = await open('/index.html?src=data/deeptime.json');
    const scale = await page.evaluate(() => window.timeline.getScale());
    assert(scale === 'log', `the deep-time story opened on the ${scale} scale`);
    const w = await page.evaluate(() => window.timeline.getWindow());
    // (the margins are a share of the axis's e-folds: at the old end, that doubles the age)
    assert(w.startYear < -13.8e9 && w.startYear > -50e9, `fitted from the Big Bang: starts at ${w.startYear}`);
    assert(w.endYear > 2000 && w.endYear < 2100, `and ends in the present: ${w.endYear}`);
    const img = await shot(page, 'browser-deeptime-log.png');
    assert(colourStats(img).distinct >= 20, 'the log-scale frame is drawn');
    const log = await titlesByGroup(page);
    for (const g of ['cosmos', 'life', 'humans', 'technology'])
      assert((log.by[g] || 0) >= 2, `group ${g} shows ${log.by[g] || 0} titles: ${JSON.stringify(log.by)}`);
    // the linear axis squeezes the humans and technology into clusters against today (why the log axis is there)
    await page.evaluate(() => { window.timeline.setScale('linear'); });
    await frames(page, 3);
    const linear = await titlesByGroup(page);
    assert((linear.by.humans || 0) + (linear.by.technology || 0) < (log.by.humans || 0) + (log.by.technology || 0),
           `linear ${JSON.stringify(linear.by)} vs log ${JSON.stringify(log.by)}`);
    await page.evaluate(() => { window.timeline.setScale('log'); });
    await frames(page, 3);
  });

  test('log scale: getWindow and setWindow stay in dates and round-trip', async () => {
    const r = await page.evaluate(() => {
      const tl = window.timeline;
      tl.setWindow(-66000000, '1969-07-20');
      const a = tl.getWindow();
      tl.setWindow(a.start, a.end);
      const b = tl.getWindow();
      tl.setWindow('-4500000000-06-01', '2000-01-01T12:00');
      const c = tl.getWindow();
      return { a, b, c, scale: tl.getScale() };
    });
    assert(r.scale === 'log', `the scale after setWindow: ${r.scale}`);
    assert(Math.abs(r.a.startYear + 66000000) < 1, `start ${r.a.start} (${r.a.startYear})`);
    assert(r.a.end.startsWith('1969-07-20'), `end ${r.a.end}`);
    assert(r.b.start === r.a.start && r.b.end === r.a.end, `round trip ${r.a.start}..${r.a.end} -> ${r.b.start}..${r.b.end}`);
    // (a window from deep time reads at day precision)
    assert(r.c.start === '-4500000000-06-01' && r.c.end === '2000-01-01', `${r.c.start}..${r.c.end}`);
  });

  test('log scale: the wheel zooms about the pointer and a drag pans, in dates', async () => {
    await page.evaluate(() => { window.timeline.setWindow(-1e9, 1900); });
    await frames(page, 2);
    const box = await page.locator('canvas').first().boundingBox();
    const before = await page.evaluate(() => window.timeline.getWindow());
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
    for (let i = 0; i < 3; i++) { await page.mouse.wheel(0, -120); await frames(page, 2); }
    await page.waitForTimeout(600);
    const after = await page.evaluate(() => window.timeline.getWindow());
    // zoomed in: the window is narrower at both ends in log terms (its oldest end younger, its youngest older)
    assert(after.startYear > before.startYear && after.endYear < before.endYear,
           `${before.startYear}..${before.endYear} -> ${after.startYear}..${after.endYear}`);
    // a drag to the left shows later times at both ends
    const y = box.y + box.height * 0.6;
    await page.mouse.move(box.x + box.width * 0.6, y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) { await page.mouse.move(box.x + box.width * (0.6 - 0.02 * i), y); await frames(page, 1); }
    await page.mouse.up();
    await page.waitForTimeout(400);
    const dragged = await page.evaluate(() => window.timeline.getWindow());
    assert(dragged.startYear > after.startYear && dragged.endYear > after.endYear,
           `drag: ${after.startYear}..${after.endYear} -> ${dragged.startYear}..${dragged.endYear}`);
  });

  test('log scale: the L key switches the axis, and create() and setScale() check their names', async () => {
    await page.focus('canvas');
    await page.keyboard.press('l');
    await frames(page, 3);
    const off = await page.evaluate(() => window.timeline.getScale());
    await page.keyboard.press('l');
    await frames(page, 3);
    const on = await page.evaluate(() => window.timeline.getScale());
    assert(off === 'linear' && on === 'log', `L gave ${off}, then ${on}`);
    const r = await page.evaluate(async () => {
      const el = document.createElement('div');
      el.style.height = '200px';
      document.body.appendChild(el);
      const tl = await Chronoscope.create(el, { data: { events: [{ start: -13.8e9, title: 'Big Bang' }, { start: 2020, title: 'Now' }] }, scale: 'log' });
      const first = tl.getScale();
      const w = tl.getWindow();
      let bad = '';
      try { tl.setScale('sideways'); } catch (e) { bad = e.message; }
      let badCreate = '';
      await Chronoscope.create(el, { data: { events: [] }, scale: 'logarithmic' }).catch((e) => { badCreate = e.message; });
      tl.setScale('linear');
      const second = tl.getScale();
      tl.destroy();
      el.remove();
      return { first, second, bad, badCreate, w };
    });
    assert(r.first === 'log' && r.second === 'linear', `create({scale: 'log'}) -> ${r.first}, setScale('linear') -> ${r.second}`);
    assert(r.w.startYear < -13.8e9 && r.w.endYear > 2020, `fitted window ${r.w.startYear}..${r.w.endYear}`);
    assert(/scale is 'linear' or 'log'/.test(r.bad) && /scale is 'linear' or 'log'/.test(r.badCreate),
           `errors: "${r.bad}", "${r.badCreate}"`);
    await page.close();
    assert(errors.length === 0, errors.join('\n'));
  });
}
