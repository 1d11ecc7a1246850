// Reading data into an engine instance that only parses: the parsing worker's instance (worker.js), or, where
// there is no worker (worker: false, or a page that forbids them), a throwaway instance on the page's thread
// (pipeline.js). Either way the instance that shows the data never holds the JSON text or the peaks of parsing,
// and a load that fails costs it nothing: the parsing instance, and all the memory it grew to, is dropped after
// each load (wasm memory never shrinks; only dropping an instance gives it back).
//
// The bytes go straight into the instance's heap as they arrive (a download, or text given inline), and are read
// as they arrive (cs_parse_begin/feed/end) once the instance is up; the result is the snapshot that cs_parse_table
// describes (src/platform/web_table.h): {header, arrays, needsCjk, events}, views into the instance's heap.
//
// Sizes are checked against the engine's input limit (cs_max_input_bytes: the largest input whose data still
// fits in an instance's heap) before anything is read: the size the server announces, then the bytes as they
// come (a download without a size), then text given inline.

import { callEngine } from './call.js';
import { readTable } from './table.js';
import { fetchError } from './util.js';

const FEED_BYTES = 1 << 20; // the bytes read as they arrive are handed to the reader every megabyte

// Why an instance stopped: "not enough memory" when it ran out (src/platform/web_memory.cpp), else what it threw.
// name: the load it was reading or taking in, if any. (mod.csHeapMax: read when the instance was made.)
export function engineFailure(mod, err, name) {
  const oom = !!(mod && mod.csOutOfMemory);
  const max = oom ? ' (an engine\'s heap cannot grow past ' + (mod.csHeapMax / 1e6).toFixed(0) + ' MB)' : '';
  const e = new Error(oom ? (name ? name + ': error: not enough memory for this data' + max
                                  : 'chronoscope: the engine ran out of memory' + max)
                          : 'chronoscope: the engine failed: ' + String((err && err.message) || err));
  e.failure = true;
  e.outOfMemory = oom;
  return e;
}

