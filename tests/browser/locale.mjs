// Locales, the two-level axis and time zones (issue 12, "Every locale"): the engine's dates in ten locales equal what
// the browser's own Intl says for the same dates and options (computed here, in the page, never written down), the
// Korean strings of the issue literally, the timeZone option and setter, and screenshots. Also writes
// tests/out/intl-labels.json, the table the native ICU test (tests/icu) compares its own strings with.
// Registered by run.mjs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { assert, colourStats, openPage, test } from './harness.mjs';

const LOCALES = ['en', 'ko', 'ja', 'zh', 'de', 'fr', 'es', 'ru', 'ar', 'hi'];

// One event per kind of date; ids say which. Precisions: 0 year, 1 month, 2 day, 3 hour, 4 minute (core/time.h); an
// hour is written with its minutes, as Intl writes hour and minute.
const DATES = [
  { id: 'year', start: '2020', precision: 0 },
  { id: 'month', start: '2020-08', precision: 1 },
  { id: 'day', start: '2020-08-21', precision: 2 },
  { id: 'hour', start: '2020-08-21T13Z', precision: 3 },
  { id: 'minute', start: '2020-08-21T13:05Z', precision: 4 },
  { id: 'bce', start: '-0499', precision: 0 },
  { id: 'deep', start: -13800000000, iso: '-13800000000', precision: 0 },
];
const DATA = { title: 'Dates', events: DATES.map((d) => ({ id: d.id, start: d.start, title: d.id })) };

