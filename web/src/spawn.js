// Making a worker from chronoscope-worker.js (web/src/worker.js), the file beside the bundle, on the page's side.
//
// A worker's script must come from the page's own origin. When the bundle does (the usual case, and the only one a
// strict Content-Security-Policy such as `worker-src 'self'` allows), the worker is the file itself. When the page
// loads the bundle from another origin, the worker is a small same-origin blob: script that imports the file
// (classic workers may import scripts from anywhere). Whether the page allows blob: workers is asked once, by the
// first one (the GPU warm-up's): a policy that refuses it reports that once, in the console, and from then on the
// page makes no workers and loads parse on its own thread. Workers asked for meanwhile wait for that answer.

import { baseUrl } from './engine.js';

const PROBE_MS = 10000;  // a blob: worker that has not answered by then counts as refused

let blobUrl = null;
let blobProbe = null;    // Promise<boolean>: blob: workers run here
let blobOk;              // its answer, once known

function workerUrl() {
  return baseUrl() + 'chronoscope-worker.js';
}

function sameOrigin() {
  return new URL(workerUrl()).origin === location.origin;
}

function blobWorker() {
  if (!blobUrl)
    blobUrl = URL.createObjectURL(new Blob(['importScripts(' + JSON.stringify(workerUrl()) + ');'], { type: 'text/javascript' }));
  return new Worker(blobUrl);
}

// Asks once whether a blob: worker runs here; the asking worker also warms the GPU up (gpuWarm).
function probeBlob() {
  if (!blobProbe) {
    blobProbe = new Promise((resolve) => {
      let w = null;
      const end = (ok) => { if (w) w.terminate(); w = null; blobOk = ok; resolve(ok); };
      try {
        w = blobWorker();
      } catch (e) {
        end(false);
        return;
      }
      w.onmessage = () => end(true);
      w.onerror = (e) => { e.preventDefault(); end(false); };
      setTimeout(() => end(false), PROBE_MS);
      w.postMessage({ type: 'warm' });
    });
  }
  return blobProbe;
}

// A worker that exists once `made` resolves to one (or to null: then it fails as a worker that cannot start
// does, through onerror). Messages posted before then wait.
class PendingWorker {
  constructor(made) {
    this.onmessage = null;
    this.onerror = null;
    this._queue = [];
    this._worker = null;
    this._ended = false;
    made.then((w) => {
      if (this._ended) { if (w) w.terminate(); return; }
      if (!w) {
        if (this.onerror) this.onerror({ message: 'this page does not allow the worker', preventDefault() {} });
        return;
      }
      this._worker = w;
      w.onmessage = (e) => this.onmessage && this.onmessage(e);
      w.onerror = (e) => this.onerror && this.onerror(e);
      this._queue.splice(0).forEach((m) => w.postMessage(m[0], m[1]));
    });
  }

  postMessage(m, transfer) {
    if (this._worker) this._worker.postMessage(m, transfer);
    else this._queue.push([m, transfer || []]);
  }

  terminate() {
    this._ended = true;
    this._queue = [];
    if (this._worker) this._worker.terminate();
  }
}

// A new worker running chronoscope-worker.js (or one that will, once the page has answered whether it may), or
// null where the page cannot have one.
export function spawnWorker() {
  if (typeof Worker === 'undefined') return null;
  try {
    if (sameOrigin()) return new Worker(workerUrl());
    if (blobOk === false) return null;
    if (blobOk === true) return blobWorker();
    return new PendingWorker(probeBlob().then((ok) => (ok ? blobWorker() : null)));
  } catch (e) {
    return null;
  }
}

// The page's first WebGL context costs Chromium a few hundred milliseconds of the creating thread (connecting to
// the GPU process; more with software GL). A throwaway worker makes one first, so the page's own context, made
// after this resolves, takes milliseconds and the page never stops painting for it. Resolves in any case; without
// `allowed` (the page asked for no workers), at once.
let warmPromise = null;
export function gpuWarm(allowed) {
  if (!allowed) return Promise.resolve();
  if (!warmPromise) {
    warmPromise = new Promise((resolve) => {
      if (!sameOrigin()) {  // (the first blob: worker asks whether they run here and warms up the GPU)
        probeBlob().then(() => resolve());
        setTimeout(resolve, 3000);
        return;
      }
      let w = spawnWorker();
      const done = () => { if (w) w.terminate(); w = null; resolve(); };
      if (!w) { done(); return; }
      w.onmessage = done;
      w.onerror = (e) => { e.preventDefault(); done(); };
      setTimeout(done, 3000);
      w.postMessage({ type: 'warm' });
    });
  }
  return warmPromise;
}