// Reads one load. job: {src (an absolute URL) | text, name}; engine: a promise of the instance to read into (the
// download starts before it is up); progress(phase, bytes, total, events). Resolves to the result; rejects with an
// Error whose message is every diagnostic (one per line) and err.first the first, or err.engine set when the
// instance itself could not run.
export function readData(job, engine, progress) {
  const name = job.name;
  // the bytes: where they go, how far they are read
  const s = { mod: null, ptr: 0, cap: 0, size: 0, waiting: [], waitingBytes: 0, hint: 0, stream: false, fed: 0,
              failed: false, downloading: false, got: 0, events: 0, limit: Infinity, over: null };
  const call = (fn, ret, types, args) => callEngine(s.mod, fn, ret, types, args);

  function tooBig(n) {
    return new Error(name + ': error: ' + call('cs_too_big_message', 'string', ['number'], [n]));
  }
  function checkSize(n) {
    if (n > s.limit) throw tooBig(n);
  }
  function noMemory(n) {
    return new Error(name + ': error: not enough memory for ' + (n / 1e6).toFixed(1) + ' MB of data');
  }

  // Room for n bytes: exactly n, or (a download of unknown size, or larger than announced) twice as much as
  // before, up to the limit. (While the buffer moves it is there twice; with the bytes read as they come, that is
  // less than the data read from a whole file at the limit holds: 4M events without a size grew the heap to
  // 1927 MB, against 1712 MB with one, the difference being the loader's vectors, which it sizes from the
  // buffer's first capacity.)
  function reserve(n, exact) {
    if (n <= s.cap) return true;
    let cap = exact ? n : Math.min(Math.max(n, s.cap * 2, 1 << 20), s.limit);
    let p = s.mod._malloc(cap);
    if (!p && !exact) p = s.mod._malloc(cap = n);
    if (!p) {
      if (exact) return false;
      throw noMemory(cap);
    }
    if (s.ptr) { s.mod.HEAPU8.copyWithin(p, s.ptr, s.ptr + s.size); s.mod._free(s.ptr); }
    s.ptr = p;
    s.cap = cap;
    // the buffer moved (no size announced, or a wrong one: a compressed size): the reading follows it
    if (s.stream && !call('cs_parse_rebase', 'number', ['number', 'number'], [p, cap])) {
      s.stream = false;  // (read it all at the end instead)
      s.events = 0;
    }
    return true;
  }

  function feed() {
    s.fed = s.size;
    if (!call('cs_parse_feed', 'number', ['number'], [s.size])) s.failed = true;
  }

  function put(c) {
    checkSize(s.size + s.waitingBytes + c.length);
    if (!s.mod) { s.waiting.push(c); s.waitingBytes += c.length; return; }
    reserve(s.size + c.length, false);
    s.mod.HEAPU8.set(c, s.ptr + s.size);
    s.size += c.length;
    if (s.stream && !s.failed && s.size - s.fed >= FEED_BYTES) feed();
  }

  // Once the instance is up and the response has begun (whichever comes last): the announced size in one piece
  // if it can be had (it may be wrong, or the compressed size: then the buffer grows), read as it arrives.
  function startStream() {
    if (!s.mod || s.stream || !s.downloading) return;
    if (s.hint > s.size + s.waitingBytes) reserve(Math.min(s.hint, s.limit), true);
    call('cs_parse_begin', null, ['number', 'number', 'string'], [s.ptr, s.cap, name]);
    s.stream = true;
    s.fed = 0;
    if (s.size > 0) feed();
  }

  function attach(mod) {
    s.mod = mod;
    s.limit = call('cs_max_input_bytes', 'number', [], []);
    checkSize(Math.max(s.hint, s.waitingBytes));  // (what arrived before the instance, or was announced)
    startStream();
    const waiting = s.waiting.splice(0);
    s.waitingBytes = 0;
    waiting.forEach(put);
    if (s.stream && !s.failed && s.size > s.fed) feed();
  }

  function download(url) {
    return fetch(url).catch((e) => { throw fetchError(url, 'cannot fetch (' + (e.message || e) + ')'); }).then((res) => {
      const drop = (e) => { if (res.body) res.body.cancel().catch(() => {}); throw e; };
      if (!res.ok) drop(fetchError(url, 'HTTP ' + res.status));
      const total = +res.headers.get('Content-Length') || 0;
      let last = 0;
      if (s.mod) { try { checkSize(total); } catch (e) { drop(e); } }  // (else attach checks it)
      if (s.over) drop(s.over);
      s.hint = total;
      s.downloading = true;
      startStream();
      const reader = res.body.getReader();
      const stop = () => { s.downloading = false; reader.cancel().catch(() => {}); };
      function pump() {
        return reader.read().then((r) => {
          if (r.done) { s.downloading = false; return; }
          if (s.over) { stop(); return; }  // (the load failed meanwhile: the rest is not needed)
          s.got += r.value.length;  // (before put: a report made while it reads counts this piece)
          try {
            put(r.value);
          } catch (e) {
            stop();  // (too big, or no memory for it: the rest is not needed)
            throw e;
          }
          if (s.failed) { stop(); return; }  // the bytes so far cannot load: the rest is not needed
          const now = Date.now();
          if (now - last >= 50) {
            last = now;
            progress('download', s.got, Math.max(total, s.got), s.events);
          }
          return pump();
        }, (e) => { throw fetchError(url, 'the download failed (' + (e.message || e) + ')'); });
      }
      return pump();
    });
  }

  // the result: the header and arrays the result table describes, as views into the instance's heap
  function result() {
    const t = readTable(s.mod, 'parse', call('cs_parse_table', 'number', [], []));
    const heap = s.mod.HEAPU8;
    return { header: heap.subarray(t.header, t.header + t.headerBytes),
             arrays: t.entries().map((a) => heap.subarray(a.pointer, a.pointer + a.bytes)),
             needsCjk: t.needsCjk, events: t.events, heap: heap.length };
  }

  let instanceFailed = false;  // (else the data or the download failed)
  const ready = engine.then((mod) => {
    // progress of the reading: while the download goes on it rides on the download's own reports
    mod.csProgress = (bytes, events) => {
      s.events = events;
      if (s.downloading) progress('download', s.got, Math.max(s.hint, s.got), events);
      else progress('parse', bytes, s.size, events);
    };
    attach(mod);
    return mod;
  }, (e) => { instanceFailed = true; throw e; });
  const data = job.src ? download(job.src) : ready.then(() => {
    if (job.text.length > s.limit) throw tooBig(job.text.length);  // (before encoding: at least that many bytes)
    const bytes = new TextEncoder().encode(job.text);
    checkSize(bytes.length);
    if (!reserve(bytes.length, true)) throw noMemory(bytes.length);
    put(bytes);
  });
  data.catch(() => {});
  return Promise.all([ready, data]).then(() => {
    const mod = s.mod, ptr = s.ptr, size = s.size;
    s.downloading = false;
    progress('parse', s.stream ? s.fed : 0, size, s.events);
    let ok;
    try {
      ok = s.stream ? call('cs_parse_end', 'number', ['number', 'string'], [size, name])
                    : call('cs_parse', 'number', ['number', 'number', 'string'], [ptr, size, name]);
    } catch (e) {
      throw engineFailure(mod, e, name);  // (an instance that ran out of memory aborts)
    }
    mod._free(ptr);
    s.ptr = s.cap = s.size = 0;
    if (!ok) {
      const err = new Error(call('cs_parse_errors', 'string', [], []).trim());
      err.first = call('cs_parse_first_error', 'string', [], []).trim();
      throw err;
    }
    return result();
  }).catch((e) => {
    s.over = e;  // (a download still running stops)
    if (instanceFailed) e.engine = true;
    else if (!e.failure && (e instanceof WebAssembly.RuntimeError || (s.mod && s.mod.csOutOfMemory)))
      e = engineFailure(s.mod, e, name);  // (the instance trapped or aborted while it read)
    throw e;
  });
}
