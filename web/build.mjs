// Bundles web/src/ with esbuild into OUT_DIR (default ../build-wasm/web):
//   chronoscope.js         the classic script (window.Chronoscope), entry src/script.js
//   chronoscope.mjs        the ES module (create, version, default), entry src/module.js
//   chronoscope-worker.js  the parsing and GPU warm-up worker (a classic worker script), entry src/worker.js
// each minified, with a linked source map. The version comes from package.json (written there only).
//   node web/build.mjs [OUT_DIR]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(process.argv[2] || path.join(here, '../build-wasm/web'));
const pkg = JSON.parse(fs.readFileSync(path.join(here, 'package.json'), 'utf8'));
fs.mkdirSync(out, { recursive: true });

const banner = `/* Chronoscope ${pkg.version}: a zoomable history timeline. API: README "The JS API", chronoscope.d.ts. */`;
const common = {
  bundle: true,
  minify: true,
  sourcemap: 'linked',
  target: ['es2020'],
  platform: 'browser',
  legalComments: 'none',
  banner: { js: banner },
  define: { __CHRONOSCOPE_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
};

await Promise.all([
  esbuild.build({ ...common, entryPoints: [path.join(here, 'src/script.js')], format: 'iife', outfile: path.join(out, 'chronoscope.js') }),
  esbuild.build({ ...common, entryPoints: [path.join(here, 'src/module.js')], format: 'esm', outfile: path.join(out, 'chronoscope.mjs') }),
  esbuild.build({ ...common, entryPoints: [path.join(here, 'src/worker.js')], format: 'iife', outfile: path.join(out, 'chronoscope-worker.js') }),
]);
