/*
 * Chronoscope JS API: embed a zoomable history timeline in a web page.
 *
 *   <script src="chronoscope.js"></script>
 *   <div id="tl" style="height: 480px"></div>
 *   <script>
 *     Chronoscope.create(document.getElementById('tl'), { src: 'story.json' })
 *       .then(tl => tl.on('select', ev => console.log(ev && ev.title)))
 *       .catch(err => console.error(err.message));   // "story.json:12:5: error: ..."
 *   </script>
 *
 * create(element, options) -> Promise<Timeline>, resolved once the data has loaded and the first frame is drawn,
 * rejected with the loader's error (FILE:LINE:COL: error: message) when the data is bad; err.timeline is then the
 * timeline, which shows the error and can load() other data or be destroy()ed.
 * options: src (URL) or data (object or JSON text); window: [start, end]; theme: 'light' | 'dark';
 *          hash: true to keep the window and selection in the page's URL hash (one timeline per page);
 *          worker: false to parse on the page's thread (by default URLs and data over 256 KB are parsed in a
 *          Web Worker, so the page keeps painting); on: {name: fn, ...} listeners registered before anything loads
 *          (to see the first load's progress events).
 * Timeline: getWindow(), setWindow(start, end), select(id), getSelection(), search(query), locate(id),
 *           load({src | data, keepView, worker}), on(name, fn), off(name, fn), setTheme(name), destroy().
 *           Events: select, rangechange, load, error, progress ({phase: 'download' | 'parse', bytes, total,
 *           events} while data loads).
 *
 * Each timeline is its own WebAssembly instance (the module is compiled once per page) with its own canvas, so
 * several can live on one page. The engine (chronoscope-engine.js/.wasm) and fonts load from beside this script.
 *
 * Loading off the page's thread: a Worker (made from a Blob, so a page may load this script from another origin)
 * runs a second instance of the same module, fetches and parses the data, indexes it and transfers the result as
 * flat arrays (src/core/snapshot.h). The page copies them into its own instance a few megabytes per task and
 * swaps the data in; its heap never holds the JSON text. The worker ends after each load, and its memory with it.
 */
