// The public API: create(element, options) -> Promise<Timeline>, and the Timeline's methods and events.
// The contract is README's "The JS API" and types/chronoscope.d.ts.
//
// Each timeline is its own WebAssembly instance (the module is compiled once per page) with its own canvas, so
// several can live on one page. The engine (chronoscope-engine.js/.wasm), the parsing worker
// (chronoscope-worker.js) and the fonts load from beside the bundle.
//
// An instance that fails (a trap, an abort: a bug, or memory run out) cannot be trusted again, so the timeline
// replaces it (_fault, _restart): the failure goes to the `error` event and to the call or load it ended, and a new
// instance on a new canvas reloads the data the old one showed, from its source (the URL, or the JSON text kept
// for this), and takes over its window, selection, search and theme. Reloading from the source, not from the old
// heap, because nothing in a failed instance's memory can be trusted; and a new canvas, because the old one keeps
// the failed instance's WebGL context and event listeners.

import { noteForAccess, startAccess, stopAccess, themeForAccess } from './access.js';
import { callEngine } from './call.js';
import { makeCanvas, retire, startDisplay } from './display.js';
import { removeEmbed } from './embed.js';
import { keepInitialHash, readHash, stopHash, writeHash } from './hash.js';
import { removeOverlay, showProgress } from './overlay.js';
import { removeSearchField, searchField } from './search_field.js';
import { engineFailure } from './parse.js';
import { checkLocale, localeFields, pageLocale, zoneArgs } from './locale.js';
import { apply, endWorker, prepare } from './pipeline.js';
import { textFonts } from './text.js';
import { stopTiles, tileStats } from './tiles.js';
import { destroyedError } from './util.js';

export const version = __CHRONOSCOPE_VERSION__;

const MAX_FAILURES = 3;                 // instances failing in a row: then the timeline stops
const FAILURES_FORGOTTEN_MS = 60000;    // ... "in a row": less than this apart, and no new data shown between

function dateArg(d) {
  if (typeof d === 'number') return String(d);
  if (typeof d === 'string') return d;
  if (d instanceof Date) return d.toISOString();
  return JSON.stringify(d);
}

function restartingError() {
  const e = new Error('chronoscope: the engine is restarting after a failure; try again once it has');
  e.restarting = true;
  return e;
}

