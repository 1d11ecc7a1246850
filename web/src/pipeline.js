// The load pipeline of a timeline: prepare (fetch and parse: in a worker, or in a throwaway instance on the page's
// thread, or for small inline data in the timeline's own instance), apply (put the data on screen, or its error)
// and adopt (copy a parsed result into the timeline's instance a slice per task).
//
// prepare() may run before the timeline's engine has started (create() starts both at once), and never throws:
// what cannot be loaded at all (data that cannot be written as JSON, a src that is no URL) rejects its result, and
// is prep.invalid. A newer load
// supersedes an older one: each has a sequence number, and a load whose number is no longer the timeline's latest
// rejects with err.superseded. A load also belongs to the instance it began with (tl._epoch): when that instance
// fails, the load rejects with that failure (api.js _fault).

import { engine, instantiate } from './engine.js';
import { textSettled } from './text.js';
import { showProgress } from './overlay.js';
import { readData } from './parse.js';
import { spawnWorker } from './spawn.js';
import { readTable } from './table.js';
import { fetchManifest, openTiles, stopTiles, tilesLocation, tilesShown } from './tiles.js';
import { destroyedError, excerpt, fetchError, nextTask, sourceName, supersededError } from './util.js';

const PAGE_MAX_TEXT = 256 * 1024;     // inline data shorter than this is parsed in the timeline's own instance
const COPY_SLICE_MS = 8;              // longest stretch of copying a parsed result before the page may paint
const COPY_PIECE = 4 << 20;           // bytes copied (and sized) at most per step of a slice
const BANNER_MAX = 2000;              // characters of an error the page's instance is given for its banner

// Throws unless prep is still the load to carry on with: its timeline is alive, its instance has not failed, and no
// newer load has started.
function current(tl, prep) {
  if (tl._destroyed) throw destroyedError();
  if (prep.epoch !== tl._epoch) throw tl._failure;
  if (prep.seq !== tl._loadSeq) throw supersededError();
}

function stale(tl, prep) {
  return prep.seq !== tl._loadSeq || prep.epoch !== tl._epoch;
}

// What a load says while it runs, as the engine words it (core FormatLoadProgress, the native status box's text):
// "Reading NAME: N events (P%)". Null while the timeline has no running instance.
function progressText(tl, name, bytes, total, events) {
  if (!tl._mod || tl._destroyed) return null;
  return tl._call('cs_progress_text', 'string', ['string', 'number', 'number', 'number'], [name, bytes, total, events]);
}

// Starts fetching and parsing. how: {restore} (reloading the data a failed instance showed: no load event, not
// counted), {quiet} (create()'s load: no load event). Returns {name, seq, epoch, keepView, source, result}: result
// resolves to {bytes} (to parse in the timeline's instance) or {snap} (a parsed result).
export function prepare(tl, opts, how) {
  how = how || {};
  const prep = { name: 'data.json', seq: ++tl._loadSeq, epoch: tl._epoch, keepView: !!opts.keepView,
                 restore: !!how.restore, quiet: !!how.quiet, source: null, result: null };
  endWorker(tl);
  try {
    begin(tl, opts, prep);
  } catch (e) {
    prep.invalid = e;  // (what was asked cannot be loaded at all: create() cleans up at once)
    prep.result = Promise.reject(e);
  }
  prep.result.catch(() => {});  // (consumed by apply; a load abandoned before that is no error)
  return prep;
}