(function (global) {
  'use strict';

  var script = document.currentScript;
  var base = new URL(script && script.src ? script.src.replace(/[^/]*([?#].*)?$/, '') : './', document.baseURI).href;
  var WORKER_MIN_TEXT = 256 * 1024;   // inline data shorter than this is parsed on the page's thread
  var COPY_SLICE_MS = 8;              // longest stretch of copying a worker's result before the page may paint
  var enginePromise = null;
  var fontPromise = null;
  var cjkPromise = null;
  var counter = 0;

  function loadScript(url) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = url;
      s.onload = resolve;
      s.onerror = function () { reject(new Error('chronoscope: cannot load ' + url)); };
      document.head.appendChild(s);
    });
  }

  function fetchBytes(url, onProgress) {
    return fetch(url).then(function (res) {
      if (!res.ok) throw new Error(url + ': HTTP ' + res.status);
      if (!onProgress || !res.body || !res.body.getReader) return res.arrayBuffer().then(function (b) { return new Uint8Array(b); });
      var total = +res.headers.get('Content-Length') || 0;
      var reader = res.body.getReader();
      var chunks = [];
      var got = 0;
      function pump() {
        return reader.read().then(function (r) {
          if (r.done) {
            var out = new Uint8Array(got);
            var o = 0;
            chunks.forEach(function (c) { out.set(c, o); o += c.length; });
            return out;
          }
          chunks.push(r.value);
          got += r.value.length;
          onProgress(got, total);
          return pump();
        });
      }
      return pump();
    });
  }

  // The engine script and the compiled wasm module, shared by every timeline on the page.
  function engine() {
    if (!enginePromise) {
      enginePromise = Promise.all([
        global.ChronoscopeModule ? Promise.resolve() : loadScript(base + 'chronoscope-engine.js'),
        fetchBytes(base + 'chronoscope-engine.wasm').then(function (b) { return WebAssembly.compile(b); })
      ]).then(function (r) { return { factory: global.ChronoscopeModule, wasm: r[1] }; });
      enginePromise.catch(function () { enginePromise = null; });
    }
    return enginePromise;
  }

  function uiFonts() {
    if (!fontPromise) {
      fontPromise = Promise.all([
        fetchBytes(base + 'fonts/NotoSans-Regular.ttf'),
        fetchBytes(base + 'fonts/NotoSans-Bold.ttf')
      ]);
      fontPromise.catch(function () { fontPromise = null; });
    }
    return fontPromise;
  }

  // Hangul / CJK glyphs come from a second font, fetched only when some loaded data needs it.
  function cjkFont() {
    if (!cjkPromise) {
      cjkPromise = fetchBytes(base + 'fonts/NanumGothic.ttf');
      cjkPromise.catch(function () { cjkPromise = null; });
    }
    return cjkPromise;
  }


  // The parsing worker. This function's source runs in a Worker made from a Blob: messages in are
  // {type: 'engine', url, wasm} (the engine script and the compiled module) and {type: 'load', src | text, name};
  // out: {type: 'progress', phase, bytes, total, events}, {type: 'done', header, arrays, needsCjk, events} with the
  // arrays transferred, or {type: 'error', message, first, engine} (engine: the worker itself failed, not the data).
  function workerMain() {
    var MAX_BYTES = 1 << 30;  // the loader's limit (LoadOptions::MaxBytes)
    var gotEngine, engineFailed = false;
    var engineMessage = new Promise(function (resolve) { gotEngine = resolve; });
    function post(m, transfer) { self.postMessage(m, transfer || []); }
    function fail(err, engine) {
      var msg = String(err && err.message || err);
      post({ type: 'error', message: msg, first: msg, engine: !!engine });
    }
    self.addEventListener('unhandledrejection', function (e) { e.preventDefault(); fail(e.reason, engineFailed); });

    // Where the data goes: straight into the engine's heap as it arrives, once the engine is ready (chunks that come
    // earlier wait for it), so the file is copied once. Once the engine is up, the bytes are also read as they
    // arrive (cs_parse_feed every megabyte; the buffer is the announced size, else it grows and the reading
    // follows it): parsing overlaps the download, and a file with a syntax error stops downloading there.
    var FEED_BYTES = 1 << 20;
    var sink = { mod: null, ptr: 0, cap: 0, size: 0, waiting: [], waitingBytes: 0, hint: 0, name: '',
                 stream: false, fed: 0, failed: false, downloading: false, got: 0, events: 0 };
    function tooBig(n) {
      return new Error(sink.name + ': error: the file is ' + (n / 1e6).toFixed(1) + ' MB, more than the limit of ' +
                       (MAX_BYTES / 1e6).toFixed(1) + ' MB');
    }
    function reserve(n, exact) {
      if (n <= sink.cap) return true;
      var cap = exact ? n : Math.min(Math.max(n, Math.floor(sink.cap * 1.5), 1 << 20), MAX_BYTES + 1);
      var p = sink.mod._malloc(cap);
      if (!p) {
        if (exact) return false;
        throw new Error(sink.name + ': error: not enough memory for ' + (cap / 1e6).toFixed(1) + ' MB of data');
      }
      if (sink.ptr) { sink.mod.HEAPU8.copyWithin(p, sink.ptr, sink.ptr + sink.size); sink.mod._free(sink.ptr); }
      sink.ptr = p;
      sink.cap = cap;
      // the buffer moved (no size announced, or a wrong one: a compressed size): the reading follows it
      if (sink.stream && !sink.mod.ccall('cs_parse_rebase', 'number', ['number', 'number'], [p, cap])) {
        sink.stream = false;  // (read it all at the end instead)
        sink.events = 0;
      }
      return true;
    }
    function feed() {
      sink.fed = sink.size;
      if (!sink.mod.ccall('cs_parse_feed', 'number', ['number'], [sink.size])) sink.failed = true;
    }
    function put(c) {
      if (sink.size + sink.waitingBytes + c.length > MAX_BYTES)
        throw tooBig(sink.size + sink.waitingBytes + c.length);
      if (!sink.mod) { sink.waiting.push(c); sink.waitingBytes += c.length; return; }
      reserve(sink.size + c.length, false);
      sink.mod.HEAPU8.set(c, sink.ptr + sink.size);
      sink.size += c.length;
      if (sink.stream && !sink.failed && sink.size - sink.fed >= FEED_BYTES) feed();
    }
    // Once the engine is up and the response has begun (whichever comes last): the announced size in one piece if
    // it can be had (it may be wrong, or the compressed size: then the buffer grows), read as it arrives.
    function startStream() {
      if (!sink.mod || sink.stream || !sink.downloading) return;
      if (sink.hint > sink.size + sink.waitingBytes) reserve(Math.min(sink.hint, MAX_BYTES), true);
      sink.mod.ccall('cs_parse_begin', null, ['number', 'number'], [sink.ptr, sink.cap]);
      sink.stream = true;
      sink.fed = 0;
      if (sink.size > 0) feed();
    }
    function attach(mod) {
      sink.mod = mod;
      startStream();
      var waiting = sink.waiting.splice(0);
      sink.waitingBytes = 0;
      waiting.forEach(put);
      if (sink.stream && !sink.failed && sink.size > sink.fed) feed();
    }

    function fetchInto(url) {
      return fetch(url).then(function (res) {
        if (!res.ok) throw new Error(url + ': HTTP ' + res.status);
        var total = +res.headers.get('Content-Length') || 0, last = 0;
        if (total > MAX_BYTES) throw tooBig(total);
        sink.hint = total;
        sink.downloading = true;
        startStream();
        var reader = res.body.getReader();
        function pump() {
          return reader.read().then(function (r) {
            if (r.done) { sink.downloading = false; return; }
            sink.got += r.value.length;  // (before put: a report made while it reads counts this piece)
            put(r.value);
            if (sink.failed) {  // the bytes so far cannot load: the rest is not needed
              sink.downloading = false;
              reader.cancel().catch(function () {});
              return;
            }
            var now = Date.now();
            if (now - last >= 50) {
              last = now;
              post({ type: 'progress', phase: 'download', bytes: sink.got, total: Math.max(total, sink.got), events: sink.events });
            }
            return pump();
          });
        }
        return pump();
      });
    }

    function run(m) {
      sink.name = m.name;
      var data = m.src ? fetchInto(m.src) : Promise.resolve().then(function () { put(new TextEncoder().encode(m.text)); });
      var engine = engineMessage.then(function (e) {
        importScripts(e.url);
        return new Promise(function (resolve, reject) {
          self.ChronoscopeModule({
            instantiateWasm: function (imports, done) {
              WebAssembly.instantiate(e.wasm, imports).then(function (inst) { done(inst); }, reject);
              return {};
            },
            print: function () {},
            printErr: function (t) { console.warn(t); }
          }).then(resolve, reject);
        });
      });
      engine.catch(function () { engineFailed = true; });
      var ready = engine.then(function (mod) {
        // progress of the reading: while the download goes on it rides on the download's own reports
        mod.csProgress = function (bytes, events) {
          sink.events = events;
          if (sink.downloading)
            post({ type: 'progress', phase: 'download', bytes: sink.got, total: Math.max(sink.hint, sink.got), events: events });
          else
            post({ type: 'progress', phase: 'parse', bytes: bytes, total: sink.size, events: events });
        };
        attach(mod);
        return mod;
      });
      Promise.all([ready, data]).then(function (r) {
        var mod = r[0], ptr = sink.ptr, size = sink.size;
        sink.downloading = false;
        post({ type: 'progress', phase: 'parse', bytes: sink.stream ? sink.fed : 0, total: size, events: sink.events });
        var ok = sink.stream ? mod.ccall('cs_parse_end', 'number', ['number', 'string'], [size, m.name])
                             : mod.ccall('cs_parse', 'number', ['number', 'number', 'string'], [ptr, size, m.name]);
        mod._free(ptr);
        sink.ptr = sink.cap = sink.size = 0;
        if (!ok) {
          post({ type: 'error', message: mod.ccall('cs_parse_errors', 'string', [], []),
                 first: mod.ccall('cs_parse_first_error', 'string', [], []) });
          return;
        }
        // the result table's slots by name (src/platform/web_table.h), as this engine lays them out
        var L = JSON.parse(mod.ccall('cs_table_layout', 'string', [], [])), P = L.parse, A = L.array;
        var t = mod.ccall('cs_parse_table', 'number', [], []) >>> 2, u32 = mod.HEAPU32, heap = mod.HEAPU8;
        var hp = u32[t + P.header], header = heap.slice(hp, hp + u32[t + P.headerBytes]).buffer, arrays = [];
        for (var i = 0; i < u32[t + P.arrayCount]; i++) {
          var e = t + P.arrays + i * A.stride, p = u32[e + A.pointer];
          arrays.push(heap.slice(p, p + u32[e + A.bytes]).buffer);
        }
        post({ type: 'done', header: header, arrays: arrays, needsCjk: u32[t + P.needsCjk], events: u32[t + P.events] },
             [header].concat(arrays));
      }).catch(function (err) { fail(err, engineFailed); });
    }

    self.onmessage = function (e) {
      if (e.data.type === 'engine') gotEngine(e.data);
      else if (e.data.type === 'load') run(e.data);
    };
    self.onmessageerror = function () { fail('chronoscope: the worker could not read a message', true); };
  }

  var workerUrl = null;
  // A new parsing worker, or null where the page cannot have one (no Worker, or a policy forbids blob: workers).
  function newWorker() {
    try {
      if (!workerUrl)
        workerUrl = URL.createObjectURL(new Blob(['(' + workerMain.toString() + ')();'], { type: 'text/javascript' }));
      return new Worker(workerUrl);
    } catch (e) {
      return null;
    }
  }

  // The page's first WebGL context costs Chromium a few hundred milliseconds of the creating thread (connecting to
  // the GPU process; more with software GL). A throwaway worker makes one first, so the page's own context, made
  // after this resolves, takes milliseconds and the page never stops painting for it. Resolves in any case.
  var warmPromise = null;
  function gpuWarm() {
    if (!warmPromise) {
      warmPromise = new Promise(function (resolve) {
        var w = null;
        var done = function () { if (w) w.terminate(); w = null; resolve(); };
        try {
          var src = 'try { new OffscreenCanvas(1, 1).getContext("webgl2"); } catch (e) {} postMessage(1);';
          w = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })));
          w.onmessage = done;
          w.onerror = function (e) { e.preventDefault(); done(); };
          setTimeout(done, 3000);
        } catch (e) {
          done();
        }
      });
    }
    return warmPromise;
  }

  // 1234567 -> "1,234,567" (toLocaleString's first call costs the page tens of milliseconds)
  function thousands(n) {
    return String(Math.floor(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }

  function nextTask() {
    return new Promise(function (r) { setTimeout(r, 0); });
  }

  function destroyedError() {
    var e = new Error('chronoscope: this timeline was destroyed');
    e.destroyed = true;
    return e;
  }

  function supersededError() {
    var e = new Error('chronoscope: this load was superseded by a newer one');
    e.superseded = true;
    return e;
  }

  function dateArg(d) {
    if (typeof d === 'number') return String(d);
    if (typeof d === 'string') return d;
    if (d instanceof Date) return d.toISOString();
    return JSON.stringify(d);
  }

  function Timeline(element, options) {
    this.element = element;
    this.options = options;
    this._listeners = {};
    this._mod = null;
    this._selection = null;
    this._destroyed = false;
    this._loadWaiters = [];
    this._loadSeq = 0;
    this._worker = null;
  }

  Timeline.prototype.on = function (name, fn) {
    (this._listeners[name] = this._listeners[name] || []).push(fn);
    return this;
  };
  Timeline.prototype.off = function (name, fn) {
    var l = this._listeners[name];
    if (l) this._listeners[name] = l.filter(function (f) { return f !== fn; });
    return this;
  };
  Timeline.prototype._fire = function (name, arg) {
    (this._listeners[name] || []).slice().forEach(function (fn) {
      try { fn(arg); } catch (e) { setTimeout(function () { throw e; }); }
    });
  };

  Timeline.prototype._call = function (fn, ret, types, args) {
    if (!this._mod || this._destroyed) throw destroyedError();
    return this._mod.ccall(fn, ret, types, args);
  };

  // Messages from the engine: load (after the first frame showing new data), select, rangechange.
  Timeline.prototype._emit = function (name, json) {
    var arg = JSON.parse(json);
    if (name === 'load') {
      this._lastLoad = arg;
      var ready = this._loadWaiters.filter(function (w) { return w.loads <= arg.loads; });
      this._loadWaiters = this._loadWaiters.filter(function (w) { return w.loads > arg.loads; });
      var first = !this._loadedOnce;
      this._loadedOnce = true;
      ready.forEach(function (w) { w.resolve(arg); });
      if (!first) this._fire('load', arg);
      return;
    }
    if (name === 'select') this._selection = arg;
    if (name === 'rangechange' || name === 'select') this._writeHash();
    this._fire(name, arg);
  };

  Timeline.prototype.getWindow = function () {
    return JSON.parse(this._call('cs_get_window', 'string', [], []));
  };

  Timeline.prototype.setWindow = function (start, end) {
    if (!this._call('cs_set_window', 'number', ['string', 'string'], [dateArg(start), dateArg(end)]))
      throw new Error(this._call('cs_last_error', 'string', [], []));
    return this;
  };

  Timeline.prototype.select = function (id) {
    return !!this._call('cs_select', 'number', ['string'], [id == null ? '' : String(id)]);
  };

  Timeline.prototype.getSelection = function () {
    return JSON.parse(this._call('cs_get_selection', 'string', [], []));
  };

  // Searches titles, text and tags (case-insensitive); matches are highlighted. Returns the number of matches.
  // Use it from a page's own <input> where people type with an IME (Korean, Chinese, Japanese).
  Timeline.prototype.search = function (query) {
    return this._call('cs_search', 'number', ['string'], [query == null ? '' : String(query)]);
  };

  // Where the event's mark is drawn, {x, y} in CSS pixels from the canvas's top-left, or null when it is not
  // drawn on its own (outside the window, in a hidden group, or folded into a cluster).
  Timeline.prototype.locate = function (id) {
    return JSON.parse(this._call('cs_locate', 'string', ['string'], [String(id)]));
  };

  Timeline.prototype.setTheme = function (name) {
    this._call('cs_set_theme', null, ['number'], [name === 'dark' ? 1 : 0]);
    return this;
  };

  // Loads new data ({src} or {data}); resolves after it is drawn, rejects with the error (the old data stays).
  // A newer load supersedes one still in flight (which then rejects with err.superseded set).
  Timeline.prototype.load = function (opts) {
    if (this._destroyed) return Promise.reject(destroyedError());
    if (!opts || (!opts.src && opts.data == null)) return Promise.reject(new Error('chronoscope: give src or data'));
    return this._apply(this._prepare(opts));
  };

  // Starts fetching and parsing (before this timeline's engine is ready, when called from create()). Returns
  // {name, seq, keepView, result}: result resolves to {bytes} (parse on this thread) or {snap} (a worker's result).
  Timeline.prototype._prepare = function (opts) {
    var self = this;
    var name = opts.src ? String(opts.src).replace(/^.*\//, '').replace(/[?#].*$/, '') || 'data.json' : 'data.json';
    var prep = { name: name, seq: ++self._loadSeq, keepView: !!opts.keepView };
    self._endWorker();
    var text = null;
    if (!opts.src) text = typeof opts.data === 'string' ? opts.data : JSON.stringify(opts.data);
    var worker = opts.worker !== false && (opts.src || text.length >= WORKER_MIN_TEXT) ? newWorker() : null;
    var progress = function (phase, bytes, total, events) {
      if (prep.seq !== self._loadSeq) return;
      if (phase === 'download')
        self._progress('Loading ' + name + ': ' + (bytes / 1048576).toFixed(1) + (total ? ' of ' + (total / 1048576).toFixed(1) : '') + ' MB' +
                       (events ? ', ' + thousands(events) + ' events read' : ''));
      else
        self._progress('Reading ' + name + ': ' + thousands(events) + ' events' +
                       (total ? ' (' + Math.floor(100 * bytes / total) + '%)' : ''));
      self._fire('progress', { phase: phase, bytes: bytes, total: total, events: events });
    };
    self._progress('Loading ' + name + '…');

    if (!worker) {
      prep.result = (opts.src ? fetchBytes(opts.src, function (got, total) { progress('download', got, total, 0); })
                              : Promise.resolve(new TextEncoder().encode(text))).then(function (buf) {
        return { bytes: buf };
      });
      prep.result.catch(function () {});
      return prep;
    }
    self._worker = worker;
    prep.result = new Promise(function (resolve, reject) {
      worker.onmessage = function (e) {
        var m = e.data;
        if (m.type === 'progress') { progress(m.phase, m.bytes, m.total, m.events); return; }
        worker.terminate();
        if (self._worker === worker) self._worker = null;
        if (m.type === 'done') { resolve({ snap: m }); return; }
        var err = new Error(m.message.trim());
        err.first = m.first;
        err.engine = m.engine;
        reject(err);
      };
      worker.onerror = function (e) {
        e.preventDefault();
        worker.terminate();
        var err = new Error('chronoscope: the parsing worker failed: ' + (e.message || 'unknown error'));
        err.engine = true;
        reject(err);
      };
      worker._reject = reject;
    }).catch(function (err) {
      // The worker itself could not run (say, a policy forbids it): parse on this thread instead.
      if (!err.engine || prep.seq !== self._loadSeq) throw err;
      return opts.src ? fetchBytes(opts.src).then(function (buf) { return { bytes: buf }; })
                      : { bytes: new TextEncoder().encode(text) };
    });
    worker.postMessage(opts.src ? { type: 'load', src: new URL(opts.src, document.baseURI).href, name: name }
                                : { type: 'load', text: text, name: name });
    var workerFailed = function (err) {
      worker.terminate();
      if (self._worker === worker) self._worker = null;
      err.engine = true;
      worker._reject(err);
    };
    engine().then(function (eng) {
      try {
        worker.postMessage({ type: 'engine', url: base + 'chronoscope-engine.js', wasm: eng.wasm });
      } catch (err) {
        workerFailed(err);  // (a module the browser cannot send to a worker)
      }
    }, workerFailed);
    prep.result.catch(function () {});  // (consumed by _apply; a load abandoned before that is no error)
    return prep;
  };

  Timeline.prototype._endWorker = function (err) {
    if (!this._worker) return;
    this._worker.terminate();
    this._worker._reject(err || supersededError());
    this._worker = null;
  };

  // Puts prepared data on screen: resolves after a frame that shows it.
  Timeline.prototype._apply = function (prep) {
    var self = this;
    return prep.result.then(function (parsed) {
      if (prep.seq !== self._loadSeq) throw self._destroyed ? destroyedError() : supersededError();
      if (parsed.snap) return self._adopt(prep, parsed.snap);
      self._progress('Reading ' + prep.name + '…');
      // Give the page a chance to paint the message before the engine parses.
      return new Promise(function (r) { requestAnimationFrame(function () { setTimeout(r, 0); }); }).then(function () {
        if (self._destroyed) throw destroyedError();
        if (prep.seq !== self._loadSeq) throw self._destroyed ? destroyedError() : supersededError();
        var buf = parsed.bytes, mod = self._mod;
        var ptr = mod._malloc(buf.length || 1);
        mod.HEAPU8.set(buf, ptr);
        var loads;
        try {
          loads = self._call('cs_load', 'number', ['number', 'number', 'string', 'number'], [ptr, buf.length, prep.name, prep.keepView ? 1 : 0]);
        } finally {
          mod._free(ptr);
        }
        if (!loads) throw new Error(self._call('cs_last_error', 'string', [], []).trim());
        return loads;
      });
    }, function (err) {
      // bad data (found by the worker) or a failed download: shown in the banner, as a load on this thread would
      if (!err.superseded && !self._destroyed && prep.seq === self._loadSeq)
        self._call('cs_set_load_error', null, ['string', 'string'], [err.message, err.first || err.message]);
      throw err;
    }).then(function (loads) {
      return self._fonts().then(function () { return loads; });
    }).then(function (loads) {
      // resolves after a frame that shows this data (the engine says "load" after drawing it)
      return new Promise(function (resolve, reject) {
        if (self._lastLoad && self._lastLoad.loads >= loads)
          requestAnimationFrame(function () { requestAnimationFrame(function () { resolve(self._lastLoad); }); });
        else
          self._loadWaiters.push({ loads: loads, resolve: resolve, reject: reject });
      });
    }).then(function (info) {
      if (prep.seq === self._loadSeq) self._progress(null);
      return info;
    }, function (err) {
      if (prep.seq === self._loadSeq) self._progress(null);
      err = err instanceof Error ? err : new Error(String(err));
      if (!err.superseded && !err.destroyed) self._fire('error', err);
      throw err;
    });
  };

  // Copies a worker's result into this timeline's instance, a slice per task so the page keeps painting, then
  // swaps it in. Resolves to the engine's load count.
  Timeline.prototype._adopt = function (prep, snap) {
    var self = this, mod = self._mod;
    self._progress('Preparing ' + prep.name + '…');
    var hp = mod._malloc(snap.header.byteLength || 1);
    mod.HEAPU8.set(new Uint8Array(snap.header), hp);
    var sent = snap.arrays.slice(0, -1).reduce(function (n, a) { return n + a.byteLength; }, 0);  // (last: the character set)
    var t = self._call('cs_adopt_begin', 'number', ['number', 'number', 'number'], [hp, snap.header.byteLength, sent]) >>> 2;
    mod._free(hp);
    if (!t) throw new Error(self._call('cs_last_error', 'string', [], []).trim());
    self._adopting = prep.seq;
    // an adoption given up drops what it had allocated (unless a newer one has replaced it already)
    var abandon = function (err) {
      if (!self._destroyed && self._adopting === prep.seq) self._call('cs_adopt_cancel', null, [], []);
      throw err;
    };
    // the adoption table's slots by name (src/platform/web_table.h), read once per engine
    var L = self._layout || (self._layout = JSON.parse(self._call('cs_table_layout', 'string', [], [])));
    var n = mod.HEAPU32[t + L.adopt.arrayCount], slots = [];
    for (var k = 0; k < n; k++)
      slots.push({ at: 0, size: mod.HEAPU32[t + L.adopt.arrays + k * L.array.stride + L.array.bytes] });
    var bad = n !== snap.arrays.length || slots.some(function (s, k) { return s.size !== snap.arrays[k].byteLength; });
    var failed = function (msg) {
      self._call('cs_set_load_error', null, ['string', 'string'], [msg, msg]);
      abandon(new Error(msg));
    };
    if (bad) failed(prep.name + ': error: the parsing worker sent a result of another shape');
    // Each step copies for a few milliseconds and makes room for at most one big array (the biggest is the events,
    // 48 bytes each), then lets the page paint.
    var i = 0, off = 0;
    function step() {
      // nothing else may have started adopting meanwhile (it would have dropped these arrays)
      if (self._destroyed) throw destroyedError();
      if (prep.seq !== self._loadSeq) abandon(supersededError());
      var t0 = performance.now(), sized = 0;
      while (i < n && performance.now() - t0 < COPY_SLICE_MS) {
        if (!slots[i].at) {
          if (sized > (4 << 20)) break;
          slots[i].at = self._call('cs_adopt_array', 'number', ['number'], [i]) >>> 0;
          if (!slots[i].at)
            failed(prep.name + ': error: not enough memory for the data (' + (slots[i].size / 1e6).toFixed(1) + ' MB more)');
          sized += slots[i].size;
        }
        var piece = Math.min(slots[i].size - off, 4 << 20);
        if (piece > 0) mod.HEAPU8.set(new Uint8Array(snap.arrays[i], off, piece), slots[i].at + off);
        off += piece;
        if (off >= slots[i].size) { snap.arrays[i] = null; i++; off = 0; }
      }
      if (i < n) return nextTask().then(step);
      self._adopting = 0;
      var loads = self._call('cs_adopt_end', 'number', ['string', 'number', 'number'], [prep.name, prep.keepView ? 1 : 0, snap.needsCjk]);
      if (!loads) throw new Error(self._call('cs_last_error', 'string', [], []).trim());
      return loads;
    }
    return nextTask().then(step);
  };

  Timeline.prototype._fonts = function () {
    var self = this;
    if (!self._call('cs_needs_cjk', 'number', [], []) || self._cjkLoaded) return Promise.resolve();
    return cjkFont().then(function (bytes) {
      if (self._destroyed) return;
      self._mod.FS.writeFile('/fonts/NanumGothic.ttf', bytes);
      self._cjkLoaded = true;
      self._call('cs_set_cjk_font', null, ['string'], ['/fonts/NanumGothic.ttf']);
    }, function () { /* without the font Hangul shows as boxes; the data still works */ });
  };

  Timeline.prototype._progress = function (text) {
    if (!this._overlay) {
      var o = document.createElement('div');
      o.className = 'chronoscope-progress';
      o.setAttribute('role', 'status');
      o.style.cssText = 'position:absolute;left:12px;bottom:12px;padding:6px 10px;border-radius:6px;' +
        'font:13px system-ui,sans-serif;background:rgba(20,22,30,.8);color:#fff;pointer-events:none;display:none';
      this.element.appendChild(o);
      this._overlay = o;
    }
    this._overlay.textContent = text || '';
    this._overlay.style.display = text ? 'block' : 'none';
  };

  Timeline.prototype._writeHash = function () {
    // nothing is written before the hash the page opened with has been applied
    if (!this.options.hash || !this._loadedOnce || !this._hashRead) return;
    var self = this;
    clearTimeout(this._hashTimer);
    // written a little later, from the state at that time (a burst of changes makes one history entry)
    this._hashTimer = setTimeout(function () {
      if (self._destroyed) return;
      var w = self.getWindow();
      var sel = self.getSelection();
      var h = 'start=' + encodeURIComponent(w.start) + '&end=' + encodeURIComponent(w.end);
      if (sel && sel.id) h += '&select=' + encodeURIComponent(sel.id);
      history.replaceState(null, '', '#' + h);
    }, 150);
  };

  Timeline.prototype._readHash = function () {
    this._hashRead = true;
    var hash = this._initialHash;
    if (!this.options.hash || !hash) return;
    var p = new URLSearchParams(hash.slice(1));
    try {
      if (p.get('start') && p.get('end')) this.setWindow(p.get('start'), p.get('end'));
    } catch (e) { /* a stale or hand-edited hash is ignored */ }
    if (p.get('select')) this.select(p.get('select'));
  };

  Timeline.prototype.destroy = function () {
    if (this._destroyed) return;
    try { this._mod.ccall('cs_stop', null, [], []); } catch (e) { /* already stopped */ }
    this._destroyed = true;
    this._loadSeq++;  // every load in flight ends
    this._endWorker(destroyedError());
    var waiters = this._loadWaiters;
    this._loadWaiters = [];
    waiters.forEach(function (w) { w.reject(destroyedError()); });
    clearTimeout(this._hashTimer);
    if (this._resize) this._resize.disconnect();
    if (this.canvas && this.canvas.parentNode) this.canvas.parentNode.removeChild(this.canvas);
    if (this._overlay && this._overlay.parentNode) this._overlay.parentNode.removeChild(this._overlay);
    this._mod = null;
    this._listeners = {};
  };

  function create(element, options) {
    options = options || {};
    if (typeof element === 'string') element = document.querySelector(element);
    if (!element) return Promise.reject(new Error('chronoscope: no container element'));
    if (!options.src && options.data == null) return Promise.reject(new Error('chronoscope: give options.src or options.data'));
    var tl = new Timeline(element, options);
    if (options.on) Object.keys(options.on).forEach(function (name) { tl.on(name, options.on[name]); });
    tl._initialHash = location.hash;  // read now: frames drawn while loading must not overwrite it first
    var canvas = document.createElement('canvas');
    canvas.id = 'chronoscope-canvas-' + (++counter);
    canvas.tabIndex = 0;
    canvas.setAttribute('role', 'application');
    canvas.setAttribute('aria-label', 'Timeline');
    canvas.style.cssText = 'display:block;width:100%;height:100%;outline:none;touch-action:none';
    canvas.addEventListener('contextmenu', function (e) { e.preventDefault(); });
    canvas.addEventListener('mousedown', function () { canvas.focus(); });
    if (getComputedStyle(element).position === 'static') element.style.position = 'relative';
    if (element.clientHeight < 50) element.style.height = '480px';
    element.appendChild(canvas);
    tl.canvas = canvas;
    tl._progress('Loading…');
    // the data is fetched and parsed while the engine compiles and starts
    var prep = tl._prepare(options);

    // The canvas's WebGL context, made in a task of its own once the GPU process is warm (the engine's start then
    // finds it). The attributes are the ones the engine asks for.
    var context = gpuWarm().then(function () {
      try {
        canvas.getContext('webgl2', { alpha: false, antialias: false, depth: false, stencil: false,
                                      premultipliedAlpha: true, preserveDrawingBuffer: false });
      } catch (e) { /* no WebGL 2: cs_start says so */ }
      return nextTask();
    });
    return Promise.all([engine(), uiFonts(), context]).then(function (r) {
      var eng = r[0], fonts = r[1];
      return new Promise(function (resolve, reject) {
        eng.factory({
          canvas: canvas,
          instantiateWasm: function (imports, done) {
            WebAssembly.instantiate(eng.wasm, imports).then(function (inst) { done(inst); }, reject);
            return {};
          },
          print: function (t) { console.log(t); },
          printErr: function (t) { console.warn(t); }
        }).then(resolve, reject);
      }).then(function (mod) {
        // starting the engine (first calls into the wasm, the GL context) is a separate task from instantiating it,
        // so the page can paint in between
        return nextTask().then(function () { return mod; });
      }).then(function (mod) {
        if (tl._destroyed) throw destroyedError();
        tl._mod = mod;
        mod.csEmit = function (name, json) { tl._emit(name, json); };
        mod.FS.mkdir('/fonts');
        mod.FS.writeFile('/fonts/NotoSans-Regular.ttf', fonts[0]);
        mod.FS.writeFile('/fonts/NotoSans-Bold.ttf', fonts[1]);
        var dark = options.theme === 'dark' ||
          (options.theme !== 'light' && global.matchMedia && matchMedia('(prefers-color-scheme: dark)').matches);
        if (!mod.ccall('cs_start', 'number', ['string', 'number'], ['#' + canvas.id, dark ? 1 : 0]))
          throw new Error('chronoscope: WebGL 2 is not available');
        // the rest of the start, a task each (ImGui and the renderer, the font atlas, the frame loop)
        var steps = ['cs_start_ui', 'cs_start_fonts', 'cs_run'];
        function next() {
          if (tl._destroyed) throw destroyedError();
          if (!steps.length) return tl._apply(prep);
          if (!mod.ccall(steps.shift(), 'number', [], [])) throw new Error('chronoscope: the engine could not start');
          return nextTask().then(next);
        }
        return nextTask().then(next);
      });
    }).then(function () {
      if (options.window) tl.setWindow(options.window[0], options.window[1]);
      tl._readHash();
      tl._writeHash();
      return tl;
    }, function (err) {
      tl._progress(null);
      tl._endWorker();
      // When the data was bad the timeline runs, showing the error: the caller may load() again or destroy() it.
      if (tl._mod && !tl._destroyed) err.timeline = tl;
      throw err;
    });
  }

  global.Chronoscope = { create: create, version: '0.1.0' };
})(window);
