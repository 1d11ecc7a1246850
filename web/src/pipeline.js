// The load pipeline of a timeline: prepare (fetch and parse: in a worker, or in a throwaway instance on the page's
// thread, or for small inline data in the timeline's own instance), apply (put the data on screen, or its error)
// and adopt (copy a parsed result into the timeline's instance a slice per task).
//
// prepare() may run before the timeline's engine has started (create() starts both at once). A newer load
// supersedes an older one: each has a sequence number, and a load whose number is no longer the timeline's latest
// rejects with err.superseded.

import { cjkFont, engine, instantiate } from './engine.js';
import { showProgress } from './overlay.js';
import { readData } from './parse.js';
import { spawnWorker } from './spawn.js';
import { readTable } from './table.js';
import { destroyedError, excerpt, nextTask, supersededError } from './util.js';

const PAGE_MAX_TEXT = 256 * 1024;     // inline data shorter than this is parsed in the timeline's own instance
const COPY_SLICE_MS = 8;              // longest stretch of copying a parsed result before the page may paint
const COPY_PIECE = 4 << 20;           // bytes copied (and sized) at most per step of a slice
const BANNER_MAX = 2000;              // characters of an error the page's instance is given for its banner

function stale(tl, prep) {
  return prep.seq !== tl._loadSeq;
}

// What a load says while it runs, as the engine words it (core FormatLoadProgress, the native status box's text):
// "Reading NAME: N events (P%)". Null until the timeline's engine has started.
function progressText(tl, name, bytes, total, events) {
  if (!tl._mod || tl._destroyed) return null;
  return tl._call('cs_progress_text', 'string', ['string', 'number', 'number', 'number'], [name, bytes, total, events]);
}

