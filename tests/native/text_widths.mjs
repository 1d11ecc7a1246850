// Shaped widths of the native text rasteriser (HarfBuzz over the Noto files, via chronoscope-text) against the
// browser's own canvas measureText of the same strings with the very same font files (loaded through FontFace from
// where the native side found them), in Debian's headless Chromium.
//   node tests/native/text_widths.mjs BUILD_DIR OUT_DIR      exit 0 when every string agrees within 3 %
// One line per string ("ok"/"FAIL", both widths), the details in OUT_DIR/text-widths.json.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch } from '../browser/harness.mjs';

const [build = 'build-native', out = 'tests/out'] = process.argv.slice(2);
const PX = 40, TOLERANCE = 0.03;
const strings = [
  'The Battle of Hastings, 1066 (Normandy)',
  'Ἀλέξανδρος ὁ Μέγας — Μακεδονία',
  'Крещение Руси, 988 год',
  '夏朝建立，禹传位于启',
  '中華民國臨時政府成立於南京',
  '日本語のかなとカタカナ、明治維新',
  '한국어 조선 건국 기원전 2333년',
  'مرحبا بالعالم',
  'الدولة العباسية',
  'שלום עולם ממלכת ישראל',
  'क्षत्रिय मौर्य साम्राज्य की स्थापना',
  'อาณาจักรสุโขทัย ก่อตั้งเมื่อ',
  '🎉🌍🚀👨‍👩‍👧‍👦🇰🇷👍🏽',
  'Apollo 11 — أبولو 11',
];

const tool = path.join(build, 'chronoscope-text');
const lines = execFileSync(tool, ['widths', String(PX)], { input: strings.join('\n') + '\n' }).toString().trim().split('\n');
const native = lines.map((l) => JSON.parse(l));

// every font file the native side drew with, served from its own folder; a collection's face index is dropped
// (the browser takes the collection's first face; CJK ideographs and kana are one em wide in each)
const files = [...new Set(native.flatMap((n) => n.fonts.map((f) => f.replace(/#\d+$/, ''))))];
const dirs = [...new Set(files.map((f) => path.dirname(f)))];
const server = await serve(dirs.map((d, i) => ({ dir: d, prefix: `/f${i}/` })));
const base = `http://127.0.0.1:${server.address().port}`;
const url = (f) => `${base}/f${dirs.indexOf(path.dirname(f))}/${encodeURIComponent(path.basename(f))}`;
const family = (f) => 'native-' + files.indexOf(f.replace(/#\d+$/, ''));

const context = await launch();
const page = await context.newPage();
await page.goto(`${base}/f0/none.html`).catch(() => {});  // an origin for the fonts' fetches (a 404 page is enough)
const failed = await page.evaluate(async (faces) => {
  const bad = [];
  for (const [name, src] of faces) {
    try {
      const f = new FontFace(name, `url(${src})`);
      await f.load();
      document.fonts.add(f);
    } catch (e) { bad.push(`${src}: ${e}`); }
  }
  return bad;
}, files.map((f) => [family(f), url(f)]));
if (failed.length) console.log('fonts the browser could not load:\n  ' + failed.join('\n  '));

const measured = await page.evaluate(([items, px]) => {
  const ctx = document.createElement('canvas').getContext('2d');
  return items.map(([text, stack]) => {
    ctx.font = `${px}px ${stack.map((s) => `"${s}"`).join(', ')}`;
    return ctx.measureText(text).width;
  });
}, [native.map((n) => [n.text, [...new Set(n.fonts.map(family))]]), PX]);
await context.close();
server.close();

let bad = 0;
const report = native.map((n, i) => {
  const diff = Math.abs(n.width - measured[i]) / measured[i];
  const ok = failed.length === 0 && n.missing === 0 && diff <= TOLERANCE;
  if (!ok) bad++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${(diff * 100).toFixed(2).padStart(6)} %  native ${n.width.toFixed(1).padStart(7)}  ` +
              `browser ${measured[i].toFixed(1).padStart(7)}  ${n.text}`);
  return { ...n, browser: measured[i], diff };
});
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'text-widths.json'), JSON.stringify(report, null, 1));
console.log(`text widths: ${native.length - bad} of ${native.length} within ${TOLERANCE * 100} % of the browser's measureText`);
process.exit(bad ? 1 : 0);
