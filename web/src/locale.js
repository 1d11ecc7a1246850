// Locales and time zones from the browser's Intl (CLDR and the tz database), for the engine.
//
// The engine's Locale (src/core/locale.h) lists its fields (cs_locale_fields): this fills each by its name, so the
// field list is written once, in C++. Patterns come from formatToParts on a sample date (21 Aug 2020 13:05:09 UTC,
// or the same day of 500 BCE for the era patterns), with the numbers replaced by placeholders: {y} {M} {L} {d} {H}
// {m} {s} ({o} {O}: a numeric month, "2020年8月"). Dates use the Gregorian calendar and hours 00..23, as the engine's own arithmetic does.

const SAMPLE_CE = Date.UTC(2020, 7, 21, 13, 5, 9);
const SAMPLE_BCE = (() => { const d = new Date(SAMPLE_CE); d.setUTCFullYear(-499); return d.getTime(); })();
const PLURALS = ['zero', 'one', 'two', 'few', 'many', 'other'];

// The Intl options a CLDR skeleton stands for (the way V8 maps options to skeletons, read backwards).
export function skeletonOptions(skeleton) {
  const o = { timeZone: 'UTC', calendar: 'gregory' };
  if (skeleton.includes('GGGG')) o.era = 'long';
  if (skeleton.includes('y')) o.year = 'numeric';
  if (skeleton.includes('MMM')) o.month = 'short';
  if (/d/.test(skeleton)) o.day = 'numeric';
  if (skeleton.includes('HH')) { o.hour = '2-digit'; o.hourCycle = 'h23'; }
  if (skeleton.includes('mm')) o.minute = '2-digit';
  if (skeleton.includes('ss')) o.second = '2-digit';
  return o;
}

// Intl formatters by locale and options, made once (making one costs far more than using it)
const formatters = new Map();
function dateFormat(tag, opts) {
  const key = tag + JSON.stringify(opts);
  if (!formatters.has(key)) formatters.set(key, new Intl.DateTimeFormat(tag, opts));
  return formatters.get(key);
}

function monthName(tag, month, opts) {
  const d = Date.UTC(2020, month - 1, 21);
  const parts = dateFormat(tag, Object.assign({ timeZone: 'UTC', calendar: 'gregory' }, opts)).formatToParts(d);
  const p = parts.find((x) => x.type === 'month');
  return p ? p.value : '';
}

function pattern(tag, skeleton, months) {
  const at = skeleton.includes('G') ? SAMPLE_BCE : SAMPLE_CE;
  const parts = dateFormat(tag, skeletonOptions(skeleton)).formatToParts(at);
  const put = { year: '{y}', day: '{d}', hour: '{H}', minute: '{m}', second: '{s}' };
  return parts.map((p) => {
    if (put[p.type]) return put[p.type];
    if (p.type === 'month') {
      if (p.value === months.format) return '{M}';
      if (p.value === months.alone) return '{L}';
      if (p.value === months.number) return '{o}';
      if (p.value === months.number2) return '{O}';
      throw new Error('chronoscope: locale ' + tag + ': unexpected month ' + p.value + ' in a date');
    }
    if (p.type === 'literal' || p.type === 'era') return p.value;
    throw new Error('chronoscope: locale ' + tag + ': unexpected ' + p.type + ' in a date');
  }).join('');
}

// A number's parts replaced by {n} ("vor {n} Jahren", "{n}억").
function numberPattern(parts) {
  let out = '', inNumber = false;
  for (const p of parts) {
    const num = p.type === 'integer' || p.type === 'group' || p.type === 'decimal' || p.type === 'fraction';
    if (num) { if (!inNumber) out += '{n}'; inNumber = true; } else { out += p.value; inNumber = false; }
  }
  return out;
}

// {name: value} for every field the engine lists, from Intl for locale `tag` (made once per tag and page).
const made = new Map();
export function localeFields(tag, fields) {
  if (!made.has(tag)) made.set(tag, makeFields(tag, fields));
  return made.get(tag);
}

