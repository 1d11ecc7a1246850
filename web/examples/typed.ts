// A typed use of every call of the API, checked by `tsc --noEmit -p web/tsconfig.json` (the browser suite runs it).
// The lines after @ts-expect-error must not type-check: they keep the declarations from being too loose.
import Chronoscope, { create, version } from 'chronoscope';
import type { ChronoscopeError, LoadInfo, Progress, Scale, TileStats, Timeline, TimelineEvent, WindowInfo } from 'chronoscope';

const v: string = version;
const same: typeof create = Chronoscope.create;

async function main(el: HTMLElement): Promise<void> {
  const seen: Progress[] = [];
  let tl: Timeline;
  try {
    tl = await create(el, {
      src: 'story.json',
      window: ['2020', { year: 2022, month: 6 }],
      theme: 'dark',
      hash: true,
      worker: true,
      on: { progress: (p) => { seen.push(p); } },
    });
  } catch (e) {
    const err = e as ChronoscopeError;
    if (!err.timeline) throw err;
    tl = err.timeline;
  }
  await create('#other', { data: { events: [{ start: -13.8e9, title: 'Big Bang' }] }, worker: false });
  await create('#third', { data: '{"events": []}' });
  const deep = await create('#deep', { src: 'deeptime.json', scale: 'log' });
  const scale: Scale = deep.setScale('linear').setScale('log').getScale();
  console.log(scale);

  const w: WindowInfo = tl.getWindow();
  const span: number = w.endYear - w.startYear;
  tl.setWindow('2020-08-01', new Date()).setWindow(-13.8e9, 2026).setTheme('light');
  const picked: boolean = tl.select('dynamite-release');
  tl.select(null);
  const sel: TimelineEvent | null = tl.getSelection();
  const next: TimelineEvent | null = tl.next();
  const previous: TimelineEvent | null = tl.previous();
  const card: boolean = tl.showTitleCard() && tl.isTitleCardShown();
  const title: string | undefined = sel?.title;
  const shown: string | undefined = sel?.date;
  const hits: number = tl.search('방탄소년단');
  const at = tl.locate('dynamite-release');
  if (at) console.log(at.x + at.y);

  const onSelect = (ev: TimelineEvent | null) => console.log(ev ? ev.title : 'nothing selected');
  tl.on('select', onSelect).off('select', onSelect);
  tl.on('rangechange', (r) => console.log(r.start, r.end, r.startYear));
  tl.on('load', (info) => console.log(info.events, info.loads, info.window.start));
  tl.on('error', (err) => console.log(err.message, err.superseded, err.destroyed));
  tl.on('progress', (p) => console.log(p.phase === 'download' ? p.bytes / p.total : p.events));

  const info: LoadInfo = await tl.load({ src: 'next.json', keepView: true });
  await tl.load({ data: { title: 'Inline', events: [] }, worker: false }).catch((err: ChronoscopeError) => {
    if (err.superseded) return;
    throw err;
  });
  console.log(v, same, span, picked, title, hits, info.events, seen.length, tl.canvas.width, tl.element.id, next, previous, card, shown);

  // a tiled timeline: the URL of its manifest; search counts that need the index's shards come as an event
  const tiled: Timeline = await create(el, { tiles: 'https://cdn.example/sets/wiki/manifest.json', hash: true });
  await tiled.loadTiles('/sets/flights-2024/manifest.json', { keepView: true });
  tiled.on('search', (s) => console.log(s.query, s.matches));
  const st: TileStats | null = tiled.tileStats();
  if (st) console.log(st.bytesFetched, st.finestLevelInView, st.complete, st.events, st.windowWeight);
  tl.destroy();

  // @ts-expect-error: a theme is 'light' or 'dark'
  tl.setTheme('blue');
  // @ts-expect-error: no such event
  tl.on('click', () => {});
  // @ts-expect-error: the select event's payload is an event or null, not a window
  tl.on('select', (r: WindowInfo) => console.log(r.startYear));
  // @ts-expect-error: create() needs src or data
  create(el, { theme: 'dark' });
  // @ts-expect-error: load() takes src or data, not both
  tl.load({ src: 'a.json', data: '{}' });
  // @ts-expect-error: nor tiles with src
  tl.load({ src: 'a.json', tiles: 'm/manifest.json' });
  // @ts-expect-error: a scale is 'linear' or 'log'
  tl.setScale('symlog');
  // @ts-expect-error: the create option too
  create(el, { src: 'a.json', scale: 'logarithmic' });
  // @ts-expect-error: locate() may answer null
  tl.locate('x').x;
}

main(document.body).catch((err: ChronoscopeError) => console.error(err.message));
