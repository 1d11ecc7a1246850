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
