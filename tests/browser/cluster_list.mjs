// A cluster too wide to zoom into (ranges piled up across the view) lists its events on a click, and a click on
// one of them selects it; the view stays where it was. Registered by run.mjs.
import { assert, colourStats, openPage, test } from './harness.mjs';

// env: {context, base, shot(page, file, sel), frames(page, n)}
export function register(env) {
  const { context, shot, frames } = env;
  const errors = [];

  // 60 ranges of one group from 2000 on, a day apart, all running to 2030: past the group's six lanes the rest
  // share its last lane, which over a day of 2020 is one cluster across the plot
  const data = {
    title: 'Piled ranges',
    groups: [{ id: 'g', label: 'Projects' }],
    events: Array.from({ length: 60 }, (_, i) => ({
      id: `r${i}`, start: new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(0, 10), end: '2030-01-01',
      title: `Project ${i} of the long programme`, group: 'g' })),
  };

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
      // the first lane is shared (it frees up first: r0, then r6 on); r1..r5 have a lane each, below it
      const at = await p.evaluate(() => [1, 2].map((i) => window.tl.locate(`r${i}`)));
      assert(at.every(Boolean), `the lanes' own bars are drawn: ${JSON.stringify(at)}`);
      const pitch = at[1].y - at[0].y;
      assert(pitch > 10, `rows ${pitch} px apart`);
      const box = await p.locator('#x canvas').boundingBox();
      const win0 = await p.evaluate(() => window.tl.getWindow());
      const click = { x: box.x + at[0].x, y: box.y + at[0].y - pitch };
      await p.mouse.move(click.x, click.y);
      await frames(p, 3);
      await p.mouse.click(click.x, click.y);
      await frames(p, 6);
      const img = await shot(p, `browser-cluster-list-${name}.png`, '#x canvas');
      assert(colourStats(img).distinct >= 20, 'the frame with the list is drawn');
      const win1 = await p.evaluate(() => window.tl.getWindow());
      assert(win1.start === win0.start && win1.end === win0.end, `the view stayed: ${JSON.stringify([win0, win1])}`);
      assert(await p.evaluate(() => window.tl.getSelection()) === null, 'nothing selected by opening the list');
      // the list opens at the click (right to left: its right edge there): its count line, then a row per event;
      // the third row is a little below
      await p.mouse.click(click.x + (rtl ? -120 : 120), click.y + 2 * pitch + 2.5 * pitch * 0.8);   // down and up at once
      await frames(p, 4);
      const sel = await p.evaluate(() => window.tl.getSelection());
      const n = sel && /^r\d+$/.test(sel.id) ? Number(sel.id.slice(1)) : -1;
      assert(n === 0 || n >= 6,
             `a row of the list selected an event of the shared lane: ${JSON.stringify(sel && sel.id)}`);
      const win2 = await p.evaluate(() => window.tl.getWindow());
      assert(win2.start === win0.start && win2.end === win0.end, `choosing kept the view: ${JSON.stringify(win2)}`);
      await shot(p, `browser-cluster-list-${name}-chosen.png`, '#x canvas');
      assert(errors.length === 0, `console errors: ${errors.join('; ')}`);
      await p.close();
    });
  }
}
