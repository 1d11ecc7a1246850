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
 * rejected with the loader's error (FILE:LINE:COL: error: message) when the data is bad.
 * options: src (URL) or data (object or JSON text); window: [start, end]; theme: 'light' | 'dark';
 *          hash: true to keep the window and selection in the page's URL hash (one timeline per page).
 * Timeline: getWindow(), setWindow(start, end), select(id), getSelection(), search(query), locate(id),
 *           load({src | data}), on(name, fn), off(name, fn), setTheme(name), destroy().
 *           Events: select, rangechange, load, error.
 *
 * Each timeline is its own WebAssembly instance (the module is compiled once per page) with its own canvas, so
 * several can live on one page. The engine (chronoscope-engine.js/.wasm) and fonts load from beside this script.
 */
(function (global) {
  'use strict';

  var script = document.currentScript;
  var base = script && script.src ? script.src.replace(/[^/]*([?#].*)?$/, '') : './';
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
    if (!this._mod || this._destroyed) throw new Error('chronoscope: this timeline was destroyed');
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
  Timeline.prototype.load = function (opts) {
    var self = this;
    var name = opts.src ? String(opts.src).replace(/^.*\//, '').replace(/[?#].*$/, '') || 'data.json' : 'data.json';
    var bytes;
    if (opts.src) {
      self._progress('Loading ' + name + '…');
      bytes = fetchBytes(opts.src, function (got, total) {
        self._progress('Loading ' + name + ': ' + (got / 1048576).toFixed(1) + (total ? ' of ' + (total / 1048576).toFixed(1) : '') + ' MB');
      });
    } else {
      var text = typeof opts.data === 'string' ? opts.data : JSON.stringify(opts.data);
      bytes = Promise.resolve(new TextEncoder().encode(text));
    }
    return bytes.then(function (buf) {
      self._progress('Reading ' + name + '…');
      // Give the page a chance to paint the message before the engine parses.
      return new Promise(function (r) { requestAnimationFrame(function () { setTimeout(function () { r(buf); }, 0); }); });
    }).then(function (buf) {
      var mod = self._mod;
      var ptr = mod._malloc(buf.length || 1);
      mod.HEAPU8.set(buf, ptr);
      var loads;
      try {
        loads = self._call('cs_load', 'number', ['number', 'number', 'string', 'number'], [ptr, buf.length, name, opts.keepView ? 1 : 0]);
      } finally {
        mod._free(ptr);
      }
      if (!loads) throw new Error(self._call('cs_last_error', 'string', [], []).trim());
      return self._fonts().then(function () { return loads; });
    }).then(function (loads) {
      // resolves after a frame that shows this data (the engine says "load" after drawing it)
      return new Promise(function (resolve) {
        if (self._lastLoad && self._lastLoad.loads >= loads)
          requestAnimationFrame(function () { requestAnimationFrame(function () { resolve(self._lastLoad); }); });
        else
          self._loadWaiters.push({ loads: loads, resolve: resolve });
      });
    }).then(function (info) {
      self._progress(null);
      return info;
    }, function (err) {
      self._progress(null);
      err = err instanceof Error ? err : new Error(String(err));
      self._fire('error', err);
      throw err;
    });
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
    var tl = new Timeline(element, options);
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

    return Promise.all([engine(), uiFonts()]).then(function (r) {
      var eng = r[0], fonts = r[1];
      return eng.factory({
        canvas: canvas,
        instantiateWasm: function (imports, done) {
          WebAssembly.instantiate(eng.wasm, imports).then(function (inst) { done(inst); });
          return {};
        },
        print: function (t) { console.log(t); },
        printErr: function (t) { console.warn(t); }
      }).then(function (mod) {
        tl._mod = mod;
        mod.csEmit = function (name, json) { tl._emit(name, json); };
        mod.FS.mkdir('/fonts');
        mod.FS.writeFile('/fonts/NotoSans-Regular.ttf', fonts[0]);
        mod.FS.writeFile('/fonts/NotoSans-Bold.ttf', fonts[1]);
        var dark = options.theme === 'dark' ||
          (options.theme !== 'light' && global.matchMedia && matchMedia('(prefers-color-scheme: dark)').matches);
        if (!mod.ccall('cs_start', 'number', ['string', 'number'], ['#' + canvas.id, dark ? 1 : 0]))
          throw new Error('chronoscope: WebGL 2 is not available');
        if (!options.src && options.data == null) throw new Error('chronoscope: give options.src or options.data');
        return tl.load(options);
      });
    }).then(function () {
      if (options.window) tl.setWindow(options.window[0], options.window[1]);
      tl._readHash();
      tl._writeHash();
      return tl;
    }, function (err) {
      tl._progress(null);
      throw err;
    });
  }

  global.Chronoscope = { create: create, version: '0.1.0' };
})(window);
