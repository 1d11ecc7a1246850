// Text runs drawn by the browser's own text engine, for the engine's run cache (src/app/text_runs.h).
//
// Text the engine's font atlas cannot draw right (Arabic, Hebrew, Devanagari, Thai, CJK, emoji...: core/script.h)
// is shaped, ordered and drawn here on a 2D canvas, in the page's Noto fonts, and read back as pixels. The fonts
// are Debian's Noto families cut at build time into Unicode-range slices (scripts/font_slices.py writes
// fonts/text/manifest.json): each slice is a FontFace with its unicode-range, so the browser fetches only the
// slices whose characters a run has. Nothing is fetched before the first run: a Latin page fetches no slice and
// not even the manifest. The faces are registered from here (no style sheet), so a page with a strict
// Content-Security-Policy (default-src 'self') draws them too.
//
// The engine (web_page.cpp "text runs") calls, for a run of `px` device pixels:
//   Module.csTextRun(text, px, rgb, flags, wrapPx)  0 ready, 1 pending (fonts loading), 2 failed
//   Module.csTextMeta()                             [width, height, ascent, rtl, missing] of the last ready run
//   Module.csTextPixels()                           its straight RGBA pixels, rows top down
//   Module.csTextMissing(text)                      characters no font has (0 until the manifest is here)
// A run that needs a slice still loading answers pending; when the browser has loaded what a run needed, every
// engine on the page hears cs_text_fonts_changed and asks again.

import { baseUrl } from './engine.js';
import { callEngine } from './call.js';

const READY = 0, PENDING = 1, FAILED = 2;
const MAX_SIDE = 8192;        // a run larger than this fails (the engine then draws it with its atlas)
const FAMILY = 'Chronoscope ';

let manifest = null;          // {families: [{family, shipped?, ranges, slices: [{file, weight, ranges}]}]}
let manifestPromise = null;
let manifestFailed = false;   // no manifest: runs fail (the engine draws their text with its atlas)
let coverage = null;          // sorted [lo, hi, lo, hi, ...] of every character some font has
let stack = '';               // the font-family list, in the manifest's order
let shippedFonts = null;      // [regular, bold] bytes of Noto Sans (the atlas's files)
const engines = new Set();    // modules that draw runs (told when fonts arrive)
const inflight = new Map();   // face -> its load, while the browser loads it
let last = null;              // the last ready run: {w, h, ascent, rtl, missing, data}
let canvas = null, ctx = null;

function parseRanges(spec, out) {
  for (const part of spec.split(',')) {
    const m = /^U\+([0-9A-F]+)(?:-([0-9A-F]+))?$/i.exec(part.trim());
    if (m) out.push([parseInt(m[1], 16), parseInt(m[2] || m[1], 16)]);
  }
}

// Which face draws a character: sorted [lo, hi, regular face, bold face (or the regular one)] of every slice,
// without the characters every emoji slice shares (joiners, variation selectors, skin tones, tags: a slice needs
// them only with its own characters, which choose it).
let owners = [];
const SHARED = /[\u200D\uFE0E\uFE0F\u20E3\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}]/u;
const SHARED_RANGES = [[0x200D, 0x200D], [0x20E3, 0x20E3], [0xFE0E, 0xFE0F], [0x1F3FB, 0x1F3FF], [0xE0020, 0xE007F]];

// [lo, hi] without the shared characters: the pieces left
function withoutShared(lo, hi) {
  let pieces = [[lo, hi]];
  for (const [a, b] of SHARED_RANGES)
    pieces = pieces.flatMap(([x, y]) => (b < x || a > y) ? [[x, y]] : [[x, a - 1], [b + 1, y]].filter(([p, q]) => p <= q));
  return pieces;
}

