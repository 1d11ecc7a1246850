// Tiled timelines (core/tiles.h): a manifest.json and small files beside it, fetched as the view needs them, from
// any static server or CDN. `create(el, {tiles: url})`, `load({tiles: url})` and `loadTiles(url)` open one.
//
// The engine decides what to fetch (its TileSet: coarse levels first, then the finer ones, prefetch, text pages,
// search shards) and says so each frame (cs_tile_requests: paths relative to the manifest). This module fetches
// them, at most MAX_IN_FLIGHT at once in the order asked, and hands the bytes to the engine (cs_tile_arrived) or
// says why it could not (cs_tile_failed, and an `error` event: what is drawn stays, drawn from the coarser tiles
// that came). A path is fetched only when it is one of the tree's own forms and stays inside the manifest's
// folder once resolved against the manifest's URL, which must be http(s): nothing the manifest says can send the
// page elsewhere. Fetches of a tile set that was replaced (a newer load, a failed engine, destroy) are aborted and
// their bytes dropped.

import { callEngine } from './call.js';
import { excerpt, fetchError } from './util.js';

const MAX_IN_FLIGHT = 6;                                 // a browser's connections per host over HTTP/1.1
// Taking a tile in (cs_tile_arrived: decoding it) costs the page's thread time; a burst of responses must not
// stall one frame. A response is taken in at once while the frame's budget lasts (since the last pumpTiles, once
// per animation frame), else queued for the next frames (at least one a frame, oldest first), taken in by a task
// that the frame's callback posts: it runs once that frame is out, so the frame's picture never waits for it. A big
// cover (hundreds of thousands of ranges) is decoded a slice at a time (cs_tile_decode) in the same task, in calls of
// DECODE_STEP_MS until the task has spent DECODE_BUDGET_MS (at least one call a frame): no one call holds the thread
// for long, and the task leaves the next frame most of its time.
const TAKE_IN_BUDGET_MS = 4;
const DECODE_STEP_MS = 2;
const DECODE_BUDGET_MS = 8;
const PATH_FORM = /^[a-z](\/[A-Za-z0-9_-]+)+\.(bin|jsonl)$/;  // t/3/17.bin, r/3/17.bin, x/17.jsonl, s/ab.bin, i/x4a5b.bin

