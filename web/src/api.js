// The public API: create(element, options) -> Promise<Timeline>, and the Timeline's methods and events.
// The contract is README's "The JS API" and types/chronoscope.d.ts.
//
// Each timeline is its own WebAssembly instance (the module is compiled once per page) with its own canvas, so
// several can live on one page. The engine (chronoscope-engine.js/.wasm), the parsing worker
// (chronoscope-worker.js) and the fonts load from beside the bundle.

import { callEngine } from './call.js';
import { engine, instantiate, uiFonts } from './engine.js';
import { keepInitialHash, readHash, stopHash, writeHash } from './hash.js';
import { removeOverlay, showProgress } from './overlay.js';
import { apply, endWorker, prepare } from './pipeline.js';
import { gpuWarm } from './spawn.js';
import { destroyedError, nextTask } from './util.js';

export const version = __CHRONOSCOPE_VERSION__;

let counter = 0;

function dateArg(d) {
  if (typeof d === 'number') return String(d);
  if (typeof d === 'string') return d;
  if (d instanceof Date) return d.toISOString();
  return JSON.stringify(d);
}

class Timeline {
  constructor(element, options) {
    this.element = element;
    this.options = options;
    this._listeners = {};
    this._mod = null;
    this._selection = null;
    this._destroyed = false;
    this._loadWaiters = [];
    this._loadSeq = 0;
    this._worker = null;
  }

  on(name, fn) {
    (this._listeners[name] = this._listeners[name] || []).push(fn);
    return this;
  }

  off(name, fn) {
    const l = this._listeners[name];
    if (l) this._listeners[name] = l.filter((f) => f !== fn);
    return this;
  }

  _fire(name, arg) {
    (this._listeners[name] || []).slice().forEach((fn) => {
      try { fn(arg); } catch (e) { setTimeout(() => { throw e; }); }
    });
  }

  _call(fn, ret, types, args) {
    if (!this._mod || this._destroyed) throw destroyedError();
    return callEngine(this._mod, fn, ret, types, args);
  }

  // Messages from the engine: load (after the first frame showing new data), select, rangechange.
  _emit(name, json) {
    const arg = JSON.parse(json);
    if (name === 'load') {
      this._lastLoad = arg;
      const ready = this._loadWaiters.filter((w) => w.loads <= arg.loads);
      this._loadWaiters = this._loadWaiters.filter((w) => w.loads > arg.loads);
      const first = !this._loadedOnce;
      this._loadedOnce = true;
      ready.forEach((w) => w.resolve(arg));
      if (!first) this._fire('load', arg);
      return;
    }
    if (name === 'select') this._selection = arg;
    if (name === 'rangechange' || name === 'select') writeHash(this);
    this._fire(name, arg);
  }

  getWindow() {
    return JSON.parse(this._call('cs_get_window', 'string', [], []));
  }

  setWindow(start, end) {
    if (!this._call('cs_set_window', 'number', ['string', 'string'], [dateArg(start), dateArg(end)]))
      throw new Error(this._call('cs_last_error', 'string', [], []));
    return this;
  }

  select(id) {
    return !!this._call('cs_select', 'number', ['string'], [id == null ? '' : String(id)]);
  }

  getSelection() {
    return JSON.parse(this._call('cs_get_selection', 'string', [], []));
  }

  // Searches titles, text and tags (case-insensitive); matches are highlighted. Returns the number of matches.
  // Use it from a page's own <input> where people type with an IME (Korean, Chinese, Japanese).
  search(query) {
    return this._call('cs_search', 'number', ['string'], [query == null ? '' : String(query)]);
  }

  // Where the event's mark is drawn, {x, y} in CSS pixels from the canvas's top-left, or null when it is not
  // drawn on its own (outside the window, in a hidden group, or folded into a cluster).
  locate(id) {
    return JSON.parse(this._call('cs_locate', 'string', ['string'], [String(id)]));
  }

  setTheme(name) {
    this._call('cs_set_theme', null, ['number'], [name === 'dark' ? 1 : 0]);
    return this;
  }

  // Loads new data ({src} or {data}); resolves after it is drawn, rejects with the error (the old data stays).
  // A newer load supersedes one still in flight (which then rejects with err.superseded set).
  load(opts) {
    if (this._destroyed) return Promise.reject(destroyedError());
    if (!opts || (!opts.src && opts.data == null)) return Promise.reject(new Error('chronoscope: give src or data'));
    return apply(this, prepare(this, opts));
  }