function register(m) {
  const faces = [], all = [], names = [], own = [];
  for (const fam of m.families) {
    const name = FAMILY + fam.family;
    names.push('"' + name + '"');
    if (fam.ranges) parseRanges(fam.ranges, all);
    if (fam.shipped) {
      if (shippedFonts) {
        faces.push(new FontFace(name, shippedFonts[0], { weight: '400' }));
        faces.push(new FontFace(name, shippedFonts[1], { weight: '700' }));
      }
      continue;
    }
    const regular = new Map();   // ranges -> the regular face (a bold slice declares the same ranges)
    for (const s of fam.slices) {
      const face = new FontFace(name, 'url("' + baseUrl() + 'fonts/text/' + s.file + '")',
                                { weight: String(s.weight), unicodeRange: s.ranges, display: 'block' });
      faces.push(face);
      if (s.weight === 400) {
        regular.set(s.ranges, face);
        const r = [];
        parseRanges(s.ranges, r);
        for (const [lo, hi] of r) {
          all.push([lo, hi]);
          for (const [a, b] of withoutShared(lo, hi)) own.push([a, b, face, face]);
        }
      } else {
        for (const o of own) if (o[2] === regular.get(s.ranges)) o[3] = face;
      }
    }
  }
  for (const f of faces) document.fonts.add(f);
  owners = own.sort((a, b) => a[0] - b[0]);
  all.sort((a, b) => a[0] - b[0]);
  const merged = [];
  for (const [lo, hi] of all) {
    if (merged.length && lo <= merged[merged.length - 1] + 1) merged[merged.length - 1] = Math.max(merged[merged.length - 1], hi);
    else merged.push(lo, hi);
  }
  coverage = merged;
  stack = names.join(', ');
}

// The manifest, fetched and its faces registered once for the page (at the first run).
export function textFonts() {
  if (!manifestPromise) {
    manifestPromise = fetch(baseUrl() + 'fonts/text/manifest.json').then((res) => {
      if (!res.ok) throw new Error('chronoscope: no text fonts (HTTP ' + res.status + ')');
      return res.json();
    }).then((m) => {
      manifest = m;
      register(m);
      tellEngines();
    });
    manifestPromise.catch((e) => {
      console.warn(String(e && e.message || e));
      manifestFailed = true;
      tellEngines();   // runs waiting for it fail now
    });
  }
  return manifestPromise;
}

let telling = false;
function tellEngines() {
  if (telling) return;
  telling = true;
  requestAnimationFrame(() => {
    telling = false;
    for (const mod of engines) {
      try { callEngine(mod, 'cs_text_fonts_changed', null, [], []); } catch (e) { engines.delete(mod); }
    }
  });
}

function covered(cp) {
  let lo = 0, hi = coverage.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cp < coverage[mid * 2]) hi = mid;
    else if (cp > coverage[mid * 2 + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

const IGNORABLE = /[\p{Cf}\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}]/u;   // format characters, variation selectors

// Characters of text that no font has: controls, format characters and variation selectors need no glyph.
function countMissing(text) {
  if (!coverage) return 0;
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0);
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || IGNORABLE.test(ch)) continue;
    if (!covered(cp)) n++;
  }
  return n;
}

const RTL = /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}]/u;
const STRONG = /[\p{L}]/u;

// The paragraph's direction: its first strong character's (Unicode's rule P2 without the isolates).
function rightToLeft(text) {
  for (const ch of text) {
    if (ch === '\u200F') return true;
    if (ch === '\u200E') return false;
    if (STRONG.test(ch)) return RTL.test(ch);
  }
  return false;
}

function fontOf(px, bold) {
  return (bold ? '700 ' : '400 ') + px + 'px ' + stack;
}

function ownerOf(cp) {
  let lo = 0, hi = owners.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cp < owners[mid][0]) hi = mid;
    else if (cp > owners[mid][1]) lo = mid + 1;
    else return owners[mid];
  }
  return null;
}

// True when the faces text needs are here (or their load finished, whatever came of it); else starts loading
// them. The faces are found here rather than with document.fonts.load(font, text), which would load every face
// whose range meets the text: every emoji slice for a text with a joiner.
function fontsReady(text, bold) {
  let ready = true;
  for (const ch of text) {
    const cp = ch.codePointAt(0);
    if (cp < 0x80 || SHARED.test(ch)) continue;
    const o = ownerOf(cp);
    if (!o) continue;
    const face = bold ? o[3] : o[2];
    if (face.status === 'loaded' || face.status === 'error') continue;
    ready = false;
    if (!inflight.has(face)) {
      const done = () => {
        inflight.delete(face);
        tellEngines();
      };
      inflight.set(face, face.load().then(done, done));
    }
  }
  return ready;
}

function context2d() {
  if (!ctx) {
    canvas = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(1, 1) : document.createElement('canvas');
    ctx = canvas.getContext('2d', { willReadFrequently: true });
  }
  return ctx;
}