// In the page: what Intl says for each date of DATES in locale `tag`, with the options the engine's patterns name
// (core/locale.cpp: year numeric, month short, day numeric, hour and minute 2-digit with hourCycle h23, era long;
// deep time: Intl.RelativeTimeFormat's "N years ago" around Intl.NumberFormat's compact number).
function intlLabels(tag) {
  const base = { timeZone: 'UTC', calendar: 'gregory' };
  const f = (opts, ms) => new Intl.DateTimeFormat(tag, Object.assign({}, base, opts)).format(ms);
  const bce = new Date(Date.UTC(2020, 0, 1));
  bce.setUTCFullYear(-499);
  // the compact number
  const cparts = new Intl.NumberFormat(tag, { notation: 'compact', compactDisplay: 'short', maximumSignificantDigits: 3 })
    .formatToParts(13.8e9);
  const numeric = new Set(['integer', 'group', 'decimal', 'fraction']);
  const compactText = cparts.map((p) => p.value).join('');
  // (the plural is the number of years read, 13.8 billion: "vor 13,8 Mrd. Jahren", "13,8 млрд лет назад")
  const rparts = new Intl.RelativeTimeFormat(tag, { numeric: 'always' }).formatToParts(-13.8e9, 'year');
  let deep = '', inNumber = false;
  rparts.forEach((p) => {
    if (numeric.has(p.type)) { if (!inNumber) deep += compactText; inNumber = true; } else { deep += p.value; inNumber = false; }
  });
  return {
    year: f({ year: 'numeric' }, Date.UTC(2020, 7, 21)),
    month: f({ year: 'numeric', month: 'short' }, Date.UTC(2020, 7, 21)),
    day: f({ year: 'numeric', month: 'short', day: 'numeric' }, Date.UTC(2020, 7, 21)),
    hour: f({ year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
            Date.UTC(2020, 7, 21, 13, 0)),
    minute: f({ year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
              Date.UTC(2020, 7, 21, 13, 5)),
    bce: f({ year: 'numeric', era: 'long' }, bce.getTime()),
    deep,
  };
}

// env: {context, base, out, shot(page, file, sel), frames(page, n)}
export function register(env) {
  const { context, shot, frames } = env;
  const errors = [];

  const page = (url = '/empty.html') => openPage(context, env.base, url, { errors, ready: false });

  // The engine's date of each event (what the details panel, the tooltip and the accessible list show).
  const engineLabels = (p, tag) => p.evaluate(async ({ data, tag }) => {
    const tl = await Chronoscope.create(document.getElementById('x'), { data, locale: tag });
    const out = {};
    for (const e of data.events) { tl.select(e.id); out[e.id] = tl.getSelection().date; }
    const locale = tl.getLocale();
    tl.destroy();
    return { out, locale };
  }, { data: DATA, tag });

  test('locale: the engine writes dates as Intl does, in ten locales', async () => {
    const p = await page();
    const table = {};
    const bad = [];
    for (const tag of LOCALES) {
      const got = await engineLabels(p, tag);
      const want = await p.evaluate(intlLabels, tag);
      if (tag === 'en') {
        // the timeline's own English (byte for byte what it always wrote): CLDR's en-GB order, the era "BCE"
        const en = { year: '2020', month: 'Aug 2020', day: '21 Aug 2020', hour: '21 Aug 2020 13:00', minute: '21 Aug 2020 13:05',
                     bce: '500 BCE', deep: '13.8 Ga' };
        const gb = await p.evaluate(intlLabels, 'en-GB');
        for (const k of Object.keys(en)) if (got.out[k] !== en[k]) bad.push(`en ${k}: ${got.out[k]} (want ${en[k]})`);
        for (const k of ['year', 'month', 'day']) if (got.out[k] !== gb[k]) bad.push(`en ${k}: ${got.out[k]}, Intl en-GB ${gb[k]}`);
        continue;
      }
      assert(got.locale === tag, `getLocale() ${got.locale} for ${tag}`);
      table[tag] = [];
      for (const d of DATES) {
        if (got.out[d.id] !== want[d.id]) bad.push(`${tag} ${d.id}: engine ${JSON.stringify(got.out[d.id])}, Intl ${JSON.stringify(want[d.id])}`);
        table[tag].push({ iso: d.iso || d.start, precision: d.precision, intl: want[d.id] });
      }
      if (tag === 'ko') {
        assert(got.out.month === '2020년 8월', `Korean month: ${got.out.month}`);
        assert(got.out.bce === '기원전 500년', `Korean BCE year: ${got.out.bce}`);
      }
    }
    const labels = path.join(env.out, 'intl-labels.json');
    fs.writeFileSync(labels, JSON.stringify(table, null, 1));
    assert(bad.length === 0, bad.join('\n'));
    // the native app's ICU-filled locales give the same strings (tests/icu; built by tests/run.sh --unit)
    const icu = path.resolve(env.out, '../../build-native/cs_icu_tests');
    const bin = fs.existsSync(icu) ? icu : path.resolve('build-native/cs_icu_tests');
    if (fs.existsSync(bin)) {
      const r = spawnSync(bin, ['--gtest_filter=IcuLocale.AgreesWithTheBrowsersIntl'],
                          { env: Object.assign({}, process.env, { CS_INTL_LABELS: labels }), encoding: 'utf8' });
      assert(r.status === 0 && !/SKIPPED/.test(r.stdout), `ICU and Intl differ:\n${r.stdout}`);
    } else {
      console.log('  (build-native/cs_icu_tests not built: the ICU comparison is left to the unit stage)');
    }
    await p.close();
  });

  test('locale: an unknown tag is refused; setLocale changes the dates at once', async () => {
    const p = await page();
    const r = await p.evaluate(async (data) => {
      const bad = await Chronoscope.create(document.getElementById('x'), { data, locale: 'not a tag!' })
        .then(() => 'resolved', (e) => e.message);
      const tl = await Chronoscope.create(document.getElementById('y'), { data });
      tl.select('month');
      const before = tl.getSelection().date;
      tl.setLocale('de');
      const de = tl.getSelection().date;
      let thrown = '';
      try { tl.setLocale('%%'); } catch (e) { thrown = e.message; }
      const after = tl.getSelection().date;
      return { bad, before, de, thrown, after, lang: document.documentElement.lang };
    }, DATA);
    assert(/not a locale/.test(r.bad), `create with a bad locale: ${r.bad}`);
    assert(r.before === 'Aug 2020', `the page's language (${r.lang || 'none'}) gives English: ${r.before}`);
    assert(r.de === 'Aug. 2020', `German: ${r.de}`);
    assert(/not a locale/.test(r.thrown) && r.after === 'Aug. 2020', `a bad setLocale: ${r.thrown}; then ${r.after}`);
    await p.close();
  });

  test('time zones: written offsets by default, the timeZone option and setter, a bad zone is an error', async () => {
    const p = await page();
    const data = { events: [{ id: 'seoul', start: '2020-08-21T13:00+09:00', title: 'Dynamite premiere' },
                            { id: 'date', start: '2020-08-21', title: 'a date' }] };
    const r = await p.evaluate(async (data) => {
      const tl = await Chronoscope.create(document.getElementById('x'), { data });
      const date = () => { tl.select('seoul'); return tl.getSelection().date; };
      const r = { written: date() };
      tl.setTimeZone('UTC'); r.utc = date();
      tl.setTimeZone('America/New_York'); r.ny = date();
      tl.select('date'); r.plain = tl.getSelection().date;
      try { tl.setTimeZone('Mars/Olympus_Mons'); r.bad = 'no error'; } catch (e) { r.bad = e.name + ': ' + e.message; }
      r.afterBad = date();
      r.zone = tl.getTimeZone();
      tl.setTimeZone(null); r.back = date();
      r.rejected = await Chronoscope.create(document.getElementById('y'), { data, timeZone: 'Nowhere/Not_A_Zone' })
        .then(() => 'resolved', (e) => e.message);
      r.emptyY = document.getElementById('y').children.length;
      const seoul = await Chronoscope.create(document.getElementById('z'), { data, timeZone: 'Asia/Seoul', locale: 'ko' });
      seoul.select('seoul');
      r.ko = seoul.getSelection().date;
      return r;
    }, data);
    assert(r.written === '21 Aug 2020 13:00 +09:00', `default: ${r.written}`);
    assert(r.utc === '21 Aug 2020 04:00 UTC', `UTC: ${r.utc}`);
    assert(r.ny === '21 Aug 2020 00:00 -04:00', `New York: ${r.ny}`);
    assert(r.plain === '21 Aug 2020', `a date without a time is not moved: ${r.plain}`);
    assert(/RangeError: .*Mars\/Olympus_Mons/.test(r.bad), `a bad zone: ${r.bad}`);
    assert(r.afterBad === r.ny && r.zone === 'America/New_York', `nothing lost: ${r.afterBad}, ${r.zone}`);
    assert(r.back === r.written, `back to written offsets: ${r.back}`);
    assert(/unknown time zone 'Nowhere\/Not_A_Zone'/.test(r.rejected) && r.emptyY === 0, `create: ${r.rejected}, ${r.emptyY}`);
    assert(r.ko === '2020년 8월 21일 13:00 +09:00', `Korean in Seoul: ${r.ko}`);
    await p.close();
  });

  test('locale: screenshots (Korean, German, Arabic; the two-level axis at month and hour zoom)', async () => {
    const shots = [
      ['ko', ['2020-08-01', '2020-12-31'], 'locale-ko-months.png'],
      ['de', ['2020-08-01', '2020-12-31'], 'locale-de-months.png'],
      ['ar', ['2020-08-01', '2020-12-31'], 'locale-ar-months.png'],
      ['en', ['2020-08-01', '2020-12-31'], 'locale-en-months.png'],
      ['en', ['2020-08-20T18:00', '2020-08-22T06:00'], 'locale-en-hours.png'],
      ['ko', ['2020-08-20T18:00', '2020-08-22T06:00'], 'locale-ko-hours.png'],
    ];
    for (const [tag, win, file] of shots) {
      const p = await page();
      await p.evaluate(async ({ tag, win }) => {
        document.getElementById('x').style.height = '420px';
        document.getElementById('x').style.width = '1100px';
        window.tl = await Chronoscope.create(document.getElementById('x'), { src: 'data/bts.json', locale: tag, window: win });
        return true;
      }, { tag, win });
      await frames(p, 4);
      await p.waitForTimeout(300);   // the CJK font, fetched for Hangul month names
      await frames(p, 4);
      const img = await shot(p, file, '#x canvas');
      assert(colourStats(img).distinct >= 10, `${file} is drawn`);
      await p.close();
    }
  });

  test('locale: no page errors', async () => {
    assert(errors.length === 0, errors.join('\n'));
  });
}
