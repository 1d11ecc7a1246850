// The pictures of a timeline's data, fetched and decoded by the browser for the engine (web_page.cpp "pictures").
//
// The engine asks for a picture once, by its URL resolved against the data's URL (Module.csLoadImage(id, url, svg):
// svg when core/media.h reads the URL as an SVG picture);
// this fetches it and decodes it off the page's thread (createImageBitmap), or, for SVG, draws it through an image
// element onto a canvas (an SVG in an image element runs no script and loads nothing else), and hands the result to
// the engine, which makes a texture of it. A picture larger than MAX_SIDE pixels a side is scaled down first.
// Nothing here blocks a frame for long: the engine draws a placeholder until the answer comes, and at most AT_ONCE
// pictures are decoded at a time (an SVG is drawn on the page's thread).
//
// Only http(s), data: and blob: URLs are fetched, with the page's own credentials rule (same origin only); a page
// whose Content-Security-Policy leaves out the pictures' origin (connect-src for raster pictures, img-src for SVG)
// sees them fail, with the placeholder and the credit.

import { callEngine } from './call.js';

const MAX_SIDE = 4096;
const SVG_SIDE = 640;   // an SVG is drawn with its longer side at least this long (it scales without loss)
const AT_ONCE = 2;      // pictures decoded at a time: the rest wait, so that a view of many thumbnails keeps its frames
// why a picture failed, as web_page.cpp's kImageNotes numbers them
const FAILED = 0, NOT_FOUND = 1, NOT_DECODED = 2, TOO_LARGE = 3, NOT_WEB = 4;

function fail(why) {
  const e = new Error('picture');
  e.why = why;
  return e;
}

function canvasOf(w, h) {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(w, h);
  const c = document.createElement('canvas');
  c.width = w;
  c.height = h;
  return c;
}

function fit(w, h, atLeast) {
  let s = Math.min(1, MAX_SIDE / Math.max(w, h));
  if (atLeast && Math.max(w, h) * s < atLeast) s = Math.min(atLeast / Math.max(w, h), MAX_SIDE / Math.max(w, h));
  return [Math.max(1, Math.round(w * s)), Math.max(1, Math.round(h * s))];
}

async function decodeSvg(href) {
  const img = new Image();
  img.crossOrigin = 'anonymous';
  img.decoding = 'async';
  img.src = href;
  try {
    await img.decode();
  } catch (e) {
    throw fail(FAILED);
  }
  const [w, h] = fit(img.naturalWidth || SVG_SIDE, img.naturalHeight || SVG_SIDE, SVG_SIDE);
  const c = canvasOf(w, h);
  c.getContext('2d').drawImage(img, 0, 0, w, h);
  return c;
}

async function decode(url, svg) {
  let u;
  try {
    u = new URL(url, document.baseURI);
  } catch (e) {
    throw fail(NOT_WEB);
  }
  if (!/^(https?|data|blob):$/.test(u.protocol)) throw fail(NOT_WEB);
  if (svg) return decodeSvg(u.href);
  let res;
  try {
    res = await fetch(u.href, { credentials: 'same-origin' });
  } catch (e) {
    throw fail(FAILED);
  }
  if (res.status === 404 || res.status === 410) throw fail(NOT_FOUND);
  if (!res.ok) throw fail(FAILED);
  const blob = await res.blob();
  if (/^image\/svg\+xml/i.test(blob.type)) return decodeSvg(u.href);
  let bmp;
  try {
    bmp = await createImageBitmap(blob, { premultiplyAlpha: 'none' });
  } catch (e) {
    throw fail(NOT_DECODED);
  }
  if (bmp.width > MAX_SIDE || bmp.height > MAX_SIDE) {
    const [w, h] = fit(bmp.width, bmp.height, 0);
    try {
      const small = await createImageBitmap(bmp, { resizeWidth: w, resizeHeight: h, resizeQuality: 'high', premultiplyAlpha: 'none' });
      bmp.close();
      bmp = small;
    } catch (e) {
      bmp.close();
      throw fail(TOO_LARGE);
    }
  }
  return bmp;
}

// Module.csLoadImage for the instance mod of tl. An answer for an instance that is no longer the timeline's is
// dropped (its picture closed).
export function pictureLoader(tl, mod) {
  const waiting = [];
  let busy = 0;
  const next = () => {
    while (busy < AT_ONCE && waiting.length) {
      const [id, url, svg] = waiting.shift();
      busy++;
      load(id, url, svg).finally(() => { busy--; setTimeout(next, 0); });
    }
  };
  return (id, url, svg) => {
    waiting.push([id, url, svg]);
    next();
  };

  function load(id, url, svg) {
    if (tl._mod !== mod || tl._destroyed) return Promise.resolve();
    return decode(url, svg).then((source) => {
      if (tl._mod !== mod || tl._destroyed || !mod.csImageUpload) {
        if (source.close) source.close();
        return;
      }
      const w = source.width, h = source.height;
      const tex = mod.csImageUpload(source);
      if (source.close) source.close();
      if (tex) callEngine(mod, 'cs_image_done', null, ['number', 'number', 'number', 'number'], [id, tex, w, h]);
      else callEngine(mod, 'cs_image_failed', null, ['number', 'number'], [id, TOO_LARGE]);
    }, (e) => {
      if (tl._mod !== mod || tl._destroyed) return;
      callEngine(mod, 'cs_image_failed', null, ['number', 'number'], [id, e && e.why != null ? e.why : FAILED]);
    }).catch((e) => {
      if (tl._mod === mod) tl._fault(e, mod);
    });
  }
}