function makeFields(tag, fields) {
  const nf = new Intl.NumberFormat(tag, { useGrouping: true });
  const plain = new Intl.NumberFormat(tag, { useGrouping: false });
  const pr = new Intl.PluralRules(tag);
  const plural = [0, 0.5].map((half) => Array.from({ length: 200 }, (_, i) => pr.select(i + half)));
  const rtf = new Intl.RelativeTimeFormat(tag, { numeric: 'always' });
  const cnf = new Intl.NumberFormat(tag, { notation: 'compact', compactDisplay: 'short' });
  const aug = { format: monthName(tag, 8, { month: 'short', day: 'numeric' }), alone: monthName(tag, 8, { month: 'short' }),
                number: plain.format(8),
                number2: new Intl.NumberFormat(tag, { useGrouping: false, minimumIntegerDigits: 2 }).format(8) };
  const digits = nf.formatToParts(1234567.5);
  const group = digits.filter((p) => p.type === 'group');
  const ints = digits.filter((p) => p.type === 'integer').map((p) => p.value.length);
  const out = {};
  for (const f of fields) {
    const n = f.name;
    let m;
    if (n.startsWith('pattern.')) out[n] = pattern(tag, f.skeleton, aug);
    else if ((m = /^month\.(short|short_alone|long)\.(\d+)$/.exec(n))) {
      const opts = m[1] === 'short' ? { month: 'short', day: 'numeric' } : m[1] === 'long' ? { month: 'long', day: 'numeric' } : { month: 'short' };
      out[n] = monthName(tag, Number(m[2]), opts);
    } else if ((m = /^digit\.(\d)$/.exec(n))) out[n] = plain.format(Number(m[1]));
    else if (n === 'number.decimal') out[n] = (digits.find((p) => p.type === 'decimal') || { value: '.' }).value;
    else if (n === 'number.group') out[n] = group.length ? group[0].value : ',';
    else if (n === 'number.group_size') out[n] = String(ints.length > 1 ? ints[ints.length - 1] : 3);
    else if (n === 'number.group_size2') out[n] = String(ints.length > 2 ? ints[ints.length - 2] : ints.length > 1 ? ints[ints.length - 1] : 3);
    else if (n === 'number.min_grouping') {
      // grouping starts at size + k digits: the smallest k whose number is grouped
      const size = ints.length > 1 ? ints[ints.length - 1] : 3;
      let k = 1;
      while (k < 4 && !nf.formatToParts(Math.pow(10, size + k - 1)).some((p) => p.type === 'group')) k++;
      out[n] = String(k);
    } else if (n === 'plural.int' || n === 'plural.frac') {
      let s = '';
      for (let i = 0; i < 200; i++) s += PLURALS.indexOf(plural[n === 'plural.int' ? 0 : 1][i]);
      out[n] = s;
    } else if ((m = /^ago\.(\w+)\.(\w+)$/.exec(n))) {
      // a sample count of that category (integers first, then halves), else the category "other"'s
      let sample = null;
      for (let i = 0; i < 200 && sample === null; i++) if (plural[0][i] === m[2]) sample = i;
      for (let i = 0; i < 200 && sample === null; i++) if (plural[1][i] === m[2]) sample = i + 0.5;
      if (sample === null) sample = pr.select(1.5) === 'other' ? 1.5 : 5;
      out[n] = numberPattern(rtf.formatToParts(-sample, m[1]));
    } else if ((m = /^compact\.(\d+)(\.div)?$/.exec(n))) {
      const k = Number(m[1]);
      const parts = cnf.formatToParts(Math.pow(10, k));
      if (m[2]) {
        const shown = parts.filter((p) => p.type === 'integer').map((p) => p.value).join('');
        out[n] = String(k - (shown.length - 1));
      } else {
        out[n] = numberPattern(parts);
      }
    } else throw new Error('chronoscope: the engine asks for an unknown locale field ' + n);
  }
  return out;
}

// The locale a page asks for: the option, else <html lang>, else the browser's language.
export function pageLocale(option) {
  if (option) return String(option);
  const lang = document.documentElement && document.documentElement.lang;
  return lang || navigator.language || 'en';
}

// A locale tag Intl knows (canonical), or throws a RangeError naming it.
export function checkLocale(tag) {
  let canon;
  try { canon = Intl.getCanonicalLocales(tag)[0]; } catch (e) { canon = null; }
  if (!canon) throw new RangeError("chronoscope: '" + tag + "' is not a locale (a BCP 47 tag such as 'ko' or 'de-DE')");
  return canon;
}

// [mode, name] for the engine's cs_set_time_zone: 'UTC', 'local' (the viewer's zone), an IANA name, or
// null / undefined (each time at the offset it was written with). An unknown zone throws a RangeError.
export function zoneArgs(zone) {
  if (zone == null || zone === '') return [0, ''];
  const z = String(zone);
  if (z.toUpperCase() === 'UTC') return [1, ''];
  const name = z === 'local' ? new Intl.DateTimeFormat().resolvedOptions().timeZone : z;
  try {
    return [2, new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone];
  } catch (e) {
    throw new RangeError("chronoscope: unknown time zone '" + z + "' (use 'UTC', 'local' or an IANA name such as 'Asia/Seoul')");
  }
}
