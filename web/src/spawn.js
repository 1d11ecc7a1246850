// Making a worker from chronoscope-worker.js (web/src/worker.js), the file beside the bundle, on the page's side.
//
// A worker's script must come from the page's own origin. When the bundle does (the usual case, and the only one a
// strict Content-Security-Policy such as `worker-src 'self'` allows), the worker is the file itself. When the page
// loads the bundle from another origin, the worker is a small same-origin blob: script that imports the file
// (classic workers may import scripts from anywhere); a policy that forbids blob: workers then leaves the page
// without one, and loads parse on the page's thread.

import { baseUrl } from './engine.js';

let blobUrl = null;
let blobRefused = false;

// A policy that refuses blob: workers says so once (a securitypolicyviolation event, and a console report the page
// cannot silence); later timelines on the page then do not ask again.
if (typeof document !== 'undefined')
  document.addEventListener('securitypolicyviolation', (e) => {
    if (/^(worker|child|script|default)-src/.test(e.effectiveDirective || e.violatedDirective) && /^blob/.test(e.blockedURI))
      blobRefused = true;
  });

// A new worker running chronoscope-worker.js, or null where the page cannot have one.
export function spawnWorker() {
  if (typeof Worker === 'undefined') return null;
  const url = baseUrl() + 'chronoscope-worker.js';
  try {
    if (new URL(url).origin === location.origin) return new Worker(url);
    if (blobRefused) return null;
    if (!blobUrl)
      blobUrl = URL.createObjectURL(new Blob(['importScripts(' + JSON.stringify(url) + ');'], { type: 'text/javascript' }));
    return new Worker(blobUrl);
  } catch (e) {
    if (blobUrl) blobRefused = true;  // (tried once per page: a policy that refuses it says so each time)
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
