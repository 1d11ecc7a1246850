// The engine instance that shows a timeline: its canvas, its start, its frame loop, and its retirement when it
// fails.
//
// The frame loop is the page's: every animation frame calls cs_frame inside a try, so a frame that fails (a trap,
// an abort, whatever the engine throws) reaches the timeline (api.js _fault), which reports it and starts a new
// instance on a new canvas. An instance that failed is never called again, save cs_halt: after a trap or an abort
// its memory and its stack pointer may be anything, so nothing it holds can be trusted, not even to be copied out.

import { setTextView, themeForAccess } from './access.js';
import { callEngine } from './call.js';
import { engine, instantiate, uiFonts } from './engine.js';
import { installText, uninstallText } from './text.js';
import { updateEmbed } from './embed.js';
import { pumpTiles } from './tiles.js';
import { pictureLoader } from './pictures.js';
import { loadFace } from './search_field.js';
import { gpuWarm } from './spawn.js';
import { destroyedError, excerpt, nextTask } from './util.js';

let counter = 0;

const CANVAS_STYLE = { display: 'block', width: '100%', height: '100%', outline: 'none', touchAction: 'none' };

// A new canvas for a timeline's instance (each instance draws on its own: a canvas keeps the WebGL context and the
// event listeners of the instance that used it).
export function makeCanvas() {
  const canvas = document.createElement('canvas');
  canvas.id = 'chronoscope-canvas-' + (++counter);
  canvas.tabIndex = 0;
  canvas.setAttribute('role', 'application');
  canvas.setAttribute('aria-label', 'Timeline');
  Object.assign(canvas.style, CANVAS_STYLE);
  canvas.addEventListener('contextmenu', (e) => e.preventDefault());
  canvas.addEventListener('mousedown', () => canvas.focus());
  // Tab leaves the canvas for the list of events beside it (access.js), as it leaves any control: the engine's
  // keyboard handler (which would keep it) does not see it
  canvas.addEventListener('keydown', (e) => {
    if (e.key === 'Tab' && !e.ctrlKey && !e.altKey && !e.metaKey) e.stopImmediatePropagation();
  }, true);
  return canvas;
}

// Opens a link the reader clicked, if it is an http(s) URL by the URL standard. The engine asks only for links
// its link rule (core/link.h) allows; this is the page's own check, and what it opens is the URL as parsed. Text
// that the URL parser would silently change (tabs and line breaks anywhere, spaces and control characters at the
// ends) is refused, so what opens is what the data says. Never throws.
export function openLink(text) {
  let url = null;
  try {
    const s = String(text);
    if (!/[\t\n\r]/.test(s) && !/^[\u0000-\u0020]|[\u0000-\u0020]$/.test(s)) url = new URL(s);
  } catch (e) { /* not a URL */ }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    console.warn('chronoscope: link not opened (not an http(s) URL): ' + excerpt(JSON.stringify(String(text)), 200));
    return false;
  }
  try {
    window.open(url.href, '_blank', 'noopener,noreferrer');
    return true;
  } catch (e) {
    console.warn('chronoscope: link not opened: ' + e.message);
    return false;
  }
}