// The manifest's URL (resolved against the page) and its folder; throws when it is not an http(s) URL.
export function tilesLocation(url) {
  let u;
  try {
    u = new URL(String(url), document.baseURI);
  } catch (e) {
    throw fetchError(String(url), 'not a valid URL');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw fetchError(u.href, 'tiles load only from http(s) URLs');
  u.hash = '';
  return { href: u.href, dir: new URL('./', u).href };
}

// The URL of a path the engine asked for, or null when it is not one a tile set has or would leave its folder.
export function tileUrl(dir, path) {
  if (typeof path !== 'string' || !PATH_FORM.test(path) || path.split('/').some((s) => s === '..' || s === '.'))
    return null;
  let u;
  try {
    u = new URL(path, dir);
  } catch (e) {
    return null;
  }
  const d = new URL(dir);
  if (u.origin !== d.origin || !u.href.startsWith(dir) || u.search || u.hash) return null;
  return u.href;
}

const ROOT = 't/0/0.bin';   // the tree's root: every view needs it first (core/tiles.h TileNodePath(0, 0))

// The manifest's bytes (the load's first step; may run before the engine has started). The root tile is fetched
// at the same time (loc.root: its response), so the first picture does not wait for a second round trip.
export function fetchManifest(href, loc) {
  if (loc) {
    const abort = new AbortController();
    loc.root = { abort, response: fetch(tileUrl(loc.dir, ROOT), { signal: abort.signal, credentials: 'same-origin' }) };
    loc.root.response.catch(() => {});
  }
  return fetch(href, { credentials: 'same-origin' })
    .catch((e) => { throw fetchError(href, 'cannot fetch (' + (e.message || e) + ')'); })
    .then((res) => {
      if (!res.ok) throw fetchError(href, 'HTTP ' + res.status);
      return res.arrayBuffer();
    })
    .then((b) => new Uint8Array(b));
}

// Puts a fetched manifest into instance mod (cs_tiles_open) and starts fetching what its view needs. Returns the
// engine's load count (its `load` message follows after the first frame that draws the set), or throws the
// engine's error (the data on screen stays).
export function openTiles(tl, mod, loc, bytes, name) {
  const call = (fn, ret, types, args) => tl._callOn(mod, fn, ret, types, args);
  const ptr = call('malloc', 'number', ['number'], [bytes.length + 1]);
  if (!ptr) throw new Error(name + ': error: not enough memory for the manifest');
  mod.HEAPU8.set(bytes, ptr);
  stopTiles(tl);
  const loads = call('cs_tiles_open', 'number', ['number', 'number', 'string'], [ptr, bytes.length, name]);
  call('free', null, ['number'], [ptr]);
  if (!loads) throw new Error(call('cs_last_error', 'string', [], []).trim());
  tl._tiles = { mod, href: loc.href, dir: loc.dir, queue: [], inFlight: 0, aborts: new Set(), waiters: [],
                ready: [], takeQueued: false, decoding: false, spentMs: 0, arriveMs: 0, arriveMaxMs: 0,
                root: loc.root || null };
  loc.root = null;
  if (tl._tiles.root) tl._tiles.aborts.add(tl._tiles.root.abort);
  return loads;
}

// Resolves once the set's root has come and been drawn (the coarsest picture of all its events), or rejects when
// it failed: what a load of tiles waits for before it counts as shown.
export function tilesShown(tl) {
  const t = tl._tiles;
  if (!t) return Promise.resolve();
  return new Promise((resolve, reject) => t.waiters.push({ resolve, reject }));
}

// Stops the tile set of tl: aborts its fetches, drops what is queued; its waiters reject with err (if any).
export function stopTiles(tl, err) {
  const t = tl._tiles;
  if (!t) return;
  tl._tiles = null;
  t.aborts.forEach((a) => a.abort());
  t.aborts.clear();
  t.queue.length = 0;
  t.ready.length = 0;
  t.waiters.forEach((w) => w.reject(err || new Error('chronoscope: the tile set was closed')));
  t.waiters.length = 0;
}

// What the engine's tile set holds and has fetched (cs_tile_stats), or null when no tile set is open; with the
// time the engine took to take the files in (decoding them: cs_tile_arrived, cs_tile_decode), in all and at most for
// one call.
export function tileStats(tl) {
  const t = tl._tiles;
  if (!t || t.mod !== tl._mod) return null;
  const st = JSON.parse(tl._call('cs_tile_stats', 'string', [], []));
  if (st) Object.assign(st, { arriveMs: t.arriveMs, arriveMaxMs: t.arriveMaxMs });
  return st;
}

// Once per animation frame, after cs_frame: takes the engine's new requests and starts fetches. Throws what the
// engine throws (the frame loop reports it as the instance's failure).
export function pumpTiles(tl, mod) {
  const t = tl._tiles;
  if (!t || t.mod !== mod) return;
  // a new frame's budget: what waited first (at least one response a frame), after this frame
  t.spentMs = 0;
  if ((t.ready.length || t.decoding) && !t.takeQueued) {
    t.takeQueued = true;
    setTimeout(() => {
      t.takeQueued = false;
      if (tl._tiles !== t) return;
      if (t.ready.length) {
        do takeIn(tl, t, t.ready.shift());
        while (t.ready.length && t.spentMs < TAKE_IN_BUDGET_MS && tl._tiles === t);
      }
      if (t.decoding && tl._tiles === t) decodeSome(tl, t);
    }, 0);
  }
  const asked = JSON.parse(callEngine(mod, 'cs_tile_requests', 'string', [], []));
  for (const p of asked) t.queue.push(p);
  while (t.inFlight < MAX_IN_FLIGHT && t.queue.length) fetchTile(tl, t, t.queue.shift());
  if (t.waiters.length) {
    const st = JSON.parse(callEngine(mod, 'cs_tile_stats', 'string', [], []));
    if (st.finestLevelInView >= 0) {
      // (one more frame: the one that draws it)
      const w = t.waiters.splice(0);
      requestAnimationFrame(() => w.forEach((x) => x.resolve()));
    } else if (t.rootError) {
      const w = t.waiters.splice(0);
      const err = new Error(t.rootError);
      w.forEach((x) => x.reject(err));
    }
  }
}

// Hands a fetched file to the engine (cs_tile_arrived), counting the time against the frame's budget.
function takeIn(tl, t, { path, url, bytes, failed }) {
  if (tl._tiles !== t || tl._mod !== t.mod) return;
  const call = (fn, ret, types, args) => tl._callOn(t.mod, fn, ret, types, args);
  const t0 = performance.now();
  try {
    const ptr = call('malloc', 'number', ['number'], [bytes.length || 1]);
    if (!ptr) { failed('not enough memory', new Error(url + ': not enough memory in the engine for this tile')); return; }
    t.mod.HEAPU8.set(bytes, ptr);
    // (the block is the engine's from here: it frees it, decoding a big cover from it in steps without a copy)
    const ok = call('cs_tile_arrived', 'number', ['string', 'number', 'number'], [path, ptr, bytes.length]);
    if (path.startsWith('r/')) t.decoding = true;   // (a cover: the engine may decode it in slices, cs_tile_decode)
    if (!ok) {
      const err = new Error(call('cs_last_error', 'string', [], []).trim() || (url + ': damaged'));
      if (/^t\/0\//.test(path)) t.rootError = err.message;
      err.tile = path;
      tl._fire('error', err);
    }
  } catch (e) {
    return;  // (the instance failed: _callOn reported it)
  } finally {
    charge(t, t0);
  }
}

// Counts the engine's time since t0 taking files in against the frame's budget and the page's figures.
function charge(t, t0) {
  const took = performance.now() - t0;
  t.spentMs += took;
  t.arriveMs += took;
  t.arriveMaxMs = Math.max(t.arriveMaxMs, took);
}

// Decodes big covers taken in (cs_tile_decode), a call of DECODE_STEP_MS at a time, until the task has spent
// DECODE_BUDGET_MS (at least one call).
function decodeSome(tl, t) {
  do {
    if (tl._tiles !== t || tl._mod !== t.mod) return;
    const t0 = performance.now();
    try {
      const r = tl._callOn(t.mod, 'cs_tile_decode', 'number', ['number'], [DECODE_STEP_MS]);
      t.decoding = r !== 0;
      if (r < 0) {
        const err = new Error(tl._callOn(t.mod, 'cs_last_error', 'string', [], []).trim() || 'a tile is damaged');
        err.tile = err.message.split(':')[0];
        tl._fire('error', err);
      }
    } catch (e) {
      return;  // (the instance failed: _callOn reported it)
    } finally {
      charge(t, t0);
    }
  } while (t.decoding && t.spentMs < DECODE_BUDGET_MS);
}

function fetchTile(tl, t, path) {
  const url = tileUrl(t.dir, path);
  const failed = (why, err) => {
    if (tl._tiles !== t || tl._mod !== t.mod) return;
    try {
      tl._callOn(t.mod, 'cs_tile_failed', null, ['string', 'string'], [String(path), why]);
    } catch (e) {
      return;  // (the instance failed: reported by _callOn)
    }
    if (/^t\/0\//.test(path)) t.rootError = err.message;
    err.tile = String(path);
    tl._fire('error', err);
  };
  if (!url) {
    failed('not a path of the tile set', new Error(t.href + ': the engine asked for ' +
                                                   excerpt(JSON.stringify(String(path)), 100) + ', not a path of the tile set'));
    return;
  }
  // the root: the response fetched with the manifest, once
  const early = path === ROOT && t.root ? t.root : null;
  if (early) t.root = null;
  const abort = early ? early.abort : new AbortController();
  t.aborts.add(abort);
  t.inFlight++;
  (early ? early.response : fetch(url, { signal: abort.signal, credentials: 'same-origin' })).then((res) => {
    if (!res.ok) throw fetchError(url, 'HTTP ' + res.status);
    return res.arrayBuffer();
  }, (e) => {
    throw fetchError(url, 'cannot fetch (' + (e.message || e) + ')');
  }).then((buf) => {
    done();
    if (tl._tiles !== t || tl._mod !== t.mod) return;
    const item = { path: String(path), url, bytes: new Uint8Array(buf), failed };
    if (t.ready.length || t.spentMs >= TAKE_IN_BUDGET_MS) t.ready.push(item);
    else takeIn(tl, t, item);
  }, (err) => {
    done();
    if (abort.signal.aborted) return;
    failed(err.message, err);
  });
  function done() {
    t.aborts.delete(abort);
    t.inFlight--;
    // the next queued fetch starts at once, not at the next frame
    if (tl._tiles === t) while (t.inFlight < MAX_IN_FLIGHT && t.queue.length) fetchTile(tl, t, t.queue.shift());
  }
}
