// Right to left (issue 12): the `rtl` option defaults to the element's direction (the page's dir), overrides it
// either way, and setRtl switches it; time runs from right to left and the page's own elements for the timeline
// take dir="rtl". Registered by run.mjs.
import { assert, colourStats, openPage, test } from './harness.mjs';

// env: {context, base, shot(page, file, sel), frames(page, n)}
export function register(env) {
  const { context, shot, frames } = env;
  const errors = [];

  async function open(url) {
    const p = await openPage(context, env.base, url, { errors });
    await p.evaluate(() => window.ready.then((tl) => { window.tl = tl; return true; }));
    return p;
  }

  // where two events' marks are, the direction, and the dir of the list of events beside the canvas
  const read = (p, tl) => p.evaluate((name) => {
    const t = window[name];
    const box = t.element.querySelector('.chronoscope-events');
    return { rtl: t.getRtl(), early: t.locate('baghdad'), late: t.locate('kindi'), dir: box && box.getAttribute('dir') };
  }, tl);

  test('rtl: a dir="rtl" page runs time from right to left; the option and setRtl override it', async () => {
    const p = await open('/rtl.html');
    const r = await read(p, 'tl');
    assert(r.rtl === true, `getRtl() on a dir="rtl" page: ${r.rtl}`);
    assert(r.early && r.late, `both marks drawn: ${JSON.stringify(r)}`);
    assert(r.late.x < r.early.x - 100, `the later event left of the earlier one: ${JSON.stringify(r)}`);
    assert(r.dir === 'rtl', `the list of events has dir=${r.dir}`);
    const img = await shot(p, 'browser-rtl.png', '#x canvas');
    assert(colourStats(img).distinct >= 20, 'the right-to-left frame is drawn');
    // the option overrides the page's direction
    await p.evaluate(() => Chronoscope.create(document.getElementById('y'), { data: window.rtlData, rtl: false })
      .then((tl) => { window.tl2 = tl; return true; }));
    await frames(p, 3);
    const l = await read(p, 'tl2');
    assert(l.rtl === false && l.late.x > l.early.x + 100 && l.dir === 'ltr', `rtl: false on a rtl page: ${JSON.stringify(l)}`);
    // ... and setRtl switches it both ways
    await p.evaluate(() => { window.tl2.setRtl(true); });
    await frames(p, 3);
    const s = await read(p, 'tl2');
    assert(s.rtl === true && s.late.x < s.early.x - 100 && s.dir === 'rtl', `after setRtl(true): ${JSON.stringify(s)}`);
    await p.evaluate(() => { window.tl.setRtl(false); });
    await frames(p, 3);
    const t = await read(p, 'tl');
    assert(t.rtl === false && t.late.x > t.early.x + 100, `after setRtl(false): ${JSON.stringify(t)}`);
    await p.evaluate(() => { window.tl.setRtl(true); });
    await frames(p, 3);
    // the details panel opens at the left, the selected event's mark still where a click finds it
    const at = await p.evaluate(() => window.tl.locate('hikma'));
    const box = await p.locator('#x canvas').boundingBox();
    await p.mouse.click(box.x + at.x, box.y + at.y);
    await frames(p, 4);
    const sel = await p.evaluate(() => (window.tl.getSelection() || {}).id);
    assert(sel === 'hikma', `a click on the mark selected ${sel}`);
    await shot(p, 'browser-rtl-selected.png', '#x canvas');
    await p.close();
  });

  test('rtl: a left-to-right page stays left to right unless asked', async () => {
    const p = await open('/latin.html');
    const r = await p.evaluate(() => window.tl.getRtl());
    assert(r === false, `getRtl() on a left-to-right page: ${r}`);
    await p.close();
    assert(errors.length === 0, errors.join('\n'));
  });
}
