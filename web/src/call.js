// Calling into an engine instance (a Module), for the page and the worker alike.
//
// Strings cross into the engine on its heap: each is encoded to UTF-8 into a buffer malloc'ed for the call and
// freed after it. Emscripten's ccall copies a 'string' argument onto the wasm stack (1 MiB), and a string of more
// than about 262k characters overran it, corrupting the instance for good. On the heap a string may be as long as
// the heap allows, which every string the API takes needs: ids, titles and error messages come from data files.
//
// A string with a NUL character (U+0000) is refused: C would read it only up to the NUL, and the loader refuses
// NUL inside the strings of a file, so no id, title or date can contain one.

const encoder = new TextEncoder();

// Why a string argument is refused: an error thrown before anything reaches the engine (err.refused).
function refuse(what, Kind) {
  const e = new Kind('chronoscope: ' + what);
  e.refused = true;
  return e;
}

// Calls the engine's exported C function `fn` with args of types ('number' or 'string'); ret: 'number',
// 'string' or null. A string result is read from the heap (any length). Throws what the engine throws (a trap, an
// abort): the caller decides whether the instance is still usable.
export function callEngine(mod, fn, ret, types, args) {
  const f = mod['_' + fn];
  if (!f) throw new Error('chronoscope: the engine has no function ' + fn);
  const c = new Array(args.length);
  const held = [];
  for (let i = 0; i < args.length; i++) {
    if (types[i] !== 'string') { c[i] = args[i]; continue; }
    const s = args[i] == null ? '' : String(args[i]);
    if (s.indexOf('\0') >= 0) {
      held.forEach((p) => mod._free(p));
      throw refuse('a text with a NUL character (U+0000) is refused: no id, title or date contains one', TypeError);
    }
    const bytes = encoder.encode(s);
    const p = mod._malloc(bytes.length + 1);
    if (!p) {
      held.forEach((q) => mod._free(q));
      throw refuse('not enough memory in the engine for a text of ' + bytes.length + ' bytes', Error);
    }
    held.push(p);
    const heap = mod.HEAPU8;  // (read after malloc: a heap that grew is a new view)
    heap.set(bytes, p);
    heap[p + bytes.length] = 0;
    c[i] = p;
  }
  // (no frees if the call throws: an engine that failed is not touched again)
  const r = f.apply(null, c);
  held.forEach((p) => mod._free(p));
  if (ret === 'string') return mod.UTF8ToString(r);
  return ret === 'number' ? r : undefined;
}