function begin(tl, opts, prep) {
  let text = null, src = null;
  if (opts.tiles != null && opts.tiles !== '') {
    // a tiled timeline: only its manifest now, its tiles as the view asks for them (tiles.js)
    const loc = tilesLocation(opts.tiles);
    prep.name = sourceName(loc.href);
    prep.source = { tiles: loc.href };
    showProgress(tl, 'Loading ' + prep.name + '…');
    prep.result = fetchManifest(loc.href, loc).then((bytes) => ({ tiles: loc, bytes }));
    prep.result.catch(() => { if (loc.root) loc.root.abort.abort(); });
    return;
  }
  if (opts.src != null && opts.src !== '') {
    prep.name = sourceName(opts.src);
    try {
      src = new URL(String(opts.src), document.baseURI).href;
    } catch (e) {
      throw fetchError(String(opts.src), 'not a valid URL');
    }
  } else {
    try {
      text = typeof opts.data === 'string' ? opts.data : JSON.stringify(opts.data);
    } catch (e) {
      throw new TypeError('chronoscope: the data cannot be written as JSON: ' + e.message);
    }
    if (typeof text !== 'string') throw new TypeError('chronoscope: the data cannot be written as JSON (it is ' + typeof opts.data + ')');
  }
  const name = prep.name;
  prep.source = src ? { src, worker: opts.worker } : { data: text, worker: opts.worker };
  const progress = (phase, bytes, total, events) => {
    if (stale(tl, prep)) return;
    const t = progressText(tl, name, bytes, total, events);
    if (t) showProgress(tl, t);
    tl._fire('progress', { phase, bytes, total, events });
  };
  showProgress(tl, 'Loading ' + name + '…');
  const job = src ? { src, name } : { text, name };

  if (text != null && text.length < PAGE_MAX_TEXT) {
    prep.result = Promise.resolve({ bytes: new TextEncoder().encode(text) });
    return;
  }
  const worker = opts.worker !== false ? spawnWorker() : null;
  if (!worker) {
    prep.result = parseHere(job, progress);
    return;
  }
  tl._worker = worker;
  prep.result = new Promise((resolve, reject) => {
    worker.onmessage = (e) => {
      const m = e.data;
      if (m.type === 'progress') { progress(m.phase, m.bytes, m.total, m.events); return; }
      worker.terminate();
      if (tl._worker === worker) tl._worker = null;
      if (m.type === 'done') {
        m.header = new Uint8Array(m.header);
        m.arrays = m.arrays.map((a) => new Uint8Array(a));
        resolve({ snap: m });
        return;
      }
      const err = new Error(m.message.trim());
      err.first = m.first;
      err.engine = m.engine;
      reject(err);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      worker.terminate();
      const err = new Error('chronoscope: the parsing worker failed: ' + (e.message || 'unknown error'));
      err.engine = true;
      reject(err);
    };
    worker._reject = reject;
  }).catch((err) => {
    // The worker itself could not run (say, its file is missing or a policy forbids it): parse on this thread.
    if (!err.engine || stale(tl, prep)) throw err;
    return parseHere(job, progress);
  });
  worker.postMessage({ type: 'load', ...job });
  const workerFailed = (err) => {
    worker.terminate();
    if (tl._worker === worker) tl._worker = null;
    err.engine = true;
    worker._reject(err);
  };
  engine().then((eng) => {
    try {
      worker.postMessage({ type: 'engine', url: eng.url, wasm: eng.wasm });
    } catch (err) {
      workerFailed(err);  // (a module the browser cannot send to a worker)
    }
  }, workerFailed);
}

// Parses on the page's thread in an instance of its own, dropped (with all the memory it grew to) once its
// result has been copied into the timeline's instance.
function parseHere(job, progress) {
  return readData(job, engine().then((eng) => instantiate(eng, {})), progress).then((snap) => ({ snap }));
}

// Ends the timeline's worker, if one is parsing, rejecting its load with err (by default: superseded).
export function endWorker(tl, err) {
  if (!tl._worker) return;
  tl._worker.terminate();
  tl._worker._reject(err || supersededError());
  tl._worker = null;
}

// Puts prepared data on screen: resolves after a frame that shows it, with the load's LoadInfo.
export async function apply(tl, prep) {
  let parsed = null, failure = null;
  try {
    parsed = await prep.result;
  } catch (e) {
    failure = e;
  }
  try {
    await tl._ready;
    current(tl, prep);
    if (failure) {
      // bad data (found by a parsing instance) or a failed download: its first error in the banner, as a load here
      // would show it (at most what a banner can show: the message itself may be any length)
      const first = excerpt(failure.first || failure.message.split('\n')[0], BANNER_MAX);
      tl._call('cs_set_load_error', null, ['string', 'string'], [first, first]);
      throw failure;
    }
    const mod = tl._mod;
    tl._applying = prep.name;
    if (parsed.snap) tl._parseHeap = parsed.snap.heap;  // (how far the parsing instance's heap grew: for tests)
    if (!parsed.tiles) stopTiles(tl);  // (a single file replaces a tile set: its fetches end)
    const loads = parsed.tiles ? openTiles(tl, mod, parsed.tiles, parsed.bytes, prep.name)
                : parsed.snap ? await adopt(tl, prep, parsed.snap, mod) : await parseOnPage(tl, prep, parsed.bytes, mod);
    tl._applying = null;
    tl._lastGood = prep.source;
    // a tile set is shown once its root has come (the coarsest picture of all its events) and been drawn
    const root = parsed.tiles ? tilesShown(tl) : null;
    const shown = new Promise((resolve, reject) => tl._loadWaiters.push({ mod, loads, resolve, reject,
                                                                          restore: prep.restore, quiet: prep.quiet, root }));
    const info = await shown;
    await textSettled();   // text drawn by the browser (text.js) shows once its fonts are here
    if (!stale(tl, prep)) showProgress(tl, null);
    return info;
  } catch (err) {
    if (tl._applying === prep.name) tl._applying = null;
    if (!stale(tl, prep)) showProgress(tl, null);
    if (!err.superseded && !err.destroyed && !err.reported) tl._fire('error', err);
    throw err;
  }
}

// What the data's relative media URLs resolve against: the data's URL, or the page's for data given inline.
function mediaBase(prep) {
  return (prep.source && prep.source.src) || document.baseURI;
}