// Starts fetching and parsing. Returns {name, seq, keepView, result}: result resolves to {bytes} (to parse in the
// timeline's instance) or {snap} (a parsed result).
export function prepare(tl, opts) {
  const name = opts.src ? String(opts.src).replace(/^.*\//, '').replace(/[?#].*$/, '') || 'data.json' : 'data.json';
  const prep = { name, seq: ++tl._loadSeq, keepView: !!opts.keepView };
  endWorker(tl);
  let text = null;
  if (!opts.src) text = typeof opts.data === 'string' ? opts.data : JSON.stringify(opts.data);
  const job = opts.src ? { src: new URL(opts.src, document.baseURI).href, name } : { text, name };
  const progress = (phase, bytes, total, events) => {
    if (stale(tl, prep)) return;
    const text = progressText(tl, name, bytes, total, events);
    if (text) showProgress(tl, text);
    tl._fire('progress', { phase, bytes, total, events });
  };
  showProgress(tl, 'Loading ' + name + '…');

  if (text != null && text.length < PAGE_MAX_TEXT) {
    prep.result = Promise.resolve({ bytes: new TextEncoder().encode(text) });
    return prep;
  }
  const worker = opts.worker !== false ? spawnWorker() : null;
  if (!worker) {
    prep.result = parseHere(job, progress);
    prep.result.catch(() => {});
    return prep;
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
  prep.result.catch(() => {});  // (consumed by apply; a load abandoned before that is no error)
  return prep;
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

// Puts prepared data on screen: resolves after a frame that shows it.
export function apply(tl, prep) {
  return prep.result.then((parsed) => {
    if (stale(tl, prep)) throw tl._destroyed ? destroyedError() : supersededError();
    if (parsed.snap) {
      tl._parseHeap = parsed.snap.heap;  // (how far the parsing instance's heap grew: for tests)
      return adopt(tl, prep, parsed.snap);
    }
    showProgress(tl, progressText(tl, prep.name, 0, 0, 0));
    // Give the page a chance to paint the message before the engine parses.
    return new Promise((r) => { requestAnimationFrame(() => { setTimeout(r, 0); }); }).then(() => {
      if (tl._destroyed) throw destroyedError();
      if (stale(tl, prep)) throw supersededError();
      const buf = parsed.bytes, mod = tl._mod;
      const ptr = mod._malloc(buf.length + 1);
      if (!ptr) throw new Error(prep.name + ': error: not enough memory for ' + (buf.length / 1e6).toFixed(1) + ' MB of data');
      mod.HEAPU8.set(buf, ptr);
      let loads;
      try {
        loads = tl._call('cs_load', 'number', ['number', 'number', 'string', 'number'], [ptr, buf.length, prep.name, prep.keepView ? 1 : 0]);
      } finally {
        mod._free(ptr);
      }
      if (!loads) throw new Error(tl._call('cs_last_error', 'string', [], []).trim());
      return loads;
    });
  }, (err) => {
    // bad data (found by the worker) or a failed download: shown in the banner, as a load on this thread would
    // (its first error, at most what a banner can show: the message itself may be any length)
    if (!err.superseded && !tl._destroyed && !stale(tl, prep)) {
      const first = excerpt(err.first || err.message.split('\n')[0], BANNER_MAX);
      tl._call('cs_set_load_error', null, ['string', 'string'], [first, first]);
    }
    throw err;
  }).then((loads) => fonts(tl).then(() => loads)).then((loads) => {
    // resolves after a frame that shows this data (the engine says "load" after drawing it)
    return new Promise((resolve, reject) => {
      if (tl._lastLoad && tl._lastLoad.loads >= loads)
        requestAnimationFrame(() => { requestAnimationFrame(() => resolve(tl._lastLoad)); });
      else
        tl._loadWaiters.push({ loads, resolve, reject });
    });
  }).then((info) => {
    if (!stale(tl, prep)) showProgress(tl, null);
    return info;
  }, (err) => {
    if (!stale(tl, prep)) showProgress(tl, null);
    err = err instanceof Error ? err : new Error(String(err));
    if (!err.superseded && !err.destroyed) tl._fire('error', err);
    throw err;
  });
}

// Copies a parsed result (header and arrays: Uint8Arrays) into the timeline's instance, a slice per task so the
// page keeps painting, then swaps it in. Resolves to the engine's load count. Room for the whole result is asked
// for first, so that data the page's heap cannot hold is refused with a message and the old data stays.
function adopt(tl, prep, snap) {
  const mod = tl._mod;
  showProgress(tl, 'Preparing ' + prep.name + '…');
  const sent = snap.arrays.slice(0, -1).reduce((n, a) => n + a.byteLength, 0);  // (last: the character set)
  const need = snap.header.byteLength + sent + 0x10000;
  const room = mod._malloc(need + (4 << 20));
  if (!room) {
    const msg = prep.name + ': error: not enough memory in the page for this data (' + (need / 1e6).toFixed(1) +
                ' MB more than the data on screen; an engine\'s heap cannot grow past ' + (mod.csHeapMax / 1e6).toFixed(0) + ' MB)';
    tl._call('cs_set_load_error', null, ['string', 'string'], [msg, msg]);
    throw new Error(msg);
  }
  mod._free(room);
  const hp = mod._malloc(snap.header.byteLength || 1);
  mod.HEAPU8.set(snap.header, hp);
  const at = tl._call('cs_adopt_begin', 'number', ['number', 'number', 'number'], [hp, snap.header.byteLength, sent]);
  mod._free(hp);
  if (!at) throw new Error(tl._call('cs_last_error', 'string', [], []).trim());
  tl._adopting = prep.seq;
  // an adoption given up drops what it had allocated (unless a newer one has replaced it already)
  const abandon = (err) => {
    if (!tl._destroyed && tl._adopting === prep.seq) tl._call('cs_adopt_cancel', null, [], []);
    throw err;
  };
  const slots = readTable(mod, 'adopt', at).entries().map((e) => ({ at: 0, size: e.bytes }));
  const n = slots.length;
  const bad = n !== snap.arrays.length || slots.some((s, k) => s.size !== snap.arrays[k].byteLength);
  const failed = (msg) => {
    tl._call('cs_set_load_error', null, ['string', 'string'], [msg, msg]);
    abandon(new Error(msg));
  };
  if (bad) failed(prep.name + ': error: the parsing instance sent a result of another shape');
  // Each step copies for a few milliseconds and makes room for at most one big array (the biggest is the events,
  // 48 bytes each), then lets the page paint.
  let i = 0, off = 0;
  function step() {
    // nothing else may have started adopting meanwhile (it would have dropped these arrays)
    if (tl._destroyed) throw destroyedError();
    if (stale(tl, prep)) abandon(supersededError());
    const t0 = performance.now();
    let sized = 0;
    while (i < n && performance.now() - t0 < COPY_SLICE_MS) {
      if (!slots[i].at) {
        if (sized > COPY_PIECE) break;
        slots[i].at = tl._call('cs_adopt_array', 'number', ['number'], [i]) >>> 0;
        if (!slots[i].at)
          failed(prep.name + ': error: not enough memory for the data (' + (slots[i].size / 1e6).toFixed(1) + ' MB more)');
        sized += slots[i].size;
      }
      const piece = Math.min(slots[i].size - off, COPY_PIECE);
      if (piece > 0) mod.HEAPU8.set(snap.arrays[i].subarray(off, off + piece), slots[i].at + off);
      off += piece;
      if (off >= slots[i].size) { snap.arrays[i] = null; i++; off = 0; }
    }
    if (i < n) return nextTask().then(step);
    tl._adopting = 0;
    const loads = tl._call('cs_adopt_end', 'number', ['string', 'number', 'number'], [prep.name, prep.keepView ? 1 : 0, snap.needsCjk]);
    if (!loads) throw new Error(tl._call('cs_last_error', 'string', [], []).trim());
    return loads;
  }
  return nextTask().then(step);
}

// The CJK font, when the data on screen needs it and this instance does not have it yet.
function fonts(tl) {
  if (!tl._call('cs_needs_cjk', 'number', [], []) || tl._cjkLoaded) return Promise.resolve();
  return cjkFont().then((bytes) => {
    if (tl._destroyed) return;
    tl._mod.FS.writeFile('/fonts/NanumGothic.ttf', bytes);
    tl._cjkLoaded = true;
    tl._call('cs_set_cjk_font', null, ['string'], ['/fonts/NanumGothic.ttf']);
  }, () => { /* without the font Hangul shows as boxes; the data still works */ });
}
