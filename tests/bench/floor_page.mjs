// The floor the browser itself sets for a benchmark: a page whose canvas has the size (the whole window) and the
// WebGL attributes of Chronoscope's and only clears itself every animation frame (a new colour each time, so that
// every frame is presented). Put through a benchmark's interaction, it shows what presenting frames costs software
// WebGL on the machine as loaded at the time, with none of our work: the part of a frame that is not ours.
//
//   import { writeFloorPage } from './floor_page.mjs';
//   writeFloorPage(dir);   // dir/floor.html; window.timelineReady resolves after its first frame
import fs from 'node:fs';
import path from 'node:path';

export const FLOOR_PAGE = 'floor.html';

export function writeFloorPage(dir) {
  fs.writeFileSync(path.join(dir, FLOOR_PAGE), `<!doctype html><meta charset="utf-8">
<style>html, body { margin: 0; height: 100%; overflow: hidden } canvas { display: block; width: 100%; height: 100% }</style>
<canvas></canvas>
<script>
  const c = document.querySelector('canvas');
  c.width = innerWidth * devicePixelRatio; c.height = innerHeight * devicePixelRatio;
  const gl = c.getContext('webgl2', { alpha: false, antialias: false, depth: false, stencil: false, premultipliedAlpha: true,
                                      preserveDrawingBuffer: false });
  let k = 0;
  const tick = () => { gl.clearColor(1, 1, (k++ % 2) / 255, 1); gl.clear(gl.COLOR_BUFFER_BIT); requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  window.timelineReady = new Promise((r) => requestAnimationFrame(() => r()));
</script>
`);
  return FLOOR_PAGE;
}