// Small inline data, parsed in the timeline's own instance (it cannot grow its heap by much).
async function parseOnPage(tl, prep, buf, mod) {
  showProgress(tl, progressText(tl, prep.name, 0, 0, 0));
  // Give the page a chance to paint the message before the engine parses.
  await new Promise((r) => { requestAnimationFrame(() => { setTimeout(r, 0); }); });
  current(tl, prep);
  const ptr = tl._callOn(mod, 'malloc', 'number', ['number'], [buf.length + 1]);
  if (!ptr) throw new Error(prep.name + ': error: not enough memory for ' + (buf.length / 1e6).toFixed(1) + ' MB of data');
  mod.HEAPU8.set(buf, ptr);
  tl._callOn(mod, 'cs_set_media_base', null, ['string'], [mediaBase(prep)]);
  const loads = tl._callOn(mod, 'cs_load', 'number', ['number', 'number', 'string', 'number'],
                           [ptr, buf.length, prep.name, prep.keepView ? 1 : 0]);
  tl._callOn(mod, 'free', null, ['number'], [ptr]);
  if (!loads) throw new Error(tl._callOn(mod, 'cs_last_error', 'string', [], []).trim());
  return loads;
}

// Copies a parsed result (header and arrays: Uint8Arrays) into the timeline's instance mod, a slice per task so
// the page keeps painting, then swaps it in. Resolves to the engine's load count. Room for the whole result is
// asked for first, so that data the page's heap cannot hold is refused with a message and the old data stays.
async function adopt(tl, prep, snap, mod) {
  const call = (fn, ret, types, args) => tl._callOn(mod, fn, ret, types, args);
  showProgress(tl, 'Preparing ' + prep.name + '…');
  const sent = snap.arrays.slice(0, -1).reduce((n, a) => n + a.byteLength, 0);  // (last: the character set)
  const failed = (msg) => {
    call('cs_set_load_error', null, ['string', 'string'], [msg, msg]);
    return new Error(msg);
  };
  const need = snap.header.byteLength + sent + 0x10000;
  const room = call('malloc', 'number', ['number'], [need + (4 << 20)]);
  if (!room) {
    throw failed(prep.name + ': error: not enough memory in the page for this data (' + (need / 1e6).toFixed(1) +
                 ' MB more than the data on screen; an engine\'s heap cannot grow past ' + (mod.csHeapMax / 1e6).toFixed(0) + ' MB)');
  }
  call('free', null, ['number'], [room]);
  const hp = call('malloc', 'number', ['number'], [snap.header.byteLength || 1]);
  mod.HEAPU8.set(snap.header, hp);
  const at = call('cs_adopt_begin', 'number', ['number', 'number', 'number'], [hp, snap.header.byteLength, sent]);
  call('free', null, ['number'], [hp]);
  if (!at) throw new Error(call('cs_last_error', 'string', [], []).trim());
  tl._adopting = prep.seq;
  try {
    const slots = readTable(mod, 'adopt', at).entries().map((e) => ({ at: 0, size: e.bytes }));
    const n = slots.length;
    if (n !== snap.arrays.length || slots.some((s, k) => s.size !== snap.arrays[k].byteLength))
      throw failed(prep.name + ': error: the parsing instance sent a result of another shape');
    // Each step copies for a few milliseconds and makes room for at most one big array (the biggest is the
    // events, 48 bytes each), then lets the page paint.
    let i = 0, off = 0;
    while (i < n) {
      await nextTask();
      current(tl, prep);  // (nothing else may have started adopting meanwhile: it would have dropped these arrays)
      const t0 = performance.now();
      let sized = 0;
      while (i < n && performance.now() - t0 < COPY_SLICE_MS) {
        if (!slots[i].at) {
          if (sized > COPY_PIECE) break;
          slots[i].at = call('cs_adopt_array', 'number', ['number'], [i]) >>> 0;
          if (!slots[i].at)
            throw failed(prep.name + ': error: not enough memory for the data (' + (slots[i].size / 1e6).toFixed(1) + ' MB more)');
          sized += slots[i].size;
        }
        const piece = Math.min(slots[i].size - off, COPY_PIECE);
        if (piece > 0) mod.HEAPU8.set(snap.arrays[i].subarray(off, off + piece), slots[i].at + off);
        off += piece;
        if (off >= slots[i].size) { snap.arrays[i] = null; i++; off = 0; }
      }
    }
    tl._adopting = 0;
    call('cs_set_media_base', null, ['string'], [mediaBase(prep)]);
    const loads = call('cs_adopt_end', 'number', ['string', 'number', 'number'], [prep.name, prep.keepView ? 1 : 0, snap.needsCjk]);
    if (!loads) throw new Error(call('cs_last_error', 'string', [], []).trim());
    return loads;
  } catch (err) {
    // an adoption given up drops what it had allocated (unless a newer one has replaced it already)
    if (tl._adopting === prep.seq && tl._mod === mod && !tl._destroyed) call('cs_adopt_cancel', null, [], []);
    if (tl._adopting === prep.seq) tl._adopting = 0;
    throw err;
  }
}
