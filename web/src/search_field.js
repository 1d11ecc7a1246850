// The widget's own search field, edited through an HTML input while it has the keyboard. A canvas never gets IME
// composition (Korean, Japanese, Chinese, and the browser's own text services), an input does: when the engine
// says that its field took the keyboard (clicked, or Ctrl+F or / pressed), an input goes exactly over the field,
// looking like it, with its text, and takes the focus; the engine then draws the field empty (no double text).
// What is typed searches as the field would; Enter steps through the matches (Shift+Enter back), Escape puts back
// the text the field had and returns to the canvas, leaving it (Tab, a click elsewhere) keeps the text. The input
// is in the page's tab order only while it is up, right after the canvas. Styled through the CSSOM (element.style),
// which a strict Content-Security-Policy allows; pages may restyle it with the class chronoscope-search.

import { uiFonts } from './engine.js';

// The engine's own UI font (the bytes it already has), so the input's Latin text looks as the field's would; other
// scripts fall back to the browser's fonts, which is the point of the input.
const FAMILY = 'chronoscope-ui';
const FONT = `"${FAMILY}", "Noto Sans", system-ui, -apple-system, "Segoe UI", sans-serif`;
let face = null;

export function loadFace() {
  if (face || !window.FontFace || !document.fonts) return;
  face = uiFonts().then((f) => {
    const ff = new FontFace(FAMILY, f[0]);
    document.fonts.add(ff);
    return ff.load();
  }).catch(() => {});
}

// ImGui sizes a font by the height from its ascender to its descender, CSS by its em: the em that gives the line
// height px in the font the input shows now.
let measure = null;
function emSize(px) {
  try {
    measure = measure || document.createElement('canvas').getContext('2d');
    measure.font = '100px ' + FONT;
    const m = measure.measureText('Hg');
    const h = m.fontBoundingBoxAscent + m.fontBoundingBoxDescent;
    if (h > 0) return px * 100 / h;
  } catch (e) { /* (no 2D canvas: the usual ratio) */ }
  return px / 1.36;
}

// The engine's "searchfield" message (web_page.cpp): f = {x, y, w, h, text, fontSize, color, background,
// rounding, padX}, in CSS pixels of the canvas.
export function searchField(tl, f) {
  let s = tl._searchField;
  if (!s) s = tl._searchField = makeInput(tl);
  const c = tl.canvas;
  Object.assign(s.input.style, {
    left: (c.offsetLeft + f.x) + 'px', top: (c.offsetTop + f.y) + 'px', width: f.w + 'px', height: f.h + 'px',
    fontSize: emSize(f.fontSize).toFixed(2) + 'px', color: f.color, background: f.background, borderRadius: f.rounding + 'px',
    padding: '0 ' + f.padX + 'px', caretColor: f.color,
  });
  if (s.up) return;  // (the field moved: the input follows)
  s.up = true;
  s.before = f.text;
  s.input.value = f.text;
  s.input.style.display = 'block';
  if (c.nextSibling !== s.input) c.after(s.input);  // (a restarted engine has a new canvas)
  tell(tl, 1);
  s.input.focus({ preventScroll: true });
  s.input.setSelectionRange(f.text.length, f.text.length);
}

export function removeSearchField(tl) {
  const s = tl._searchField;
  if (!s) return;
  s.input.remove();
  tl._searchField = null;
}

function makeInput(tl) {
  loadFace();
  const input = document.createElement('input');
  input.type = 'text';
  input.className = 'chronoscope-search';
  input.setAttribute('aria-label', 'Search events');
  input.placeholder = 'Search  (Ctrl+F)';
  input.autocomplete = 'off';
  input.spellcheck = false;
  Object.assign(input.style, {
    position: 'absolute', display: 'none', boxSizing: 'border-box', margin: '0', border: '0', outline: 'none',
    fontFamily: FONT, lineHeight: 'normal', zIndex: '3',
  });
  const s = { input, up: false, before: '' };
  input.addEventListener('input', () => search(tl, input.value));
  input.addEventListener('keydown', (e) => {
    if (e.isComposing || e.keyCode === 229) return;  // (the IME's own keys)
    if (e.key === 'Enter') {
      e.preventDefault();
      step(tl, e.shiftKey ? -1 : 1);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      input.value = s.before;
      search(tl, s.before);
      close(tl);
      if (tl.canvas) tl.canvas.focus();
    }
  });
  input.addEventListener('blur', () => close(tl));
  return s;
}

function close(tl) {
  const s = tl._searchField;
  if (!s || !s.up) return;
  s.up = false;
  s.input.style.display = 'none';
  tell(tl, 0);
}

// Calls into the running engine; one that failed is replaced by the call (api.js), and the input goes.
function tell(tl, on) {
  try { tl._call('cs_search_overlay', null, ['number'], [on]); } catch (e) { /* (reported by the call) */ }
}

function search(tl, q) {
  try { tl.search(q); } catch (e) { /* (reported by the call) */ }
}

function step(tl, dir) {
  try { tl._call('cs_search_step', 'number', ['number'], [dir]); } catch (e) { /* (reported by the call) */ }
}
