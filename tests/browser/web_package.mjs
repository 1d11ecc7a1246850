// Tests of the web package: the bundle under a strict Content-Security-Policy, the ES module, the bundle loaded
// from another origin, the site served from a sub-path, the npm tarball installed offline into a scratch page,
// and the TypeScript declarations checked by tsc against the typed example. Registered by run.mjs.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { colourStats, assert, serve, test, scratchDir } from './harness.mjs';

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'";

// env: {context, base, crossBase, repo, packageDir (where build-wasm.sh packed chronoscope-*.tgz), site,
//       shot(page, file, sel), frames(page, n)}
export function register(env) {
  const { context } = env;

  // A page with everything that can report a problem collected: console errors (workers' too), uncaught
  // exceptions, the browser's own log (CSP refusals, failed loads), responses >= 400, the workers it starts.
  async function watchedPage(url) {
    const page = await context.newPage();
    const w = { page, errors: [], workers: [], failed: [] };
    page.on('console', (m) => { if (m.type() === 'error') w.errors.push('console: ' + m.text()); });
    page.on('pageerror', (e) => w.errors.push('pageerror: ' + e.message));
    page.on('worker', (wk) => w.workers.push(wk.url()));
    page.on('response', (r) => { if (r.status() >= 400) w.failed.push(r.status() + ' ' + r.url()); });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Log.enable');
    cdp.on('Log.entryAdded', (e) => { if (e.entry.level === 'error') w.errors.push('log: ' + e.entry.source + ': ' + e.entry.text); });
    await page.goto(env.base + url);
    return w;
  }

  async function drawn(page, name, sel = 'canvas') {
    await env.frames(page, 3);
    const img = await env.shot(page, name, sel);
    const st = colourStats(img);
    assert(st.distinct >= 20 && st.topShare < 0.97,
           `${name}: ${st.distinct} colours, the commonest covers ${(st.topShare * 100).toFixed(1)}%: the canvas looks blank`);
  }

  test('a strict-CSP page gets the worker file, draws, and logs nothing', async () => {
    const w = await watchedPage('/csp/csp.html');
    const { page } = w;
    await page.evaluate(() => window.ready);
    await drawn(page, 'browser-csp.png');
    const r = await page.evaluate(() => {
      const c = document.querySelector('#x canvas'), cs = getComputedStyle(c);
      return { violations: window.violations, progress: window.progress, overlay: window.overlayStyle,
               canvas: { display: cs.display, width: c.getBoundingClientRect().width,
                         box: document.getElementById('x').getBoundingClientRect().width } };
    });
    assert(w.workers.some((u) => u.endsWith('/csp/chronoscope-worker.js')), `workers: ${JSON.stringify(w.workers)}`);
    assert(!w.workers.some((u) => u.startsWith('blob:')), `a blob: worker was tried: ${JSON.stringify(w.workers)}`);
    // only the worker reports counts of events read while it reads
    const counted = r.progress.filter((p) => p.events > 0);
    assert(counted.length >= 1 && counted.some((p) => p.events < 100000),
           `no progress counted by the worker: ${JSON.stringify(r.progress.slice(-4))}`);
    assert(r.violations.length === 0, `policy violations: ${r.violations.join('; ')}`);
    assert(w.errors.length === 0, w.errors.join('\n'));
    assert(w.failed.length === 0, `failed requests: ${w.failed.join(', ')}`);
    // styles set through the CSSOM apply under style-src 'self'
    // (its first text: "Loading NAME…" until the engine runs, then the engine's "Reading NAME …", whichever came first)
    assert(r.overlay && r.overlay.position === 'absolute' && r.overlay.display === 'block' &&
           /^(Loading|Reading) /.test(r.overlay.text),
           `the progress overlay under the policy: ${JSON.stringify(r.overlay)}`);
    assert(r.canvas.display === 'block' && Math.abs(r.canvas.width - (r.canvas.box - 2)) <= 1,
           `the canvas's style under the policy: ${JSON.stringify(r.canvas)}`);
    await page.close();
  });

  test('the ES module: import chronoscope.mjs, draw, select', async () => {
    const w = await watchedPage('/module.html');
    const { page } = w;
    const r = await page.evaluate(() => window.ready);
    assert(/^\d+\.\d+\.\d+/.test(r.version) && r.defaultVersion === r.version && r.sameCreate,
           `exports: ${JSON.stringify(r)}`);
    assert(r.global === 'undefined', 'the module defines no global Chronoscope');
    await page.evaluate(() => { window.timeline.setWindow('2020-05-01', '2021-01-01'); });
    await env.frames(page, 3);
    const pos = await page.evaluate(() => window.timeline.locate('dynamite-release'));
    assert(pos, 'dynamite-release is drawn');
    const box = await page.locator('canvas').boundingBox();
    await page.mouse.click(box.x + pos.x, box.y + pos.y);
    await env.frames(page, 3);
    const sel = await page.evaluate(() => window.timeline.getSelection());
    assert(sel && sel.id === 'dynamite-release', `selection after a click: ${JSON.stringify(sel)}`);
    assert(w.workers.some((u) => u.endsWith('/chronoscope-worker.js')), `workers: ${JSON.stringify(w.workers)}`);
    await drawn(page, 'browser-module.png');
    assert(w.errors.length === 0, w.errors.join('\n'));
    await page.close();
  });

  test('chronoscope.js from another origin parses in a blob: worker that imports the file', async () => {
    const w = await watchedPage('/cross-origin.html?from=' + encodeURIComponent(env.crossBase + '/'));
    const { page } = w;
    await page.evaluate(() => window.ready);
    await drawn(page, 'browser-cross-origin.png', '#x canvas');
    const progress = await page.evaluate(() => window.progress);
    assert(w.workers.some((u) => u.startsWith('blob:')), `workers: ${JSON.stringify(w.workers)}`);
    assert(progress.some((p) => p.events > 0), `no progress counted by a worker: ${JSON.stringify(progress.slice(-3))}`);
    assert(w.errors.length === 0, w.errors.join('\n'));
    assert(w.failed.length === 0, `failed requests: ${w.failed.join(', ')}`);
    await page.close();
  });

  test('from another origin under a policy without blob: workers: asked once, parsed on the page', async () => {
    // two timelines: the page is asked once whether it allows blob: workers; both load on the page's thread
    const w = await watchedPage('/csp-cross/cross-origin.html?count=2&from=' + encodeURIComponent(env.crossBase + '/'));
    const { page } = w;
    assert((await page.evaluate(() => window.ready)) === 2, 'two timelines');
    await drawn(page, 'browser-cross-origin-strict.png', '#y canvas');
    const r = await page.evaluate(() => ({ violations: window.violations, progress: window.progress }));
    assert(r.violations.length === 1 && /^worker-src blob/.test(r.violations[0]), `violations: ${JSON.stringify(r.violations)}`);
    const reports = w.errors.filter((e) => /^console: .*blob:.*worker-src/.test(e));
    const others = w.errors.filter((e) => !/blob:.*worker-src/.test(e));
    assert(reports.length === 1 && others.length === 0, `console: ${w.errors.join('\n')}`);
    assert(w.workers.length === 0, `a worker ran: ${JSON.stringify(w.workers)}`);
    assert(r.progress.some((p) => p.events > 0), 'no counted progress from the parse on the page');
    assert(w.failed.length === 0, `failed requests: ${w.failed.join(', ')}`);
    await page.close();
    // worker: false: no worker is asked for, and nothing is reported
    const q = await watchedPage('/csp-cross/cross-origin.html?worker=0&from=' + encodeURIComponent(env.crossBase + '/'));
    await q.page.evaluate(() => window.ready);
    await drawn(q.page, 'browser-cross-origin-noworker.png', '#x canvas');
    const v = await q.page.evaluate(() => window.violations);
    assert(v.length === 0 && q.errors.length === 0 && q.workers.length === 0,
           `worker: false: ${JSON.stringify({ v, errors: q.errors, workers: q.workers })}`);
    await q.page.close();
  });

  test('the site works from a sub-path', async () => {
    const w = await watchedPage('/sub/dir/index.html');
    const { page } = w;
    await page.evaluate(() => window.timelineReady.then(() => true));
    await drawn(page, 'browser-subpath.png');
    const sel = await page.evaluate(() => window.timeline.select('dynamite-release') && window.timeline.getSelection().id);
    assert(sel === 'dynamite-release', `selection: ${sel}`);
    assert(w.workers.some((u) => u.endsWith('/sub/dir/chronoscope-worker.js')), `workers: ${JSON.stringify(w.workers)}`);
    assert(w.failed.length === 0, `failed requests: ${w.failed.join(', ')}`);
    assert(w.errors.length === 0, w.errors.join('\n'));
    // the examples folder, one level down
    const e = await watchedPage('/sub/dir/examples/embed.html');
    await e.page.evaluate(() => window.timelines.then(() => true));
    await drawn(e.page, 'browser-subpath-embed.png', '#b canvas');
    assert(e.failed.length === 0 && e.errors.length === 0, `${e.failed.join(', ')} ${e.errors.join('\n')}`);
    await e.page.close();
    await page.close();
  });

  test('the size limit, its message and the progress text are the engine\'s', async () => {
    const w = await watchedPage('/empty.html');
    const { page } = w;
    const r = await page.evaluate(async () => {
      const a = await Chronoscope.create('#x', { data: { events: [{ id: 'only', start: '2000', title: 'x' }] } });
      const engine = (fn, ret, types, args) => a._mod.ccall(fn, ret, types, args);
      // every text the overlay shows during a load of the 100k set, and the progress reports
      const seen = new Set(), progress = [];
      const box = document.getElementById('x');
      const mo = new MutationObserver(() => {
        const o = box.querySelector('.chronoscope-progress');
        if (o && o.textContent) seen.add(o.textContent);
      });
      mo.observe(box, { subtree: true, childList: true, characterData: true });
      a.on('progress', (p) => progress.push(p));
      await a.load({ src: 'data/generated-100k.json' });
      mo.disconnect();
      const name = 'generated-100k.json';
      const worded = progress.map((p) => engine('cs_progress_text', 'string', ['string', 'number', 'number', 'number'],
                                                [name, p.bytes, p.total, p.events]));
      // a file announced one byte over the engine's limit
      const limit = engine('cs_max_input_bytes', 'number', [], []);
      let err = null;
      await a.load({ src: 'data/bts.json?claim=' + (limit + 1) }).catch((e) => { err = e.message; });
      return { seen: [...seen], worded, limit, err, progress: progress.length,
               want: 'bts.json: error: ' + engine('cs_too_big_message', 'string', ['number'], [limit + 1]),
               still: a.select('only') };
    });
    assert(r.limit >= 1 << 20, `the engine's limit: ${r.limit}`);
    assert(r.err === r.want, `too big: "${r.err}", the engine says "${r.want}"`);
    assert(/\b\d[\d,.]* MB\b/.test(r.want), `the engine's message: ${r.want}`);
    assert(r.still === false, 'the 100k set is on screen');
    // the overlay shows the engine's words for a progress report, or the start and copy-in steps
    const own = new Set(['Loading generated-100k.json…', 'Preparing generated-100k.json…']);
    const strange = r.seen.filter((t) => !own.has(t) && !r.worded.includes(t));
    assert(strange.length === 0, `overlay texts not from the engine: ${JSON.stringify(strange)}`);
    assert(r.seen.some((t) => r.worded.includes(t) && /[1-9]/.test(t)),
           `no counted progress text seen: ${JSON.stringify(r.seen)} (${r.progress} reports)`);
    assert(w.errors.length === 0, w.errors.join('\n'));
    await page.close();
  });

  // tsc from web/node_modules (build-wasm.sh installs it from web/package-lock.json)
  const tsc = (args, cwd) => {
    const bin = path.join(env.repo, 'web/node_modules/typescript/bin/tsc');
    assert(fs.existsSync(bin), `${bin} is missing: run ./build-wasm.sh (it installs web/node_modules)`);
    try {
      execFileSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', stdio: 'pipe' });
      return '';
    } catch (e) {
      return (e.stdout || '') + (e.stderr || '') || String(e);
    }
  };

  test('tsc --noEmit: the declarations fit the typed example, and reject a misuse', async () => {
    const out = tsc(['--noEmit', '-p', path.join(env.repo, 'web/tsconfig.json')], env.repo);
    assert(out === '', `tsc on web/examples/typed.ts:\n${out}`);
    // the same example with one expected error no longer expected: tsc must now fail on that line
    const dir = scratchDir('cs-tsc-');
    const typed = fs.readFileSync(path.join(env.repo, 'web/examples/typed.ts'), 'utf8');
    const bad = typed.replace(/^\s*\/\/ @ts-expect-error: a theme is .*\n/m, '\n');
    assert(bad !== typed, 'the typed example has the expected error about themes');
    fs.writeFileSync(path.join(dir, 'typed.ts'), bad);
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
      extends: path.join(env.repo, 'web/tsconfig.json'),
      compilerOptions: { paths: { chronoscope: [path.join(env.repo, 'web/types/chronoscope.d.ts')] } },
      files: [path.join(dir, 'typed.ts')],
    }));
    const out2 = tsc(['--noEmit', '-p', path.join(dir, 'tsconfig.json')], dir);
    assert(/TS2345: Argument of type '"blue"'/.test(out2), `tsc accepted setTheme('blue'): ${out2}`);
  });

  test('npm pack: the tarball installs offline into a scratch page that draws and selects', async () => {
    const tgz = fs.readdirSync(env.packageDir).filter((f) => /^chronoscope-\d+\.\d+\.\d+.*\.tgz$/.test(f));
    assert(tgz.length === 1, `one chronoscope-*.tgz in ${env.packageDir}: ${JSON.stringify(tgz)}`);
    const dir = scratchDir('cs-npm-');
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'scratch', private: true }));
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', path.join(env.packageDir, tgz[0])],
                 { cwd: dir, stdio: 'pipe' });
    const pkg = path.join(dir, 'node_modules/chronoscope');
    const manifest = JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8'));
    for (const f of ['chronoscope.js', 'chronoscope.mjs', 'chronoscope-worker.js', 'chronoscope-engine.js',
                     'chronoscope-engine.wasm', 'chronoscope.d.ts', 'fonts/NotoSans-Regular.ttf', 'fonts/NotoSans-Bold.ttf',
                     'fonts/text/manifest.json'])
      assert(fs.existsSync(path.join(pkg, f)), `the package has no ${f}`);
    assert(manifest.exports['.'].import === './chronoscope.mjs' && manifest.exports['.'].types === './chronoscope.d.ts',
           `exports: ${JSON.stringify(manifest.exports)}`);
    // the package's own types, found through its package.json (exports, types) as a user's project would
    fs.writeFileSync(path.join(dir, 'check.ts'),
      "import Chronoscope, { create, type Timeline } from 'chronoscope';\n" +
      "const t: Promise<Timeline> = create('#x', { src: 'bts.json' });\nexport { t, Chronoscope };\n");
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: {
      strict: true, noEmit: true, skipDefaultLibCheck: true, module: 'es2020', moduleResolution: 'bundler', target: 'es2020', lib: ['es2020', 'dom'],
      types: [] }, files: ['check.ts'] }));
    const out = tsc(['--noEmit', '-p', 'tsconfig.json'], dir);
    assert(out === '', `tsc against the installed package:\n${out}`);
    // a scratch page served from the folder, using the installed files
    fs.copyFileSync(path.join(env.site, 'data/bts.json'), path.join(dir, 'bts.json'));
    fs.cpSync(path.join(env.site, 'data/pictures'), path.join(dir, 'pictures'), { recursive: true });  // (the story's own)
    fs.writeFileSync(path.join(dir, 'index.html'), `<!doctype html>
<meta charset="utf-8"><link rel="icon" href="data:,"><title>scratch</title>
<div id="x" style="height: 420px"></div>
<script src="node_modules/chronoscope/chronoscope.js"></script>
<script>window.ready = Chronoscope.create('#x', { src: 'bts.json' }).then((tl) => { window.timeline = tl; return Chronoscope.version; });</script>
<div id="m" style="height: 200px"></div>
<script type="module">
  import { create } from './node_modules/chronoscope/chronoscope.mjs';
  window.moduleReady = create('#m', { data: { events: [{ id: 'a', start: '1969-07-20', title: 'Moon landing' }] } })
    .then((tl) => tl.select('a') && tl.getSelection().title);
</script>
`);
    const server = await serve([dir]);
    try {
      const page = await context.newPage();
      const errors = [], workers = [];
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('worker', (w) => workers.push(w.url()));
      await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
      const v = await page.evaluate(() => window.ready);
      assert(v === manifest.version, `Chronoscope.version ${v} vs the package's ${manifest.version}`);
      assert((await page.evaluate(() => window.moduleReady)) === 'Moon landing', 'the module from the package selects');
      await page.evaluate(() => { window.timeline.setWindow('2020-05-01', '2021-01-01'); });
      await env.frames(page, 3);
      const pos = await page.evaluate(() => window.timeline.locate('dynamite-release'));
      assert(pos, 'dynamite-release is drawn');
      const box = await page.locator('#x canvas').boundingBox();
      await page.mouse.click(box.x + pos.x, box.y + pos.y);
      await env.frames(page, 3);
      const sel = await page.evaluate(() => window.timeline.getSelection());
      assert(sel && sel.id === 'dynamite-release', `selection after a click: ${JSON.stringify(sel)}`);
      assert(workers.some((u) => u.endsWith('/node_modules/chronoscope/chronoscope-worker.js')), `workers: ${JSON.stringify(workers)}`);
      await drawn(page, 'browser-npm.png', '#x canvas');
      assert(errors.length === 0, errors.join('\n'));
      await page.close();
    } finally {
      server.close();
    }
  });
}