  destroy() {
    if (this._destroyed) return;
    try { callEngine(this._mod, 'cs_stop', null, [], []); } catch (e) { /* already stopped */ }
    this._destroyed = true;
    this._loadSeq++;  // every load in flight ends
    endWorker(this, destroyedError());
    const waiters = this._loadWaiters;
    this._loadWaiters = [];
    waiters.forEach((w) => w.reject(destroyedError()));
    stopHash(this);
    if (this._resize) this._resize.disconnect();
    if (this.canvas && this.canvas.parentNode) this.canvas.parentNode.removeChild(this.canvas);
    removeOverlay(this);
    this._mod = null;
    this._listeners = {};
  }
}

const CANVAS_STYLE = { display: 'block', width: '100%', height: '100%', outline: 'none', touchAction: 'none' };

// Starts the engine in the timeline's canvas: instantiate, then cs_start and the rest of the start, a task each
// (ImGui and the renderer, the font atlas, the frame loop), so the page paints in between.
function start(tl, eng, fonts) {
  const options = tl.options, canvas = tl.canvas;
  return instantiate(eng, { canvas }).then((mod) => nextTask().then(() => mod)).then((mod) => {
    if (tl._destroyed) throw destroyedError();
    tl._mod = mod;
    mod.csEmit = (name, json) => tl._emit(name, json);
    mod.FS.mkdir('/fonts');
    mod.FS.writeFile('/fonts/NotoSans-Regular.ttf', fonts[0]);
    mod.FS.writeFile('/fonts/NotoSans-Bold.ttf', fonts[1]);
    const dark = options.theme === 'dark' ||
      (options.theme !== 'light' && window.matchMedia && matchMedia('(prefers-color-scheme: dark)').matches);
    if (!callEngine(mod, 'cs_start', 'number', ['string', 'number'], ['#' + canvas.id, dark ? 1 : 0]))
      throw new Error('chronoscope: WebGL 2 is not available');
    const steps = ['cs_start_ui', 'cs_start_fonts', 'cs_run'];
    function next() {
      if (tl._destroyed) throw destroyedError();
      if (!steps.length) return;
      if (!callEngine(mod, steps.shift(), 'number', [], [])) throw new Error('chronoscope: the engine could not start');
      return nextTask().then(next);
    }
    return nextTask().then(next);
  });
}

export function create(element, options) {
  options = options || {};
  if (typeof element === 'string') element = document.querySelector(element);
  if (!element) return Promise.reject(new Error('chronoscope: no container element'));
  if (!options.src && options.data == null) return Promise.reject(new Error('chronoscope: give options.src or options.data'));
  const tl = new Timeline(element, options);
  if (options.on) Object.keys(options.on).forEach((name) => tl.on(name, options.on[name]));
  keepInitialHash(tl);
  const canvas = document.createElement('canvas');
  canvas.id = 'chronoscope-canvas-' + (++counter);
  canvas.tabIndex = 0;
  canvas.setAttribute('role', 'application');
  canvas.setAttribute('aria-label', 'Timeline');
  Object.assign(canvas.style, CANVAS_STYLE);
  canvas.addEventListener('contextmenu', (e) => e.preventDefault());
  canvas.addEventListener('mousedown', () => canvas.focus());
  if (getComputedStyle(element).position === 'static') element.style.position = 'relative';
  if (element.clientHeight < 50) element.style.height = '480px';
  element.appendChild(canvas);
  tl.canvas = canvas;
  showProgress(tl, 'Loading…');
  // the data is fetched and parsed while the engine compiles and starts
  const prep = prepare(tl, options);

  // The canvas's WebGL context, made in a task of its own once the GPU process is warm (the engine's start then
  // finds it; worker: false also means no warm-up worker). The attributes are the ones the engine asks for.
  const context = gpuWarm(options.worker !== false).then(() => {
    try {
      canvas.getContext('webgl2', { alpha: false, antialias: false, depth: false, stencil: false,
                                    premultipliedAlpha: true, preserveDrawingBuffer: false });
    } catch (e) { /* no WebGL 2: cs_start says so */ }
    return nextTask();
  });
  return Promise.all([engine(), uiFonts(), context]).then((r) => start(tl, r[0], r[1])).then(() => apply(tl, prep)).then(() => {
    if (options.window) tl.setWindow(options.window[0], options.window[1]);
    readHash(tl);
    writeHash(tl);
    return tl;
  }, (err) => {
    showProgress(tl, null);
    endWorker(tl);
    // When the data was bad the timeline runs, showing the error: the caller may load() again or destroy() it.
    if (tl._mod && !tl._destroyed) err.timeline = tl;
    throw err;
  });
}
