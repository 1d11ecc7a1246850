// Hostile input at every door (issue 15): what a page, a link or a file can throw at the widget, each against the
// real wasm build. Registered by run.mjs.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import { assert, colourStats, decodePng, openPage, test } from './harness.mjs';

const LONG = 300000;  // characters: more than the 1 MiB wasm stack held as UTF-8 when strings crossed on it

// env: {context, base, server (the static server: sent), dataDir (served at /), repo, out, shot(page, file, sel),
//       frames(page, n)}
export function register(env) {
  const { context } = env;

  // A page whose errors are collected apart from the suite's "no console errors" (these tests provoke some).
  async function page(url) {
    const errors = [];
    const p = await openPage(context, env.base, url, { errors, ready: false });
    p.errors = errors;
    return p;
  }

  // In the page: how many frames the timeline `expr` (an expression: window.timeline, a) runs, waiting until it has
  // run `want` of them or `ms` have passed. A stopped frame loop runs none; a loaded machine runs them slowly, which
  // is not what these tests are about.
  const framesIn = (p, expr, want = 5, ms = 5000) => p.evaluate(async ({ expr, want, ms }) => {
    const t = (0, eval)(expr);
    const count = () => t._mod.ccall('cs_frame_count', 'number', [], []);
    const a = count(), t0 = performance.now();
    while (count() - a < want && performance.now() - t0 < ms) await new Promise((r) => setTimeout(r, 50));
    return count() - a;
  }, { expr, want, ms });

  async function running(p, expr, what) {
    const n = await framesIn(p, expr);
    assert(n >= 5, `${what}: the frame loop ran ${n} frames in 5 s`);
  }

  async function drawn(p, file, sel = 'canvas') {
    await env.frames(p, 3);
    const png = await p.locator(sel).first().screenshot({ path: path.join(env.out, file) });
    const st = colourStats(decodePng(png));
    assert(st.distinct >= 20 && st.topShare < 0.97, `${file}: ${st.distinct} colours: the canvas looks blank`);
  }

  test('a 300,000-character select= in the demo URL: the demo opens, draws and keeps running', async () => {
    const p = await page('/index.html#start=2020&end=2021&select=' + 'A'.repeat(LONG));
    const r = await p.evaluate(() => window.timelineReady.then(() => 'ok', (e) => e.message));
    assert(r === 'ok', `create(): ${r}`);
    await running(p, 'window.timeline', 'after the long hash');
    const w = await p.evaluate(() => window.timeline.getWindow());
    assert(w.start.startsWith('2020') && w.end.startsWith('2021'), `the hash's window: ${JSON.stringify(w)}`);
    const sel = await p.evaluate(() => window.timeline.select('dynamite-release') && window.timeline.getSelection().id);
    assert(sel === 'dynamite-release', `select after the long hash: ${sel}`);
    await drawn(p, 'browser-long-hash.png');
    assert(p.errors.length === 0, p.errors.join('\n'));
    await p.close();
  });

  test('pasting 300,000 characters into the demo\'s search box keeps it running', async () => {
    const p = await page('/index.html');
    await p.evaluate(() => window.timelineReady.then(() => true));
    await p.fill('#search', 'A'.repeat(LONG));
    await env.frames(p, 3);
    const text = await p.textContent('#matches');
    assert(/^0 matches$/.test(text), `matches for the long query: "${text}"`);
    await running(p, 'window.timeline', 'after the long search');
    await p.fill('#search', '방방콘');
    await env.frames(p, 2);
    assert(/^1 match\b/.test(await p.textContent('#matches')), 'a search after the long one');
    assert(p.errors.length === 0, p.errors.join('\n'));
    await p.close();
  });

  test('select, search, locate and setWindow take 300,000-character strings; a NUL is refused', async () => {
    const p = await page('/empty.html');
    const r = await p.evaluate(async (n) => {
      const a = window.a = await Chronoscope.create('#x', { data: { events: [{ id: 'k', start: '2000', title: 'Kept' }] } });
      const long = 'A'.repeat(n), out = {};
      const attempt = (f) => { try { return f(); } catch (e) { return 'threw ' + e.name + ': ' + e.message.slice(0, 200); } };
      out.select = attempt(() => a.select(long));
      out.search = attempt(() => a.search(long));
      out.locate = attempt(() => a.locate(long));
      out.setWindow = attempt(() => { a.setWindow(long, long); return 'no error'; });
      out.nul = attempt(() => a.select('k\u0000x'));
      a.search('');
      out.kept = a.select('k') && a.getSelection().id;
      return out;
    }, LONG);
    assert(r.select === false && r.search === 0 && r.locate === null, JSON.stringify(r));
    assert(/^threw Error: setWindow: /.test(r.setWindow), `setWindow: ${r.setWindow}`);
    assert(/^threw TypeError: .*NUL/.test(r.nul), `an id with a NUL: ${r.nul}`);
    assert(r.kept === 'k', `the data after the long strings: ${JSON.stringify(r)}`);
    await running(p, 'window.a', 'after the long strings');
    assert(p.errors.length === 0, p.errors.join('\n'));
    await p.close();
  });

  test('an error that quotes a 300,000-character value, and a 150,000-character URL that is 404, keep the timeline', async () => {
    fs.writeFileSync(path.join(env.dataDir, 'long-group.json'),
                     JSON.stringify({ events: [{ start: '2020', title: 'x', group: 'G'.repeat(LONG) }] }));
    const p = await page('/empty.html');
    const r = await p.evaluate(async (n) => {
      const a = window.a = await Chronoscope.create('#x', { data: { events: [{ id: 'k', start: '2000', title: 'Kept' }] } });
      const out = {};
      out.group = await a.load({ src: 'long-group.json' }).then(() => 'resolved', (e) => e.message);
      out.group2 = await a.load({ src: 'long-group.json', worker: false }).then(() => 'resolved', (e) => e.message);
      out.url = await a.load({ src: 'missing-' + 'A'.repeat(n / 2) + '.json' }).then(() => 'resolved', (e) => e.message);
      out.kept = a.select('k') && a.getSelection().id;
      return out;
    }, LONG);
    for (const k of ['group', 'group2'])
      assert(/^long-group\.json:1:\d+: error: /.test(r[k]), `${k}: ${r[k].slice(0, 200)}`);
    assert(/\/missing-A+…A+\.json: HTTP 404$/.test(r.url) && r.url.length < 300, `the long URL: ${r.url.slice(0, 300)}`);
    assert(r.kept === 'k', 'the old data stayed');
    await running(p, 'window.a', 'after the long error texts');
    await p.close();
  });

  test('an engine that traps or runs out of memory is reported and replaced, with its data, window and selection', async () => {
    const p = await page('/empty.html');
    const r = await p.evaluate(async (n) => {
      const a = window.a = await Chronoscope.create('#x', { src: 'data/bts.json' });
      const errors = [];
      a.on('error', (e) => errors.push(e.message));
      a.setWindow('2020-05-01', '2021-01-01');
      a.select('dynamite-release');
      const out = { canvas0: a.canvas };
      // until a new instance shows the selection again (a call into the failed instance throws its failure)
      const back = () => { try { return a._mod && a.canvas.isConnected && a.getSelection(); } catch (e) { return false; } };
      const settle = async () => {
        for (let i = 0; i < 100 && !back(); i++) await new Promise((r) => setTimeout(r, 100));
      };
      // a trap: a string copied onto the wasm stack (what ccall does) overruns it and corrupts the instance
      try { a._mod.ccall('cs_select', 'number', ['string'], ['A'.repeat(n)]); } catch (e) { out.trap = e.message; }
      await settle();
      out.afterTrap = { errors: errors.slice(), sel: a.getSelection() && a.getSelection().id, window: a.getWindow(),
                        newCanvas: a.canvas !== out.canvas0, canvases: document.querySelectorAll('#x canvas').length };
      // memory run out: the heap taken to its maximum, then the engine needs more
      const mod = a._mod, canvas1 = a.canvas;
      for (let size = 64 << 20; size >= 8; size >>= 1) while (mod._malloc(size));
      out.heapFull = mod.HEAPU8.length;
      try { a.select('billions-club'); } catch (e) { out.refused = e.message; }
      try { a.getWindow(); } catch (e) { out.failed = e.message; }  // (the engine's side of it allocates)
      await settle();
      out.afterOom = { errors: errors.slice(), sel: a.getSelection() && a.getSelection().id, window: a.getWindow(),
                       newCanvas: a.canvas !== canvas1, heap: a._mod.HEAPU8.length };
      out.loaded = await a.load({ data: { events: [{ id: 'z', start: '1999', title: 'Z' }] } }).then((i) => i.events, (e) => e.message);
      delete out.canvas0;
      return out;
    }, LONG);
    const t = r.afterTrap;
    assert(t.errors.length === 1 && /^chronoscope: the engine failed: .*restarted/.test(t.errors[0]), `error events after the trap: ${JSON.stringify(t.errors)}`);
    assert(t.newCanvas && t.canvases === 1, `a new canvas in place of the old: ${JSON.stringify(t)}`);
    assert(t.sel === 'dynamite-release' && t.window.start.startsWith('2020-05-01') && t.window.end.startsWith('2021-01-01'),
           `the data, window and selection after the trap: ${JSON.stringify(t)}`);
    const o = r.afterOom;
    assert(r.heapFull > 2e9, `the heap was not full: ${r.heapFull}`);
    assert(/not enough memory/.test(r.refused || ''), `a string the full heap cannot take: ${r.refused}`);
    assert(o.errors.length === 2 && /^chronoscope: the engine ran out of memory .*restarted/.test(o.errors[1]) &&
           r.failed === o.errors[1], `error events after running out of memory: ${JSON.stringify(o.errors)}, the call: ${r.failed}`);
    assert(o.newCanvas && o.heap < 200e6, `a new instance with a small heap: ${JSON.stringify(o)}`);
    assert(o.sel === 'dynamite-release' && o.window.start.startsWith('2020-05-01'), `after running out: ${JSON.stringify(o)}`);
    assert(r.loaded === 1, `a load after both: ${r.loaded}`);
    await running(p, 'window.a', 'after the restarts');
    await drawn(p, 'browser-restarted.png');
    await p.close();
  });

  // The details panel's buttons, top to bottom: runs 18..40 px tall of one colour, at least 6 px wide, in the right
  // part of the canvas below its title bar. Returns their centres in CSS pixels from the canvas's corner.
  function buttons(img) {
    const found = [];
    const x0 = Math.floor(img.width * 0.6);
    const counts = new Map();  // (the background: the commonest colour, never a button)
    for (let i = 0; i < img.width * img.height; i++) { const c = img.rgba.readUInt32BE(i * 4); counts.set(c, (counts.get(c) || 0) + 1); }
    const bg = [...counts.entries()].sort((u, v) => v[1] - u[1])[0][0];
    for (let x = x0; x < img.width - 8 && !found.length; x++) {
      for (let y = 60; y < img.height; y++) {
        const c = img.rgba.readUInt32BE((y * img.width + x) * 4);
        let end = y;
        while (end + 1 < img.height && img.rgba.readUInt32BE(((end + 1) * img.width + x) * 4) === c) end++;
        const len = end - y + 1;
        if (len >= 18 && len <= 40 && c !== bg) {
          let wide = 1;
          while (wide < 6 && img.rgba.readUInt32BE((((y + end) >> 1) * img.width + x + wide) * 4) === c) wide++;
          if (wide >= 6) found.push({ x: x + 12, y: (y + end) / 2 });
        }
        y = end;
      }
    }
    return found;
  }

  test('malformed links: "Open link" never stops the frames, and only a valid http(s) URL opens', async () => {
    const links = ['https://', 'http://[::1', 'http://a:99999/', 'http://\njavascript:alert(1)', 'https://example.org/ok?a=1'];
    const p = await page('/empty.html');
    await p.evaluate(async (links) => {
      window.opened = [];
      // as the browser's own does, this one throws for what is no URL
      window.open = (url) => { window.opened.push(String(url)); new URL(url); return null; };
      const events = links.map((link, i) => ({ id: 'e' + i, start: String(2000 + i), title: 'Event ' + i, link }));
      window.a = await Chronoscope.create('#x', { data: { events } });
    }, links);
    const box = await p.locator('#x canvas').boundingBox();
    const clicked = [];
    for (let i = 0; i < links.length; i++) {
      await p.evaluate((id) => window.a.select(id), 'e' + i);
      await env.frames(p, 3);
      const found = buttons(decodePng(await p.locator('#x canvas').screenshot()));
      // with a link the panel has "Open link" above "Previous" and "Next"; a link the engine refuses shows no button
      if (found.length >= 2 && found[0].y < found[1].y - 10) {
        await p.mouse.click(box.x + found[0].x, box.y + found[0].y);
        clicked.push(i);
      }
      await running(p, 'window.a', `after "Open link" for ${JSON.stringify(links[i])}`);
    }
    const opened = await p.evaluate(() => window.opened);
    assert(clicked.includes(links.length - 1), `no "Open link" button found for the valid link (clicked: ${clicked})`);
    assert(opened.length === 1 && opened[0] === 'https://example.org/ok?a=1', `opened: ${JSON.stringify(opened)}`);
    assert(p.errors.length === 0, p.errors.join('\n'));
    await p.close();
  });

  test('a listener that throws, or an engine message the page cannot take, does not stop the frames', async () => {
    const p = await page('/empty.html');
    await p.evaluate(async () => {
      const a = window.a = await Chronoscope.create('#x', { data: { events: [{ id: 'k', start: '2000', title: 'x' }] } });
      a.on('select', () => { throw new Error('listener boom'); });
      a.on('rangechange', () => { throw new Error('listener boom'); });
      a.select('k');
      a.setWindow('1999', '2001');
    });
    await running(p, 'window.a', 'after listeners threw');
    await p.evaluate(() => {
      window.a._mod.csEmit = () => { throw new Error('emit boom'); };
      window.a.setWindow('1998', '2002');
    });
    await running(p, 'window.a', 'after the message handler threw');
    assert(p.errors.length >= 2 && p.errors.every((e) => /boom/.test(e)), `errors: ${p.errors.join('\n')}`);
    await p.close();
  });

  test('create() and load() reject, never throw: cyclic data, a src that is no URL; create leaves nothing behind', async () => {
    const p = await page('/empty.html');
    const r = await p.evaluate(async () => {
      const cyclic = { events: [] };
      cyclic.self = cyclic;
      const out = {};
      const outcome = (f) => { try { return f().then(() => 'resolved', (e) => 'rejected: ' + e.message); } catch (e) { return 'threw: ' + e.message; } };
      out.create = await outcome(() => Chronoscope.create('#x', { data: cyclic }));
      out.left = document.getElementById('x').children.length;
      out.createUrl = await outcome(() => Chronoscope.create('#y', { src: 'http://[::1' }));
      const a = await Chronoscope.create('#z', { data: { events: [{ id: 'k', start: '2000', title: 'x' }] } });
      out.load = await outcome(() => a.load({ data: cyclic }));
      out.loadUrl = await outcome(() => a.load({ src: 'http://a:99999/x.json' }));
      out.kept = a.select('k');
      return out;
    });
    assert(/^rejected: .*circular/i.test(r.create), `create with cyclic data: ${r.create}`);
    assert(r.left === 0, `create left ${r.left} elements behind`);
    assert(/^rejected: http:\/\/\[::1: not a valid URL/.test(r.createUrl), `create with a bad URL: ${r.createUrl}`);
    assert(/^rejected: .*circular/i.test(r.load), `load with cyclic data: ${r.load}`);
    assert(/^rejected: http:\/\/a:99999\/x\.json: not a valid URL/.test(r.loadUrl), `load with a bad URL: ${r.loadUrl}`);
    assert(r.kept === true, 'the old data stayed');
    await p.close();
  });

  test('the demo recovers from a failed first ?src: the error shows, another story loads, search works', async () => {
    const p = await page('/index.html?src=nonexistent.json');
    const err = await p.evaluate(() => window.timelineReady.then(() => 'resolved', (e) => e.message));
    assert(/nonexistent\.json: HTTP 404$/.test(err), `create(): ${err}`);
    await env.frames(p, 3);
    assert(/nonexistent\.json: HTTP 404/.test(await p.textContent('#status')), 'the error is shown');
    await p.screenshot({ path: path.join(env.out, 'browser-demo-failed-src.png') });
    await p.click('#stories button[data-src="data/bts.json"]');
    await p.waitForFunction(() => { try { return window.timeline.select('dynamite-release'); } catch (e) { return false; } },
                            null, { timeout: 20000 });
    await p.evaluate(() => window.timeline.select(null));
    assert((await p.textContent('#status')) === '', `the status after a good story: ${await p.textContent('#status')}`);
    await p.fill('#search', '방방콘');
    await env.frames(p, 2);
    assert(/^1 match\b/.test(await p.textContent('#matches')), `search after recovering: ${await p.textContent('#matches')}`);
    await p.fill('#search', '');
    await drawn(p, 'browser-demo-recovered.png');
    await p.screenshot({ path: path.join(env.out, 'browser-demo-recovered-page.png') });
    const uncaught = p.errors.filter((e) => !/404/.test(e));
    assert(uncaught.length === 0, `errors besides the 404: ${uncaught.join('\n')}`);
    await p.close();
  });

  test('sources are named plainly: a data: URL is "data URL"; a fetch that fails names the URL it tried', async () => {
    const p = await page('/empty.html');
    const r = await p.evaluate(async () => {
      const a = await Chronoscope.create('#x', { data: { events: [{ id: 'k', start: '2000', title: 'x' }] } });
      const msg = (o) => a.load(o).then(() => 'resolved', (e) => e.message);
      const bad = 'data:application/json,' + encodeURIComponent('{"events": [{"start": "2020-13-01", "title": "a/<script>"}]}');
      return { data: await msg({ src: bad }), dataPage: await msg({ src: bad, worker: false }),
               refused: await msg({ src: 'http://127.0.0.1:9/nothing.json' }) };
    });
    for (const k of ['data', 'dataPage']) assert(/^data URL:1:\d+: error: .*month/.test(r[k]), `${k}: ${r[k]}`);
    assert(/^http:\/\/127\.0\.0\.1:9\/nothing\.json: cannot fetch/.test(r.refused), `a refused connection: ${r.refused}`);
    await p.close();
  });

  test('a failed load leaves the page\'s heap as it was (a 50 MB title, on the page\'s thread and in a worker)', async () => {
    fs.writeFileSync(path.join(env.dataDir, 'title50-bad.json'),
                     JSON.stringify({ title: 'T'.repeat(50e6), events: [{ id: 'a', start: '2000-13', title: 't' }] }));
    const p = await page('/empty.html');
    const r = await p.evaluate(async () => {
      const out = {};
      for (const worker of [false, true]) {
        const el = document.createElement('div');
        el.style.height = '200px';
        document.body.appendChild(el);
        const a = await Chronoscope.create(el, { data: { events: [{ id: 'k', start: '2000', title: 'x' }] } });
        const before = a._mod.HEAPU8.length;
        const err = await a.load({ src: 'title50-bad.json', worker }).then(() => 'resolved', (e) => e.message);
        out[worker ? 'worker' : 'page'] = { before, after: a._mod.HEAPU8.length, err, kept: a.select('k') };
        a.destroy();
      }
      return out;
    });
    for (const k of ['page', 'worker']) {
      const m = r[k];
      assert(/^title50-bad\.json:1:\d+: error: .*month/.test(m.err) && m.kept, `${k}: ${JSON.stringify(m)}`);
      assert(m.after <= m.before, `${k}: the page's heap grew from ${m.before / 1e6} MB to ${m.after / 1e6} MB`);
    }
    fs.unlinkSync(path.join(env.dataDir, 'title50-bad.json'));
    await p.close();
  });

  // Real data from the generator, made while it is sent (nothing written to disk): GET /?n=N streams
  // `chronoscope-gen N --seed 1` without a Content-Length. sent: the bytes that went out before the client left.
  function generatorServer() {
    const gen = path.join(env.repo, 'build-tools/chronoscope-gen');
    const state = { sent: 0 };
    const server = http.createServer((req, res) => {
      const n = +new URL(req.url, 'http://x').searchParams.get('n');
      res.writeHead(200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store' });
      // the data goes through a named pipe (the generator prints its summary on stdout)
      const dir = fs.mkdtempSync('/tmp/cs-gen-'), fifo = path.join(dir, 'data.json');
      execFileSync('mkfifo', [fifo]);
      const child = spawn(gen, [String(n), fifo, '--seed', '1'], { stdio: ['ignore', 'ignore', 'inherit'] });
      const data = fs.createReadStream(fifo);
      state.sent = 0;
      data.on('data', (c) => { state.sent += c.length; });
      data.pipe(res);
      res.on('close', () => { child.kill(); data.destroy(); fs.rmSync(dir, { recursive: true, force: true }); });
    });
    return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, state, gen })));
  }

  test('a file just over the input limit is refused with its size, announced or while it downloads, and the data stays', async () => {
    const g = await generatorServer();
    assert(fs.existsSync(g.gen), `${g.gen} is missing: run ./build-wasm.sh`);
    const p = await page('/empty.html');
    try {
      const r = await p.evaluate(async (genUrl) => {
        const a = window.a = await Chronoscope.create('#x', { data: { events: [{ id: 'k', start: '2000', title: 'x' }] } });
        const engine = (fn, ret, types, args) => a._mod.ccall(fn, ret, types, args);
        const limit = engine('cs_max_input_bytes', 'number', [], []);
        const want = (name, n) => name + ': error: ' + engine('cs_too_big_message', 'string', ['number'], [n]);
        const heap = a._mod.HEAPU8.length;
        const out = { limit, heap };
        const msg = (o) => a.load(o).then(() => 'resolved', (e) => e.message);
        // announced: refused before reading, in a worker and on the page's thread
        out.announced = await msg({ src: 'data/bts.json?claim=' + (limit + 1) });
        out.announcedPage = await msg({ src: 'data/bts.json?claim=' + (limit + 1), worker: false });
        out.wantAnnounced = want('bts.json', limit + 1);
        // real data of unknown size: ~131 bytes an event, so this many events are a few MB over the limit
        const n = Math.ceil((limit + 8e6) / 131);
        const t0 = performance.now();
        out.streamed = await msg({ src: genUrl + 'generated.json?n=' + n });
        out.seconds = (performance.now() - t0) / 1000;
        out.kept = a.select('k');
        out.heapAfter = a._mod.HEAPU8.length;
        return out;
      }, `http://127.0.0.1:${g.server.address().port}/`);
      assert(r.limit >= 256 << 20 && r.limit <= 1 << 30, `the limit: ${r.limit}`);
      assert(r.announced === r.wantAnnounced && r.announcedPage === r.wantAnnounced,
             `announced: "${r.announced}" / "${r.announcedPage}", the engine says "${r.wantAnnounced}"`);
      const m = /^generated\.json: error: the file is ([\d.]+) MB, more than the limit of ([\d.]+) MB/.exec(r.streamed);
      assert(m, `the download over the limit: "${r.streamed}" (${r.seconds.toFixed(1)} s)`);
      assert(+m[1] * 1e6 > r.limit && +m[1] * 1e6 < r.limit + 8e6, `refused at ${m[1]} MB for a limit of ${r.limit}`);
      assert(g.state.sent < r.limit + 64e6, `the server sent ${g.state.sent} bytes: the download went on past the limit`);
      assert(r.kept === true && r.heapAfter === r.heap, `the old data, the page's heap: ${JSON.stringify(r)}`);
      await running(p, 'window.a', 'after the big file');
    } finally {
      await p.close();
      g.server.close();
    }
  });
}
