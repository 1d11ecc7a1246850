// The parsing worker: the script of chronoscope-worker.js, a classic worker made by spawn.js.
//
// Messages in:  {type: 'engine', url, wasm}: the engine script's URL and the compiled module;
//               {type: 'load', src | text, name}: what to read;
//               {type: 'warm'}: make a WebGL 2 context and answer {type: 'warm'} (spawn.js gpuWarm).
// Messages out: {type: 'progress', phase: 'download' | 'parse', bytes, total, events};
//               {type: 'done', header, arrays, needsCjk, events}, the arrays transferred;
//               {type: 'error', message, first, engine} (engine: the worker itself failed, not the data).
//
// The worker runs its own instance of the engine, fetches the data straight into that instance's heap, reads it
// as it arrives (cs_parse_begin/feed/end) or whole (cs_parse), and posts the snapshot that cs_parse_table
// describes (src/platform/web_table.h). It serves one load and is then ended, and its memory with it.

import { callEngine } from './call.js';
import { readTable } from './table.js';

const FEED_BYTES = 1 << 20; // the bytes read as they arrive are handed to the reader every megabyte

let gotEngine;
let engineFailed = false;
const engineMessage = new Promise((resolve) => { gotEngine = resolve; });

function post(m, transfer) { self.postMessage(m, transfer || []); }
function fail(err, engine) {
  const msg = String((err && err.message) || err);
  post({ type: 'error', message: msg, first: msg, engine: !!engine });
}
self.addEventListener('unhandledrejection', (e) => { e.preventDefault(); fail(e.reason, engineFailed); });

// Where the data goes: straight into the engine's heap as it arrives, once the engine is ready (chunks that come
// earlier wait for it), so the file is copied once. The input size limit is the engine's (cs_max_input_bytes):
// until the engine is up nothing is refused, and what waited is checked when it comes. Once the engine is up, the bytes are also read as they
// arrive (cs_parse_feed every megabyte; the buffer is the announced size, else it grows and the reading
// follows it): parsing overlaps the download, and a file with a syntax error stops downloading there.
const sink = { mod: null, ptr: 0, cap: 0, size: 0, waiting: [], waitingBytes: 0, hint: 0, name: '',
               stream: false, fed: 0, failed: false, downloading: false, got: 0, events: 0, limit: Infinity };

function tooBig(n) {
  return new Error(sink.name + ': error: ' + callEngine(sink.mod, 'cs_too_big_message', 'string', ['number'], [n]));
}

function checkSize(n) {
  if (n > sink.limit) throw tooBig(n);
}

function reserve(n, exact) {
  if (n <= sink.cap) return true;
  const cap = exact ? n : Math.min(Math.max(n, Math.floor(sink.cap * 1.5), 1 << 20), sink.limit + 1);
  const p = sink.mod._malloc(cap);
  if (!p) {
    if (exact) return false;
    throw new Error(sink.name + ': error: not enough memory for ' + (cap / 1e6).toFixed(1) + ' MB of data');
  }
  if (sink.ptr) { sink.mod.HEAPU8.copyWithin(p, sink.ptr, sink.ptr + sink.size); sink.mod._free(sink.ptr); }
  sink.ptr = p;
  sink.cap = cap;
  // the buffer moved (no size announced, or a wrong one: a compressed size): the reading follows it
  if (sink.stream && !callEngine(sink.mod, 'cs_parse_rebase', 'number', ['number', 'number'], [p, cap])) {
    sink.stream = false;  // (read it all at the end instead)
    sink.events = 0;
  }
  return true;
}

function feed() {
  sink.fed = sink.size;
  if (!callEngine(sink.mod, 'cs_parse_feed', 'number', ['number'], [sink.size])) sink.failed = true;
}

function put(c) {
  checkSize(sink.size + sink.waitingBytes + c.length);
  if (!sink.mod) { sink.waiting.push(c); sink.waitingBytes += c.length; return; }
  reserve(sink.size + c.length, false);
  sink.mod.HEAPU8.set(c, sink.ptr + sink.size);
  sink.size += c.length;
  if (sink.stream && !sink.failed && sink.size - sink.fed >= FEED_BYTES) feed();
}

// Once the engine is up and the response has begun (whichever comes last): the announced size in one piece if
// it can be had (it may be wrong, or the compressed size: then the buffer grows), read as it arrives.
function startStream() {
  if (!sink.mod || sink.stream || !sink.downloading) return;
  if (sink.hint > sink.size + sink.waitingBytes) reserve(Math.min(sink.hint, sink.limit), true);
  callEngine(sink.mod, 'cs_parse_begin', null, ['number', 'number'], [sink.ptr, sink.cap]);
  sink.stream = true;
  sink.fed = 0;
  if (sink.size > 0) feed();
}

