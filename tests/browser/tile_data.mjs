// Tiled data for the browser test and the tile benchmark: a generated set written as JSON Lines by the native
// chronoscope-gen and packed by the native `chronoscope pack` (both from build-native, which tests/run.sh builds
// for the browser stage), and what the test checks the page against, read back from the JSON Lines.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// The native tools, from $CS_NATIVE_BUILD (default build-native): null when one is missing.
export function nativeTools() {
  const dir = path.resolve(repo, process.env.CS_NATIVE_BUILD || 'build-native');
  const gen = path.join(dir, 'chronoscope-gen'), app = path.join(dir, 'chronoscope');
  if (!fs.existsSync(gen) || !fs.existsSync(app)) return null;
  return { gen, app };
}

// Writes n generated events (seed 1; genArgs: more chronoscope-gen options, e.g. the share of ranges) to jsonl and
// packs them into outDir (replacing it). Returns the pack's standard output. Throws with the tools' messages when
// either fails.
export function makeTiles(tools, n, jsonl, outDir, genArgs = []) {
  const run = (exe, args) => {
    try {
      return execFileSync(exe, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 });
    } catch (e) {
      throw new Error(`${path.basename(exe)} ${args.join(' ')}: ${e.stderr || e.message}`);
    }
  };
  if (!fs.existsSync(jsonl)) run(tools.gen, [String(n), jsonl, '--jsonl', '--seed', '1', ...genArgs]);
  return run(tools.app, ['pack', jsonl, outDir]);
}

// Milliseconds since 1970 of a date of the generated data (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS[.f]Z),
// and of the end of its unit (the last instant it names) when `end`.
function dateMs(s, end) {
  const m = /^(-?\d+)(?:-(\d\d)(?:-(\d\d)(?:T(\d\d):(\d\d)(?::(\d\d)(\.\d+)?)?(Z|[+-]\d\d:\d\d)?)?)?)?$/.exec(s);
  if (!m) return NaN;
  const y = Number(m[1]), mo = m[2] ? Number(m[2]) - 1 : 0, d = m[3] ? Number(m[3]) : 1;
  const h = m[4] ? Number(m[4]) : 0, mi = m[5] ? Number(m[5]) : 0, sec = m[6] ? Number(m[6]) : 0;
  const frac = m[7] ? Number(m[7]) * 1000 : 0;
  const at = (yy, mm, dd, hh, mn, ss) => { const t = new Date(0); t.setUTCFullYear(yy, mm, dd); t.setUTCHours(hh, mn, ss, 0); return t.getTime(); };
  let off = 0;
  if (m[8] && m[8] !== 'Z') off = (m[8][0] === '-' ? -1 : 1) * (Number(m[8].slice(1, 3)) * 60 + Number(m[8].slice(4, 6))) * 60000;
  const t = at(y, mo, d, h, mi, sec) + frac - off;
  if (!end) return t;
  if (!m[2]) return at(y + 1, 0, 1, 0, 0, 0) - 1;
  if (!m[3]) return at(y, mo + 1, 1, 0, 0, 0) - 1;
  if (!m[4]) return at(y, mo, d + 1, 0, 0, 0) - 1;
  return t;
}

// The folded words of a text as the search index cuts them (runs of letters and digits, lower case).
export function words(s) {
  return (s || '').toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
}

// The events of a JSON Lines file in ordinal order (by start, then by line), each {id, title, start, end (ms),
// day (a start at day precision or finer), text (only for `keepText` ids)}, and for each of `queries` (one word
// each) the number of events with a word that begins with it in their title, text or tags.
export async function readEvents(jsonl, queries = [], keepText = () => false) {
  const events = [];
  const counts = Object.fromEntries(queries.map((q) => [q, 0]));
  const rl = readline.createInterface({ input: fs.createReadStream(jsonl), crlfDelay: Infinity });
  let line = 0;
  for await (const text of rl) {
    if (!text.trim()) continue;
    const o = JSON.parse(text);
    if (o.start === undefined) continue;  // (the first line: the timeline's own fields)
    const start = dateMs(String(o.start), false);
    const end = o.end !== undefined ? dateMs(String(o.end), true) : dateMs(String(o.start), true);
    const ev = { id: o.id, title: o.title, start, end, line: line++, day: String(o.start).length >= 10 };
    if (keepText(o)) ev.text = o.text || '';
    const low = queries.length ? text.toLowerCase() : '';
    let ws = null;
    for (const q of queries) {
      if (!low.includes(q)) continue;  // (most lines: no need to cut words)
      if (!ws) ws = [...words(o.title), ...words(o.text), ...(o.tags || []).flatMap(words)];
      if (ws.some((w) => w.startsWith(q))) counts[q]++;
    }
    events.push(ev);
  }
  events.sort((a, b) => a.start - b.start || a.line - b.line);
  return { events, counts };
}