// Calls cs_frame every animation frame while mod is the timeline's instance; a frame that throws ends the loop
// and goes to tl._fault.
function frameLoop(tl, mod) {
  const tick = () => {
    if (tl._mod !== mod) return;
    try {
      callEngine(mod, 'cs_frame', 'number', [], []);
      updateEmbed(tl, mod);
      pumpTiles(tl, mod);
    } catch (e) {
      tl._fault(e, mod);
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

// Starts an instance on `canvas` for tl: instantiate, then cs_start and the rest of the start, a task each (ImGui
// and the renderer, the font atlas), so the page paints in between, then the frame loop. Resolves to the instance
// once it is tl's (tl._mod), with its messages going to tl.
export function startDisplay(tl, canvas, dark) {
  // the canvas's WebGL context, made in a task of its own once the GPU process is warm (the engine's start then
  // finds it; worker: false also means no warm-up worker); the attributes are the ones the engine asks for
  // Without WebGL 2 the engine starts headless: its frames run and draw nothing, and the timeline shows the
  // events as text (access.js) with the whole API working.
  let gl = false;
  const context = gpuWarm(tl.options.worker !== false).then(() => {
    try {
      gl = !!canvas.getContext('webgl2', { alpha: false, antialias: false, depth: false, stencil: false,
                                           premultipliedAlpha: true, preserveDrawingBuffer: false });
    } catch (e) { /* no WebGL 2 */ }
    return nextTask();
  });
  return Promise.all([engine(), uiFonts(), context]).then((r) => {
    const fonts = r[1];
    return instantiate(r[0], { canvas }).then((mod) => nextTask().then(() => mod)).then((mod) => {
      if (tl._destroyed) throw destroyedError();
      const call = (fn) => callEngine(mod, fn, 'number', [], []);
      mod.csEmit = (name, json) => tl._emit(mod, name, json);
      mod.csOpenLink = openLink;
      mod.csLoadImage = pictureLoader(tl, mod);
      installText(mod, fonts);
      mod.FS.mkdir('/fonts');
      mod.FS.writeFile('/fonts/NotoSans-Regular.ttf', fonts[0]);
      mod.FS.writeFile('/fonts/NotoSans-Bold.ttf', fonts[1]);
      if (!gl) textCanvas(canvas);  // (before cs_start: the engine sizes its window from the canvas)
      if (!callEngine(mod, 'cs_start', 'number', ['string', 'number', 'number'], ['#' + canvas.id, dark ? 1 : 0, gl ? 1 : 0]))
        throw new Error('chronoscope: the engine could not start on its canvas');
      const steps = ['cs_start_ui', 'cs_start_fonts'];
      function next() {
        if (tl._destroyed) {
          try { call('cs_stop'); } catch (e) { /* (it is dropped either way) */ }
          throw destroyedError();
        }
        if (!steps.length) {
          tl._mod = mod;
          setTextView(tl, !gl);
          if (gl) loadFace();  // (for the input over the search field, search_field.js)
          followReducedMotion(tl, mod);
          followColorScheme(tl);
          frameLoop(tl, mod);
          return mod;
        }
        if (!call(steps.shift())) throw new Error('chronoscope: the engine could not start');
        return nextTask().then(next);
      }
      return nextTask().then(next);
    });
  });
}

// A canvas whose engine draws nothing (no WebGL 2): out of sight, of the accessibility tree and of the tab order,
// but still as large as the timeline's element, which is the size the engine lays the timeline out for.
function textCanvas(canvas) {
  Object.assign(canvas.style, { position: 'absolute', left: '0', top: '0', visibility: 'hidden' });
  canvas.tabIndex = -1;
  canvas.setAttribute('aria-hidden', 'true');
}

// The page's prefers-reduced-motion, now and as it changes: views jump instead of flying, no inertia. (One
// listener per timeline: it tells whichever engine instance the timeline has then.)
function followReducedMotion(tl, mod) {
  const query = window.matchMedia ? matchMedia('(prefers-reduced-motion: reduce)') : null;
  const tell = (m) => callEngine(m, 'cs_set_reduced_motion', null, ['number'], [query && query.matches ? 1 : 0]);
  tell(mod);
  if (query && query.addEventListener && !tl._motionQuery) {
    tl._motionQuery = query;
    query.addEventListener('change', () => { if (tl._mod && !tl._destroyed) tell(tl._mod); });
  }
}

// The page's prefers-color-scheme as it changes, unless the page chose a theme (options.theme, setTheme): the
// start already follows it (api.js _dark). One listener per timeline.
function followColorScheme(tl) {
  const query = window.matchMedia ? matchMedia('(prefers-color-scheme: dark)') : null;
  if (!query || !query.addEventListener || tl._schemeQuery) return;
  tl._schemeQuery = query;
  query.addEventListener('change', () => {
    if (!tl._mod || tl._destroyed || tl._theme || tl.options.theme) return;
    try {
      callEngine(tl._mod, 'cs_set_theme', null, ['number'], [query.matches ? 1 : 0]);
      themeForAccess(tl);
    } catch (e) { tl._fault(e, tl._mod); }
  });
}

// Lets an instance that failed go: no more messages from it, its listeners off the page (so that it and its
// memory can be collected), its canvas out of the page and its WebGL context released.
export function retire(mod, canvas) {
  if (mod) {
    mod.csEmit = null;
    mod.csOpenLink = null;
    mod.csLoadImage = null;
    uninstallText(mod);
    try { callEngine(mod, 'cs_halt', null, [], []); } catch (e) { /* (nothing more can be done for it) */ }
  }
  if (canvas) {
    try {
      const gl = canvas.getContext('webgl2');
      const lose = gl && gl.getExtension('WEBGL_lose_context');
      if (lose) lose.loseContext();
    } catch (e) { /* (the context goes with the canvas anyway) */ }
    if (canvas.parentNode) canvas.parentNode.removeChild(canvas);
  }
}
