// A cluster too wide to zoom into (ranges piled up across the view) lists its events on a click, and a click on
// one of them selects it; the view stays where it was. From a file (light, dark, right to left) and from tiles
// (the same data packed by the native `chronoscope pack`: the list holds the window's events, and the chosen one
// comes with its text page). Registered by run.mjs.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { assert, colourStats, openPage, skip, test } from './harness.mjs';
import { nativeTools } from './tile_data.mjs';

// env: {context, base, dataDir, shot(page, file, sel), frames(page, n)}
export function register(env) {
  const { context, shot, frames } = env;
  const errors = [];

  // 60 ranges of one group from 2000 on, a day apart, all running to 2030: past the group's six lanes the rest
  // share its first lane (it frees up first), which over a day of 2020 is one cluster across the plot
  const data = {
    title: 'Piled ranges',
    groups: [{ id: 'g', label: 'Projects' }],
    events: Array.from({ length: 60 }, (_, i) => ({
      id: `r${i}`, start: new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(0, 10), end: '2030-01-01',
      title: `Project ${i} of the long programme`, group: 'g', text: `What project ${i} did.` })),
  };

  async function check(p, name, tl, rtl, canvas) {
    // r1..r5 have a lane each; the shared lane is the row above r1's
    // (a tiled timeline answers once the ids' shard has come: asked again each frame)
    await p.waitForFunction((tl) => [1, 2].every((i) => window[tl].locate(`r${i}`)), tl, { timeout: 20000, polling: 100 })
      .catch(() => {});
    const at = await p.evaluate((tl) => [1, 2].map((i) => window[tl].locate(`r${i}`)), tl);
    assert(at.every(Boolean), `the lanes' own bars are drawn: ${JSON.stringify(at)}`);
    const pitch = at[1].y - at[0].y;
    assert(pitch > 10, `rows ${pitch} px apart`);
    const box = await p.locator(canvas).boundingBox();
    const win0 = await p.evaluate((tl) => window[tl].getWindow(), tl);
    const click = { x: box.x + at[0].x, y: box.y + at[0].y - pitch };
    await p.mouse.move(click.x, click.y);
    await frames(p, 3);
    await p.mouse.click(click.x, click.y);
    await frames(p, 6);
    const img = await shot(p, `browser-cluster-list-${name}.png`, canvas);
    assert(colourStats(img).distinct >= 20, 'the frame with the list is drawn');
    const win1 = await p.evaluate((tl) => window[tl].getWindow(), tl);
    assert(win1.start === win0.start && win1.end === win0.end, `the view stayed: ${JSON.stringify([win0, win1])}`);
    assert(await p.evaluate((tl) => window[tl].getSelection(), tl) === null, 'nothing selected by opening the list');
    // the list opens at the click (right to left: its right edge there): its count line, then a row per event;
    // the third row is a little below
    await p.mouse.click(click.x + (rtl ? -120 : 120), click.y + 2 * pitch + 2.5 * pitch * 0.8);   // down and up at once
    await p.waitForFunction((tl) => { const s = window[tl].getSelection(); return s && s.id && s.text; }, tl,
                            { timeout: 20000, polling: 100 });
    const sel = await p.evaluate((tl) => window[tl].getSelection(), tl);
    const n = /^r\d+$/.test(sel.id) ? Number(sel.id.slice(1)) : -1;
    assert(n === 0 || n >= 6, `a row of the list selected an event of the shared lane: ${sel.id}`);
    assert(sel.title === data.events[n].title && sel.text === data.events[n].text,
           `the chosen event is shown whole: ${JSON.stringify(sel)}`);
    const win2 = await p.evaluate((tl) => window[tl].getWindow(), tl);
    assert(win2.start === win0.start && win2.end === win0.end, `choosing kept the view: ${JSON.stringify(win2)}`);
    await frames(p, 3);
    await shot(p, `browser-cluster-list-${name}-chosen.png`, canvas);
  }

  for (const [theme, rtl] of [['light', false], ['dark', false], ['light', true]]) {
    const name = rtl ? 'rtl' : theme;
    test(`cluster list (${name}): a click on a cluster across the view lists its events; one is chosen`, async () => {
      const p = await openPage(context, env.base, '/empty.html', { errors, ready: false });
      await p.evaluate(({ data, theme, rtl }) => {
        const el = document.getElementById('x');
        el.style.height = '520px';
        el.style.width = '1100px';
        return Chronoscope.create(el, { data, theme, rtl, window: ['2020-06-01', '2020-06-02'] })
          .then((tl) => { window.tl = tl; return true; });
      }, { data, theme, rtl });
      await frames(p, 4);
      await check(p, name, 'tl', rtl, '#x canvas');
      assert(errors.length === 0, `console errors: ${errors.join('; ')}`);
      await p.close();
    });
  }

  test('cluster list (tiles): the same from a packed set, the chosen event with its text page', async () => {
    const tools = nativeTools();
    if (!tools) skip('no native build with chronoscope (tests/run.sh --browser builds it)');
    const json = path.join(env.dataDir, 'piled.json'), dir = path.join(env.dataDir, 'piled');
    fs.writeFileSync(json, JSON.stringify(data));
    execFileSync(tools.app, ['pack', json, dir], { stdio: 'ignore' });
    const p = await openPage(context, env.base, '/csp/tiles.html?tiles=/csp/piled/manifest.json', { errors, frames: 0 });
    await p.evaluate(() => { window.timeline.setWindow('2020-06-01', '2020-06-02'); });
    await p.waitForFunction(() => { const st = window.timeline.tileStats(); return st && st.complete && st.inFlight === 0; },
                            null, { timeout: 20000, polling: 100 });
    await frames(p, 4);
    await check(p, 'tiles', 'timeline', false, 'canvas');
    const pageErrors = await p.evaluate(() => window.errors);
    assert(errors.length === 0 && pageErrors.length === 0, `errors: ${errors.concat(pageErrors).join('; ')}`);
    await p.close();
  });
}
