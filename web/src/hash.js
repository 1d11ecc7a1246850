// The URL hash (options.hash): the visible window and the selected event, as
// #start=ISO&end=ISO&select=ID. Read once when the first load is on screen, written after changes. A hash that is
// a bare event id (#dynamite-release) opens the story at that event.

// Remembers the hash the page opened with: frames drawn while loading must not overwrite it first.
export function keepInitialHash(tl) {
  tl._initialHash = location.hash;
}

export function writeHash(tl) {
  // nothing is written before the hash the page opened with has been applied
  if (!tl.options.hash || !tl._loadedOnce || !tl._hashRead) return;
  clearTimeout(tl._hashTimer);
  // written a little later, from the state at that time (a burst of changes makes one history entry)
  tl._hashTimer = setTimeout(() => {
    if (tl._destroyed || !tl._mod) return;  // (an engine restarting writes once it is back)
    let w, sel;
    try {
      w = tl.getWindow();
      sel = tl.getSelection();
    } catch (e) {
      return;  // (the engine failed meanwhile: it reports that itself)
    }
    let h = 'start=' + encodeURIComponent(w.start) + '&end=' + encodeURIComponent(w.end);
    if (sel && sel.id) h += '&select=' + encodeURIComponent(sel.id);
    history.replaceState(null, '', '#' + h);
  }, 150);
}

export function readHash(tl) {
  tl._hashRead = true;
  const hash = tl._initialHash;
  if (!tl.options.hash || !hash) return;
  if (!hash.includes('=')) {
    let id;
    try { id = decodeURIComponent(hash.slice(1)); } catch (e) { return; }
    try { tl.select(id); } catch (e) { /* (not an id) */ }
    return;
  }
  const p = new URLSearchParams(hash.slice(1));
  // a stale or hand-edited hash is ignored, whatever it holds
  try {
    if (p.get('start') && p.get('end')) tl.setWindow(p.get('start'), p.get('end'));
  } catch (e) { /* (not dates) */ }
  try {
    if (p.get('select')) tl.select(p.get('select'));
  } catch (e) { /* (not an id) */ }
}

export function stopHash(tl) {
  clearTimeout(tl._hashTimer);
}