function attach(mod) {
  sink.mod = mod;
  sink.limit = callEngine(mod, 'cs_max_input_bytes', 'number', [], []);
  checkSize(Math.max(sink.hint, sink.waitingBytes));  // (what arrived before the engine, or was announced)
  startStream();
  const waiting = sink.waiting.splice(0);
  sink.waitingBytes = 0;
  waiting.forEach(put);
  if (sink.stream && !sink.failed && sink.size > sink.fed) feed();
}

function fetchInto(url) {
  return fetch(url).then((res) => {
    if (!res.ok) throw new Error(url + ': HTTP ' + res.status);
    const total = +res.headers.get('Content-Length') || 0;
    let last = 0;
    if (sink.mod) checkSize(total);  // (else attach checks it)
    sink.hint = total;
    sink.downloading = true;
    startStream();
    const reader = res.body.getReader();
    function pump() {
      return reader.read().then((r) => {
        if (r.done) { sink.downloading = false; return; }
        sink.got += r.value.length;  // (before put: a report made while it reads counts this piece)
        put(r.value);
        if (sink.failed) {  // the bytes so far cannot load: the rest is not needed
          sink.downloading = false;
          reader.cancel().catch(() => {});
          return;
        }
        const now = Date.now();
        if (now - last >= 50) {
          last = now;
          post({ type: 'progress', phase: 'download', bytes: sink.got, total: Math.max(total, sink.got), events: sink.events });
        }
        return pump();
      });
    }
    return pump();
  });
}

function startEngine(e) {
  importScripts(e.url);
  return new Promise((resolve, reject) => {
    self.ChronoscopeModule({
      instantiateWasm(imports, done) {
        WebAssembly.instantiate(e.wasm, imports).then((inst) => done(inst), reject);
        return {};
      },
      print() {},
      printErr: (t) => console.warn(t),
    }).then(resolve, reject);
  });
}

// The parsed result, posted with its arrays transferred: the header and arrays the result table describes.
function postResult(mod) {
  const t = readTable(mod, 'parse', callEngine(mod, 'cs_parse_table', 'number', [], []));
  const heap = mod.HEAPU8;
  const header = heap.slice(t.header, t.header + t.headerBytes).buffer;
  const arrays = t.entries().map((a) => heap.slice(a.pointer, a.pointer + a.bytes).buffer);
  post({ type: 'done', header, arrays, needsCjk: t.needsCjk, events: t.events }, [header].concat(arrays));
}

function run(m) {
  sink.name = m.name;
  const data = m.src ? fetchInto(m.src) : Promise.resolve().then(() => put(new TextEncoder().encode(m.text)));
  const engine = engineMessage.then(startEngine);
  engine.catch(() => { engineFailed = true; });
  const ready = engine.then((mod) => {
    // progress of the reading: while the download goes on it rides on the download's own reports
    mod.csProgress = (bytes, events) => {
      sink.events = events;
      if (sink.downloading)
        post({ type: 'progress', phase: 'download', bytes: sink.got, total: Math.max(sink.hint, sink.got), events });
      else
        post({ type: 'progress', phase: 'parse', bytes, total: sink.size, events });
    };
    attach(mod);
    return mod;
  });
  Promise.all([ready, data]).then((r) => {
    const mod = r[0], ptr = sink.ptr, size = sink.size;
    sink.downloading = false;
    post({ type: 'progress', phase: 'parse', bytes: sink.stream ? sink.fed : 0, total: size, events: sink.events });
    const ok = sink.stream ? callEngine(mod, 'cs_parse_end', 'number', ['number', 'string'], [size, m.name])
                           : callEngine(mod, 'cs_parse', 'number', ['number', 'number', 'string'], [ptr, size, m.name]);
    mod._free(ptr);
    sink.ptr = sink.cap = sink.size = 0;
    if (!ok) {
      post({ type: 'error', message: callEngine(mod, 'cs_parse_errors', 'string', [], []),
             first: callEngine(mod, 'cs_parse_first_error', 'string', [], []) });
      return;
    }
    postResult(mod);
  }).catch((err) => fail(err, engineFailed));
}

// Opens the GPU connection for the page (spawn.js gpuWarm): the page's own first context is then quick.
function warm() {
  try { new OffscreenCanvas(1, 1).getContext('webgl2'); } catch (e) { /* no WebGL 2 here: nothing to warm */ }
  post({ type: 'warm' });
}

self.onmessage = (e) => {
  if (e.data.type === 'engine') gotEngine(e.data);
  else if (e.data.type === 'load') run(e.data);
  else if (e.data.type === 'warm') warm();
};
self.onmessageerror = () => fail('chronoscope: the worker could not read a message', true);
