// The parsing worker: the script of chronoscope-worker.js, a classic worker made by spawn.js.
//
// Messages in:  {type: 'engine', url, wasm}: the engine script's URL and the compiled module;
//               {type: 'load', src | text, name}: what to read;
//               {type: 'warm'}: make a WebGL 2 context and answer {type: 'warm'} (spawn.js gpuWarm).
// Messages out: {type: 'progress', phase: 'download' | 'parse', bytes, total, events};
//               {type: 'done', header, arrays, needsCjk, events, heap}, the arrays transferred (heap: the size
//               the instance's heap grew to);
//               {type: 'error', message, first, engine} (engine: the worker itself failed, not the data).
//
// The worker runs its own instance of the engine and reads the data into it (parse.js readData); it serves one
// load and is then ended, and its memory with it.

import { readData } from './parse.js';

let gotEngine;
let engineFailed = false;
const engineMessage = new Promise((resolve) => { gotEngine = resolve; });

function post(m, transfer) { self.postMessage(m, transfer || []); }
function fail(err, engine) {
  const msg = String((err && err.message) || err);
  post({ type: 'error', message: msg, first: (err && err.first) || msg, engine: !!engine });
}
self.addEventListener('unhandledrejection', (e) => { e.preventDefault(); fail(e.reason, engineFailed); });

function startEngine(e) {
  importScripts(e.url);
  return new Promise((resolve, reject) => {
    let mod = null;
    self.ChronoscopeModule({
      instantiateWasm(imports, done) {
        WebAssembly.instantiate(e.wasm, imports).then((inst) => done(inst), reject);
        return {};
      },
      print() {},
      printErr: (t) => console.warn(t),
    }).then((m) => {
      mod = m;
      mod.csHeapMax = mod._cs_heap_max();
      resolve(mod);
    }, reject);
  });
}

function run(m) {
  const engine = engineMessage.then(startEngine);
  engine.catch(() => { engineFailed = true; });
  const progress = (phase, bytes, total, events) => post({ type: 'progress', phase, bytes, total, events });
  readData(m, engine, progress).then((r) => {
    // (copies of the arrays, transferred: the instance goes with the worker)
    const header = r.header.slice().buffer;
    const arrays = r.arrays.map((a) => a.slice().buffer);
    post({ type: 'done', header, arrays, needsCjk: r.needsCjk, events: r.events, heap: r.heap }, [header].concat(arrays));
  }).catch((err) => fail(err, err.engine || engineFailed));
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
