// Data for the dense-view benchmark, generated here and not by the product's generator (src/core/generate.cpp), so
// that the product is measured on data it was not tuned on. A shape is the base (20 groups over 1900-2025, 30%
// ranges with durations log-uniform between a day and 20 years, uniform starts, three-word titles) with at most one
// thing changed. Seeded (mulberry32): the same shape and N give the same file.
//
//   import { SHAPES, writeDense } from './dense_data.mjs';
//   writeDense(path, n, SHAPES.base, seed)   writes Chronoscope's JSON format (the vis page converts it itself)
import fs from 'node:fs';

const BASE = { groups: 20, ranges: 0.3, minDur: 86400, maxDur: 20 * 365.25 * 86400, clustered: false, words: 3 };
export const SHAPES = {
  base: BASE,
  'groups-1': { ...BASE, groups: 1 },
  'groups-50': { ...BASE, groups: 50 },
  'ranges-0': { ...BASE, ranges: 0 },
  'ranges-90': { ...BASE, ranges: 0.9 },
  'short-ranges': { ...BASE, minDur: 600, maxDur: 3 * 86400 },       // ten minutes to three days
  'long-ranges': { ...BASE, minDur: 365.25 * 86400, maxDur: 20 * 365.25 * 86400 },  // a year to 20 years
  clustered: { ...BASE, clustered: true },
  'titles-1': { ...BASE, words: 1 },
  'titles-12': { ...BASE, words: 12 },
};

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ('harbour treaty signed river crossing comet observed royal charter granted railway opens mine ' +
  'collapse university founded bridge completed plague outbreak council elected ship launched telegraph line ' +
  'storm flood census taken strike ends museum opened canal dug fire market reform act tower built mission ' +
  'expedition returns coinage revised theatre burns festival held dam breaks observatory new').split(' ');

const T0 = Date.UTC(1900, 0, 1) / 1000, T1 = Date.UTC(2025, 0, 1) / 1000;
const iso = (sec) => new Date(Math.round(sec) * 1000).toISOString().replace('.000Z', 'Z');

export function writeDense(file, n, shape, seed = 1) {
  const rnd = mulberry32(seed * 7919 + n);
  // clustered starts: a normal spread of two years around one of 12 centres
  const centres = Array.from({ length: 12 }, () => T0 + rnd() * (T1 - T0));
  const normal = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const fd = fs.openSync(file, 'w');
  let buf = '{"groups": [';
  for (let g = 0; g < shape.groups; g++) buf += `${g ? ',' : ''}{"id": "g${g}", "label": "Group ${g + 1}"}`;
  buf += '], "events": [\n';
  const lmin = Math.log(shape.minDur), lmax = Math.log(shape.maxDur);
  for (let i = 0; i < n; i++) {
    let s = shape.clustered ? centres[Math.floor(rnd() * centres.length)] + normal() * 2 * 365.25 * 86400 : T0 + rnd() * (T1 - T0);
    s = Math.min(Math.max(s, T0), T1);
    let title = '';
    for (let w = 0; w < shape.words; w++) title += (w ? ' ' : '') + WORDS[Math.floor(rnd() * WORDS.length)];
    title = title[0].toUpperCase() + title.slice(1);
    let ev = `{"id": "e${i}", "start": "${iso(s)}"`;
    if (rnd() < shape.ranges) ev += `, "end": "${iso(s + Math.max(1, Math.exp(lmin + rnd() * (lmax - lmin))))}"`;
    ev += `, "title": "${title}", "group": "g${Math.floor(rnd() * shape.groups)}"}`;
    buf += (i ? ',\n' : '') + ev;
    if (buf.length > 1 << 20) { fs.writeSync(fd, buf); buf = ''; }
  }
  buf += '\n]}\n';
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
}

// As a program: writes dense-SHAPE-N.json for each shape and N into a folder (for the native benchmark, cs_bench
// --dense=DIR).   node tests/bench/dense_data.mjs DIR [--sizes 10000,100000,1000000] [--shapes base,clustered]
if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name, def) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : def; };
  const dir = process.argv[2];
  if (!dir || dir.startsWith('--')) {
    console.error('usage: node tests/bench/dense_data.mjs DIR [--sizes 10000,100000] [--shapes base,clustered]');
    process.exit(2);
  }
  fs.mkdirSync(dir, { recursive: true });
  for (const shape of arg('--shapes', Object.keys(SHAPES).join(',')).split(','))
    for (const n of arg('--sizes', '10000,100000,1000000').split(',').map(Number))
      writeDense(`${dir}/dense-${shape}-${n}.json`, n, SHAPES[shape], 1);
}