// Lines of text no wider than wrapPx (greedy, at the browser's word boundaries; a word wider than that stays whole).
function wrapLines(c, text, wrapPx) {
  const lines = [];
  const seg = typeof Intl !== 'undefined' && Intl.Segmenter ? new Intl.Segmenter(undefined, { granularity: 'word' }) : null;
  for (const para of text.split('\n')) {
    const parts = seg ? Array.from(seg.segment(para), (s) => s.segment) : para.split(/(?<= )/);
    let line = '';
    for (const p of parts) {
      const next = line + p;
      if (line.trim() && c.measureText(next.trimEnd()).width > wrapPx) {
        lines.push(line.trimEnd());
        line = p.trimStart();
      } else {
        line = next;
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

function run(text, px, rgb, flags, wrapPx) {
  if (!manifest) {
    if (manifestFailed) return FAILED;
    textFonts();
    return PENDING;
  }
  const font = fontOf(px, flags & 1);
  if (!fontsReady(text, flags & 1)) return PENDING;
  const c = context2d();
  c.font = font;
  const rtl = rightToLeft(text);
  c.direction = rtl ? 'rtl' : 'ltr';
  const lines = wrapPx > 0 ? wrapLines(c, text, wrapPx) : [text.replace(/[\n\r]+/g, ' ')];
  let width = 0, ascent = 0, descent = 0;
  for (const line of lines) {
    const m = c.measureText(line);
    width = Math.max(width, m.width);
    ascent = Math.max(ascent, m.fontBoundingBoxAscent, m.actualBoundingBoxAscent);
    descent = Math.max(descent, m.fontBoundingBoxDescent, m.actualBoundingBoxDescent);
  }
  if (wrapPx > 0) width = Math.min(width, wrapPx);
  ascent = Math.ceil(ascent);
  const lineH = ascent + Math.ceil(descent);
  const w = Math.max(1, Math.ceil(width)), h = Math.max(1, lineH * lines.length);
  if (w > MAX_SIDE || h > MAX_SIDE) return FAILED;
  canvas.width = w;   // (resets the context's state)
  canvas.height = h;
  c.clearRect(0, 0, w, h);
  c.font = font;
  c.direction = rtl ? 'rtl' : 'ltr';
  c.textAlign = rtl ? 'right' : 'left';
  c.textBaseline = 'alphabetic';
  c.fillStyle = 'rgb(' + (rgb & 255) + ',' + ((rgb >> 8) & 255) + ',' + ((rgb >> 16) & 255) + ')';
  lines.forEach((line, i) => c.fillText(line, rtl ? w : 0, i * lineH + ascent));
  last = { w, h, ascent, rtl, missing: countMissing(text), data: c.getImageData(0, 0, w, h).data };
  return READY;
}

// Sets up instance mod to draw runs; fonts: the [regular, bold] Noto Sans bytes the page fetched for the atlas.
export function installText(mod, fonts) {
  if (!shippedFonts) shippedFonts = fonts;
  engines.add(mod);
  mod.csTextRun = (text, px, rgb, flags, wrapPx) => {
    try {
      return run(text, px, rgb, flags, wrapPx);
    } catch (e) {
      console.warn('chronoscope: a text run failed: ' + (e && e.message || e));
      return FAILED;
    }
  };
  mod.csTextMeta = () => (last ? [last.w, last.h, last.ascent, last.rtl ? 1 : 0, last.missing] : [0, 0, 0, 0, 0]);
  mod.csTextPixels = () => {
    const d = last ? last.data : new Uint8ClampedArray(0);
    last = null;
    return d;
  };
  mod.csTextMissing = (text) => countMissing(text);
}

export function uninstallText(mod) {
  engines.delete(mod);
  mod.csTextRun = null;
}

// Resolves once the fonts that runs asked for have arrived and the engines have drawn with them (at most maxMs):
// true when there was something to wait for. A load's promise waits for it, as a page expects text on screen.
export async function textSettled(maxMs = 10000) {
  const t0 = performance.now();
  const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  let waited = false;
  while (performance.now() - t0 < maxMs) {
    if (manifestPromise && !manifest) {
      await manifestPromise.catch(() => {});
    } else if (inflight.size) {
      await Promise.all(inflight.values());
    } else {
      break;
    }
    waited = true;
    await frames();   // the engines ask again, and may need more
  }
  if (waited) await frames();
  return waited;
}

// What the page's font stack is for a run of px pixels (tests compare measureText with the engine's widths).
export function textFont(px, bold) {
  return fontOf(px, bold);
}
