// The floor the browser itself sets for a benchmark: a page whose canvas has the size (the whole window) and the
// WebGL attributes of Chronoscope's and only clears itself every animation frame (a new colour each time, so that
// every frame is presented). Put through a benchmark's interaction, it shows what presenting frames costs software
// WebGL on the machine as loaded at the time, with none of our work: the part of a frame that is not ours.
//
// Two more pages split that floor (dense_bench --floor-split): FLOOR_DOM_PAGE recolours a plain element as large as
// the window every frame (the display compositor's own frame, with no WebGL), FLOOR_SMALL_PAGE clears a WebGL canvas
// of 320x180 CSS pixels every frame (WebGL's fixed part: what a canvas's frame costs apart from its area on screen).
//
//   import { writeFloorPage } from './floor_page.mjs';
//   writeFloorPage(dir);   // dir/floor.html (and the split's pages); window.timelineReady resolves after a frame
import fs from 'node:fs';
import path from 'node:path';

export const FLOOR_PAGE = 'floor.html';
export const FLOOR_DOM_PAGE = 'floor-dom.html';
export const FLOOR_SMALL_PAGE = 'floor-small.html';

export function writeFloorPage(dir) {
  fs.writeFileSync(path.join(dir, FLOOR_PAGE), canvasPage('width: 100%; height: 100%'));
  fs.writeFileSync(path.join(dir, FLOOR_SMALL_PAGE), canvasPage('width: 320px; height: 180px'));
  fs.writeFileSync(path.join(dir, FLOOR_DOM_PAGE), `<!doctype html><meta charset="utf-8">
<style>html, body { margin: 0; height: 100%; overflow: hidden } div { width: 100%; height: 100% }</style>
<div></div>
<script>
  const d = document.querySelector('div');
  let k = 0;
  const tick = () => { d.style.background = k++ % 2 ? '#fffffe' : '#ffffff'; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  window.timelineReady = new Promise((r) => requestAnimationFrame(() => r()));
</script>
`);
  return FLOOR_PAGE;
}

// A canvas of `size` (CSS) with Chronoscope's WebGL attributes and a backing store in device pixels, cleared to a
// new colour every animation frame (so that every frame is presented).
function canvasPage(size) {
  return `<!doctype html><meta charset="utf-8">
<style>html, body { margin: 0; height: 100%; overflow: hidden } canvas { display: block; ${size} }</style>
<canvas></canvas>
<script>
  const c = document.querySelector('canvas');
  const box = c.getBoundingClientRect();
  c.width = Math.round(box.width * devicePixelRatio); c.height = Math.round(box.height * devicePixelRatio);
  const gl = c.getContext('webgl2', { alpha: false, antialias: false, depth: false, stencil: false, premultipliedAlpha: true,
                                      preserveDrawingBuffer: false });
  let k = 0;
  const tick = () => { gl.clearColor(1, 1, (k++ % 2) / 255, 1); gl.clear(gl.COLOR_BUFFER_BIT); requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  window.timelineReady = new Promise((r) => requestAnimationFrame(() => r()));
</script>
`;
}
