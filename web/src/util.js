// Small helpers shared by the page's modules.

// A promise that resolves in a later task, so the page may paint in between.
export function nextTask() {
  return new Promise((r) => setTimeout(r, 0));
}

// The errors a load or a call rejects with when its timeline went away or a newer load replaced it.
export function destroyedError() {
  const e = new Error('chronoscope: this timeline was destroyed');
  e.destroyed = true;
  return e;
}

export function supersededError() {
  const e = new Error('chronoscope: this load was superseded by a newer one');
  e.superseded = true;
  return e;
}

// A text shortened for a message: at most `max` characters, its middle left out ("…").
export function excerpt(text, max) {
  const s = String(text);
  if (s.length <= max) return s;
  const tail = Math.min(20, Math.floor(max / 4));
  return s.slice(0, max - tail - 1) + '…' + s.slice(s.length - tail);
}

// The name a source goes by in messages ("story.json:12:17: error: …"): the last segment of its URL's path
// (query and fragment left out), the host when the path has none, "data URL" and "blob URL" for those, and
// "data.json" for data given inline.
export function sourceName(src) {
  if (src == null || src === '') return 'data.json';
  let u;
  try {
    u = new URL(String(src), document.baseURI);
  } catch (e) {
    return excerpt(String(src).replace(/[\u0000-\u001f\u007f]/g, '?'), 80);  // (not a URL: its fetch says so)
  }
  if (u.protocol === 'data:') return 'data URL';
  if (u.protocol === 'blob:') return 'blob URL';
  const segment = u.pathname.split('/').filter((p) => p).pop();
  return excerpt(segment || u.host || 'data.json', 80);
}

// The error of a fetch of `url` that failed: the URL it tried (shortened), and why.
export function fetchError(url, why) {
  return new Error(excerpt(url, 200) + ': ' + why);
}
