// Where the engine and its files come from, and loading them: the engine script (chronoscope-engine.js) and its
// compiled wasm module, shared by every timeline on the page; the UI fonts (the atlas's Noto Sans; other scripts
// come from text.js's slices); making one instance of the engine.

import { fetchError } from './util.js';

let base = null;
let enginePromise = null;
let fontPromise = null;

// The folder the files load from: the folder of the bundle itself (set by its entry point).
export function setBase(url) {
  base = url;
}

export function baseUrl() {
  return base || new URL('./', document.baseURI).href;
}

function loadScript(url) {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = url;
    s.onload = resolve;
    s.onerror = () => reject(new Error('chronoscope: cannot load ' + url));
    document.head.appendChild(s);
  });
}

// The bytes of one of the package's own files (the engine, the fonts).
export function fetchBytes(url) {
  return fetch(url).catch((e) => { throw fetchError(url, 'cannot fetch (' + (e.message || e) + ')'); }).then((res) => {
    if (!res.ok) throw fetchError(url, 'HTTP ' + res.status);
    return res.arrayBuffer().then((b) => new Uint8Array(b));
  });
}

// The engine script's factory and the compiled wasm module, shared by every timeline on the page.
export function engine() {
  if (!enginePromise) {
    const url = baseUrl() + 'chronoscope-engine.js';
    enginePromise = Promise.all([
      window.ChronoscopeModule ? Promise.resolve() : loadScript(url),
      fetchBytes(baseUrl() + 'chronoscope-engine.wasm').then((b) => WebAssembly.compile(b)),
    ]).then((r) => ({ factory: window.ChronoscopeModule, wasm: r[1], url }));
    enginePromise.catch(() => { enginePromise = null; });
  }
  return enginePromise;
}

// One instance of the engine (a Module) from the shared compiled wasm; extra: Module settings such as canvas.
// mod.csHeapMax: the most its heap may grow to (read now: an instance that failed is not called again).
export function instantiate(eng, extra) {
  return new Promise((resolve, reject) => {
    eng.factory(Object.assign({
      instantiateWasm(imports, done) {
        WebAssembly.instantiate(eng.wasm, imports).then((inst) => done(inst), reject);
        return {};
      },
      print: (t) => console.log(t),
      printErr: (t) => console.warn(t),
    }, extra)).then((mod) => {
      mod.csHeapMax = mod._cs_heap_max();
      resolve(mod);
    }, reject);
  });
}

export function uiFonts() {
  if (!fontPromise) {
    fontPromise = Promise.all([
      fetchBytes(baseUrl() + 'fonts/NotoSans-Regular.ttf'),
      fetchBytes(baseUrl() + 'fonts/NotoSans-Bold.ttf'),
    ]);
    fontPromise.catch(() => { fontPromise = null; });
  }
  return fontPromise;
}