class Timeline {
  constructor(element, options) {
    this.element = element;
    this.options = options;
    this.canvas = null;
    this._listeners = {};
    this._mod = null;
    this._ready = null;        // Promise of the running instance (replaced by each restart)
    this._epoch = 0;           // which instance: loads begun on a failed one end with its failure
    this._failure = null;      // the last failure, what loads of older instances reject with
    this._failures = 0;        // failures in a row
    this._selection = null;
    this._view = { window: null, select: '', query: '' };  // what a new instance takes over (the last asked or seen)
    this._theme = null;        // the last setTheme()
    this._scale = null;        // the last setScale()
    this._rtl = false;         // right to left: options.rtl, else the element's direction; then setRtl()
    this._locale = null;       // the last setLocale()
    this._zone = undefined;    // the last setTimeZone() (undefined: none; null: back to the written offsets)
    this._lastGood = null;     // the source of the data on screen: {src} or {data: JSON text}
    this._loads = 0;
    this._destroyed = false;
    this._loadWaiters = [];
    this._loadSeq = 0;
    this._worker = null;
    this._applying = null;     // the name of the load being put into the instance
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

  // Listeners run one by one; one that throws is reported (in a later task) and the others still run.
  _fire(name, arg) {
    (this._listeners[name] || []).slice().forEach((fn) => {
      try { fn(arg); } catch (e) { setTimeout(() => { throw e; }); }
    });
  }

  // Every call into the running instance. Strings go on the heap (call.js). A call that fails in the engine is
  // a failure of the instance: it is replaced, and the call throws what _fault says.
  _call(fn, ret, types, args) {
    if (this._destroyed) throw destroyedError();
    if (!this._mod) throw restartingError();
    return this._callOn(this._mod, fn, ret, types, args);
  }

  // The same, for a step of a load that began with instance mod (it ends if mod is no longer the instance).
  _callOn(mod, fn, ret, types, args) {
    if (this._destroyed) throw destroyedError();
    if (mod !== this._mod) throw this._failure || restartingError();
    try {
      return callEngine(mod, fn, ret, types, args);
    } catch (e) {
      if (e.refused) throw e;
      throw this._fault(e, mod);
    }
  }

  // Instance mod failed with `cause`: reported once through `error`, and a new instance takes over. Returns the
  // error that the call, frame or loads it ended reject with. Never throws.
  _fault(cause, mod) {
    if (mod !== this._mod || this._destroyed) return this._failure || destroyedError();
    const err = engineFailure(mod, cause, this._applying);
    err.cause = cause;
    err.reported = true;
    const canvas = this.canvas;
    this._mod = null;
    this._epoch++;
    this._failure = err;
    if (Date.now() - (this._failedAt || 0) > FAILURES_FORGOTTEN_MS) this._failures = 0;
    this._failures++;
    this._failedAt = Date.now();
    this._applying = null;
    this._adopting = 0;
    // a failure while the data it showed was being reloaded: that data goes (it may be what fails)
    if (this._restoring) this._lastGood = null;
    this._restoring = false;
    endWorker(this, err);
    stopTiles(this, err);
    removeSearchField(this);
    const waiters = this._loadWaiters;
    this._loadWaiters = [];
    waiters.forEach((w) => w.reject(err));
    retire(mod, null);
    if (this._failures >= MAX_FAILURES) {
      err.message += '; it failed ' + MAX_FAILURES + ' times in a row, and the timeline was stopped';
      this._fire('error', err);
      this.destroy();
      return err;
    }
    err.message += ' (the timeline restarted its engine)';
    this._fire('error', err);
    this._restart(canvas);
    return err;
  }

  // A new instance on a new canvas in place of `old`, then the data the failed one showed and its view.
  _restart(old) {
    const source = this._lastGood;
    const view = Object.assign({}, this._view);
    const dark = this._dark();
    const canvas = makeCanvas();
    const focused = document.activeElement === old;
    if (old && old.parentNode) old.parentNode.replaceChild(canvas, old);
    else this.element.appendChild(canvas);
    retire(null, old);
    this.canvas = canvas;
    if (focused) canvas.focus();
    const epoch = this._epoch;
    this._ready = startDisplay(this, canvas, dark);
    this._ready = this._ready.then((mod) => this._startScale(mod)).then((mod) => this._startLocale(mod));
    this._ready.catch(() => {});
    this._ready.then(() => {
      if (!source || this._epoch !== epoch) return;
      this._restoring = true;
      return apply(this, prepare(this, source, { restore: true })).then(() => {
        this._restoring = false;
        if (view.window) { try { this.setWindow(view.window[0], view.window[1]); } catch (e) { /* (as it loaded) */ } }
        if (view.select) this.select(view.select);
        if (view.query) this.search(view.query);
      }, () => { if (this._epoch === epoch) this._restoring = false; });  // (superseded, or a data error now)
    }, (err) => {
      if (this._destroyed || this._epoch !== epoch) return;
      err.reported = true;
      this._fire('error', err);  // (no engine can start here any more: the timeline ends)
      this.destroy();
    }).catch(() => {});
  }

  _dark() {
    const theme = this._theme || this.options.theme;
    return theme === 'dark' ||
      (theme !== 'light' && !!window.matchMedia && matchMedia('(prefers-color-scheme: dark)').matches);
  }

  // Messages from instance mod: load (after the first frame showing new data), select, rangechange.
  _emit(mod, name, json) {
    if (mod !== this._mod || this._destroyed) return;
    const arg = JSON.parse(json);
    if (name === 'searchfield') { searchField(this, arg); return; }
    noteForAccess(this, name, arg);
    if (name === 'load') {
      const ready = this._loadWaiters.filter((w) => w.mod === mod && w.loads <= arg.loads);
      if (!ready.length) return;  // (a load no one waits for any more)
      this._loadWaiters = this._loadWaiters.filter((w) => ready.indexOf(w) < 0);
      const shown = () => {
        if (mod !== this._mod || this._destroyed) return;
        const restore = ready.every((w) => w.restore);
        if (!restore) { this._loads++; this._failures = 0; }
        const info = Object.assign(arg, { loads: this._loads });
        this._loadedOnce = true;
        ready.forEach((w) => w.resolve(info));
        if (!restore && !ready.some((w) => w.quiet)) this._fire('load', info);
      };
      // a tile set counts as shown once its root is drawn (tiles.js)
      const roots = ready.map((w) => w.root).filter(Boolean);
      if (!roots.length) shown();
      else Promise.all(roots).then(shown, (err) => ready.forEach((w) => w.reject(err)));
      return;
    }
    if (name === 'select') { this._selection = arg; this._view.select = (arg && arg.id) || ''; }
    if (name === 'rangechange') this._view.window = [arg.start, arg.end];
    if (name === 'rangechange' || name === 'select') writeHash(this);
    this._fire(name, arg);
  }

  getWindow() {
    return JSON.parse(this._call('cs_get_window', 'string', [], []));
  }

  setWindow(start, end) {
    const a = dateArg(start), b = dateArg(end);
    if (!this._call('cs_set_window', 'number', ['string', 'string'], [a, b]))
      throw new Error(this._call('cs_last_error', 'string', [], []));
    this._view.window = [a, b];
    return this;
  }

  select(id) {
    const s = id == null ? '' : String(id);
    const found = !!this._call('cs_select', 'number', ['string'], [s]);
    if (found) this._view.select = s;
    return found;
  }

  getSelection() {
    return JSON.parse(this._call('cs_get_selection', 'string', [], []));
  }

  // Story mode: flies to the next (or previous) event of the story (the data's "story" order, else time order) and
  // opens its panel; before the first event comes the title card. Returns the selected event, or null.
  next() { this._call('cs_step', 'number', ['number'], [1]); return this.getSelection(); }
  previous() { this._call('cs_step', 'number', ['number'], [-1]); return this.getSelection(); }

  // Shows the title card (the data's title, description and media) where the data has one; whether it is shown.
  showTitleCard() {
    this._call('cs_show_title_card', null, [], []);
    return !!this._call('cs_title_card_shown', 'number', [], []);
  }
  isTitleCardShown() { return !!this._call('cs_title_card_shown', 'number', [], []); }

  // Searches titles, text and tags (case-insensitive); matches are highlighted. Returns the number of matches.
  // Use it from a page's own <input> where people type with an IME (Korean, Chinese, Japanese).
  search(query) {
    const q = query == null ? '' : String(query);
    const n = this._call('cs_search', 'number', ['string'], [q]);
    this._view.query = q;
    return n;
  }

  // Where the event's mark is drawn, {x, y} in CSS pixels from the canvas's top-left, or null when it is not
  // drawn on its own (outside the window, in a hidden group, or folded into a cluster). On a tiled timeline, null
  // until the id's shard and the event's tile have come (the call asks for them): ask again after a frame.
  locate(id) {
    return JSON.parse(this._call('cs_locate', 'string', ['string'], [String(id)]));
  }

  setTheme(name) {
    this._call('cs_set_theme', null, ['number'], [name === 'dark' ? 1 : 0]);
    this._theme = name === 'dark' ? 'dark' : 'light';
    themeForAccess(this);
    return this;
  }

  // Loads new data ({src} or {data}); resolves after it is drawn, rejects with the error (the old data stays).
  // A newer load supersedes one still in flight (which then rejects with err.superseded set). Never throws.
  load(opts) {
    if (this._destroyed) return Promise.reject(destroyedError());
    if (!opts || ((opts.src == null || opts.src === '') && opts.data == null && (opts.tiles == null || opts.tiles === '')))
      return Promise.reject(new Error('chronoscope: give src or data (or tiles: the URL of a manifest.json)'));
    return apply(this, prepare(this, opts));
  }

  // Opens a tiled timeline (made by `chronoscope pack`): the URL of its manifest.json. Only the tiles the view
  // needs are fetched, beside the manifest. As load(): resolves once its coarsest level is drawn.
  loadTiles(url, opts) {
    return this.load(Object.assign({}, opts, { tiles: url, src: undefined, data: undefined }));
  }

  // For benchmarks and tests: what the open tile set has fetched and holds, or null for a single file.
  tileStats() {
    return tileStats(this);
  }

  destroy() {
    if (this._destroyed) return;
    const mod = this._mod;
    this._mod = null;
    this._destroyed = true;
    if (mod) { try { callEngine(mod, 'cs_stop', null, [], []); } catch (e) { retire(mod, null); } }
    this._loadSeq++;  // every load in flight ends
    endWorker(this, destroyedError());
    stopTiles(this, destroyedError());
    const waiters = this._loadWaiters;
    this._loadWaiters = [];
    waiters.forEach((w) => w.reject(destroyedError()));
    stopHash(this);
    if (this.canvas && this.canvas.parentNode) this.canvas.parentNode.removeChild(this.canvas);
    removeOverlay(this);
    removeSearchField(this);
    stopAccess(this);
    removeEmbed(this);
    this._listeners = {};
  }

  // The time axis: 'linear', or 'log': time before present on a log scale, where 13.8 billion years and last week
  // share one axis. The window (getWindow, setWindow, rangechange) stays in dates on both.
  setScale(name) {
    checkScale(name);
    this._call('cs_set_scale', null, ['number'], [name === 'log' ? 1 : 0]);
    this._scale = name;
    return this;
  }

  getScale() {
    return this._call('cs_get_scale', 'number', [], []) ? 'log' : 'linear';
  }

  // How many characters of the data's text (title, description, groups, eras, events' titles and text) none of
  // the page's fonts can draw: 0 when every script shows (text.js; its font list is fetched first if need be).
  missingGlyphs() {
    return textFonts().then(() => this._call('cs_missing_glyphs', 'number', [], []));
  }

  // Right to left: time runs from right to left and the widget mirrors; the page's own elements for this timeline
  // (the accessible list, the progress line) take dir="rtl".
  setRtl(on) {
    this._rtl = !!on;
    this._call('cs_set_rtl', null, ['number'], [this._rtl ? 1 : 0]);
    markDirection(this);
    return this;
  }

  getRtl() {
    return this._rtl;
  }

  // Every date follows a locale: month names, date order, digits, era words (Intl's CLDR data). Default: the
  // page's <html lang>, else the browser's language. English is the timeline's own ("21 Aug 2020", "500 BCE").
  setLocale(tag) {
    const canon = checkLocale(pageLocale(tag));
    this._setLocaleOn(this._mod, canon);
    this._locale = canon;
    return this;
  }

  getLocale() { return this._call('cs_get_locale', 'string', [], []); }

  // The zone times are shown in: 'UTC', 'local' (the viewer's), an IANA name ('Asia/Seoul'), or null: each time
  // at the offset it was written with (the default). An unknown zone throws a RangeError and changes nothing.
  setTimeZone(zone) {
    const args = zoneArgs(zone);
    this._call('cs_set_time_zone', null, ['number', 'string'], args);
    this._zone = zone == null ? null : String(zone);
    return this;
  }

  getTimeZone() {
    const z = this._zone !== undefined ? this._zone : this.options.timeZone;
    return z == null ? null : String(z);
  }

  _setLocaleOn(mod, tag) {
    const fields = /^en(-|$)/i.test(tag) ? {} : localeFields(tag, engineFields(this, mod));
    if (!this._callOn(mod, 'cs_set_locale', 'number', ['string', 'string'], [tag, JSON.stringify(fields)]))
      throw new Error(this._callOn(mod, 'cs_last_error', 'string', [], []));
  }

  // A new instance starts in the locale and zone last asked for (the options, then the setters).
  _startLocale(mod) {
    this._setLocaleOn(mod, checkLocale(pageLocale(this._locale || this.options.locale)));
    const zone = this._zone !== undefined ? this._zone : this.options.timeZone;
    this._callOn(mod, 'cs_set_time_zone', null, ['number', 'string'], zoneArgs(zone));
    return mod;
  }

  // A new instance starts on the scale and direction last asked for (options, then setScale / setRtl), before any
  // data is shown.
  _startScale(mod) {
    const scale = this._scale || this.options.scale;
    if (scale === 'log') this._callOn(mod, 'cs_set_scale', null, ['number'], [1]);
    if (this._rtl) this._callOn(mod, 'cs_set_rtl', null, ['number'], [1]);
    return mod;
  }
}

// dir="rtl" or "ltr" on the elements the timeline adds to the page beside its canvas
function markDirection(tl) {
  const dir = tl._rtl ? 'rtl' : 'ltr';
  [tl._access && tl._access.box, tl._access && tl._access.live, tl._overlay].forEach((el) => {
    if (el) el.setAttribute('dir', dir);
  });
  // the progress line over the bottom corner where reading starts
  if (tl._overlay) Object.assign(tl._overlay.style, tl._rtl ? { left: 'auto', right: '12px' } : { left: '12px', right: 'auto' });
}

// The engine's locale fields (the same for every instance of the engine)
let localeFieldList = null;
function engineFields(tl, mod) {
  if (!localeFieldList) localeFieldList = JSON.parse(tl._callOn(mod, 'cs_locale_fields', 'string', [], []));
  return localeFieldList;
}

function checkScale(name) {
  if (name !== 'linear' && name !== 'log') throw new Error("chronoscope: scale is 'linear' or 'log'");
}

function createTimeline(element, options) {
  if (typeof element === 'string') element = document.querySelector(element);
  if (!element || !element.appendChild) throw new Error('chronoscope: no container element');
  if ((options.src == null || options.src === '') && options.data == null && (options.tiles == null || options.tiles === ''))
    throw new Error('chronoscope: give options.src or options.data (or options.tiles)');
  if (options.scale != null) checkScale(options.scale);
  if (options.locale != null) checkLocale(String(options.locale));
  zoneArgs(options.timeZone);   // an unknown zone rejects at once
  const tl = new Timeline(element, options);
  try {
    if (options.on) Object.keys(options.on).forEach((name) => tl.on(name, options.on[name]));
    keepInitialHash(tl);
    const canvas = makeCanvas();
    if (getComputedStyle(element).position === 'static') element.style.position = 'relative';
    if (element.clientHeight < 50) element.style.height = '480px';
    tl._rtl = options.rtl != null ? !!options.rtl : getComputedStyle(element).direction === 'rtl';
    element.appendChild(canvas);
    tl.canvas = canvas;
    startAccess(tl);
    showProgress(tl, 'Loading…');
    markDirection(tl);
    // the data is fetched and parsed while the engine compiles and starts
    const prep = prepare(tl, options, { quiet: true });
    if (prep.invalid) throw prep.invalid;
    tl._ready = startDisplay(tl, canvas, tl._dark());
    tl._ready = tl._ready.then((mod) => tl._startScale(mod)).then((mod) => tl._startLocale(mod));
    return { tl, done: apply(tl, prep) };
  } catch (e) {
    tl.destroy();
    throw e;
  }
}

export function create(element, options) {
  options = options || {};
  let made;
  try {
    made = createTimeline(element, options);
  } catch (e) {
    return Promise.reject(e);
  }
  const tl = made.tl;
  return made.done.then(() => {
    if (options.window) tl.setWindow(options.window[0], options.window[1]);
    readHash(tl);
    writeHash(tl);
    return tl;
  }).catch((err) => {
    tl._hashRead = true;  // (a hash the page opened with was for this data; later loads write their own)
    if (tl._destroyed || (!tl._mod && !tl._epoch)) {
      // no instance runs (no WebGL 2, the engine failed to load or to start): nothing is left behind
      tl.destroy();
    } else {
      // The timeline runs, showing the error: the caller may load() again or destroy() it.
      err.timeline = tl;
    }
    throw err;
  });
}
