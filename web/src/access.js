// What assistive technology and keyboards get: beside the canvas, an accessible list of the events in view, in time
// order, kept in step with the canvas, and a live region that announces the selected event.
//
// The list is text in the page (textContent only, never HTML): a screen reader reads it, Tab reaches it from the
// canvas, and the arrow keys move through it as story mode does (past its last row, the story's next event: every
// event is reached without a mouse). Focus follows the selection while it is in the list. It is visually hidden
// until it holds the focus; then it shows as a panel over the timeline's corner, with the browser's focus ring on
// the row. Styled through the CSSOM (element.style), which a strict Content-Security-Policy allows; pages may
// restyle it with the classes chronoscope-events and chronoscope-announce.
//
// The same list is the text view: where the engine cannot draw (no WebGL 2, display.js), it fills the timeline's
// element, under the data's title, one row per event (title; date and group), the selected one with its text. The
// API goes on working, and the list follows it as it follows the canvas; it is also what a search engine reads.

const MAX_ROWS = 200;        // rows listed; past that, a line says to zoom in
const TEXT_ROWS = 1000;      // ... in the text view, which scrolls
const QUIET_MS = 250;        // the list follows the window this long after it last moved ...
const MOVING_MS = 1000;      // ... and at least this often while it goes on moving
const TEXT_CHARS = 300;      // of an event's text in an announcement

const HIDDEN = {
  position: 'absolute', width: '1px', height: '1px', padding: '0', margin: '-1px', overflow: 'hidden',
  clip: 'rect(0 0 0 0)', clipPath: 'inset(50%)', whiteSpace: 'nowrap', border: '0',
};
const SHOWN = {
  position: 'absolute', left: '8px', bottom: '8px', width: 'min(360px, calc(100% - 16px))', height: 'auto',
  maxHeight: '45%', padding: '6px', margin: '0', overflow: 'auto', clip: 'auto', clipPath: 'none',
  whiteSpace: 'normal', borderRadius: '8px', zIndex: '2', font: '14px system-ui,sans-serif',
  boxShadow: '0 2px 12px rgba(0,0,0,.25)',
};
const ROW = {
  display: 'block', width: '100%', textAlign: 'start', padding: '4px 6px', margin: '0', border: '0',
  borderRadius: '4px', background: 'transparent', color: 'inherit', font: 'inherit', cursor: 'pointer',
};

// the text view: the whole element, scrolling
const TEXT_VIEW = {
  position: 'absolute', left: '0', top: '0', right: '0', bottom: '0', width: 'auto', height: 'auto', maxHeight: 'none',
  padding: '12px 16px', margin: '0', overflow: 'auto', clip: 'auto', clipPath: 'none', whiteSpace: 'normal',
  borderRadius: '0', zIndex: '0', font: '15px/1.4 system-ui,sans-serif', boxShadow: 'none', boxSizing: 'border-box',
  border: '0',
};
const TEXT_TITLE = { display: 'block', fontWeight: '600' };
const TEXT_META = { display: 'block', fontSize: '13px', opacity: '.8' };
const TEXT_ROW = { padding: '6px 8px', borderRadius: '6px' };

const short = (s, n) => (s.length > n ? s.slice(0, n) + '…' : s);

function rowText(ev) {
  return [ev.title || '(untitled)', ev.date, ev.group, ev.milestone ? 'milestone' : ''].filter(Boolean).join(', ');
}

// Sets up the list and the live region of timeline tl (after its canvas is in its element).
export function startAccess(tl) {
  const box = document.createElement('section');
  box.className = 'chronoscope-events';
  box.setAttribute('aria-label', 'Events in view');
  // the text view's heading and note (empty, and so out of sight, otherwise)
  const heading = document.createElement('h2');
  Object.assign(heading.style, { margin: '0 0 2px', fontSize: '18px', display: 'none' });
  const note = document.createElement('p');
  Object.assign(note.style, { margin: '0 0 10px', fontSize: '12px', opacity: '.75', display: 'none' });
  const list = document.createElement('ol');
  Object.assign(list.style, { listStyle: 'none', margin: '0', padding: '0' });
  const more = document.createElement('p');
  Object.assign(more.style, { margin: '4px 6px', fontSize: '12px', opacity: '.75' });
  box.append(heading, note, list, more);
  Object.assign(box.style, HIDDEN);
  const live = document.createElement('div');
  live.className = 'chronoscope-announce';
  live.setAttribute('aria-live', 'polite');
  live.setAttribute('aria-atomic', 'true');
  Object.assign(live.style, HIDDEN);
  tl.element.append(box, live);
  const a = { box, heading, note, list, more, live, rows: [], pool: null, timer: 0, pendingSince: 0, shown: false, text: false, selection: null };
  tl._access = a;

  box.addEventListener('focusin', () => show(tl, true));
  box.addEventListener('focusout', (e) => { if (!box.contains(e.relatedTarget) && !a.text) show(tl, false); });
  list.addEventListener('click', (e) => {
    const b = e.target.closest && e.target.closest('button');
    if (b) selectRow(tl, Number(b.dataset.index));
  });
  list.addEventListener('keydown', (e) => onKey(tl, e));
}

// The text view on or off (on: the engine draws nothing; display.js).
export function setTextView(tl, on) {
  const a = tl._access;
  if (!a || a.text === on) return;
  a.text = on;
  a.heading.style.display = on ? 'block' : 'none';
  a.note.style.display = on ? 'block' : 'none';
  a.note.textContent = on ? 'Shown as text: this browser cannot draw the timeline (it has no WebGL 2).' : '';
  if (on && !a.heading.textContent) a.heading.textContent = 'Timeline';
  a.shown = null;  // (show() then applies the style that fits, whatever was shown)
  show(tl, on);
  if (tl._mod) refresh(tl, true);
}

// The theme changed: the list's colours follow.
export function themeForAccess(tl) {
  if (tl._access) colour(tl);
}

export function stopAccess(tl) {
  const a = tl._access;
  if (!a) return;
  clearTimeout(a.timer);
  a.box.remove();
  a.live.remove();
  tl._access = null;
}

// The engine's messages: the list follows loads, selections and the window; a selection is announced.
export function noteForAccess(tl, name, arg) {
  const a = tl._access;
  if (!a) return;
  if (name === 'load' && arg && typeof arg.title === 'string') {
    const label = arg.title ? 'Timeline: ' + short(arg.title, 200) : 'Timeline';
    tl.canvas.setAttribute('aria-label', label + '. Tab moves to the list of the events in view.');
    a.box.setAttribute('aria-label', arg.title ? 'Events in view: ' + short(arg.title, 200) : 'Events in view');
    a.heading.textContent = short(arg.title, 300) || 'Timeline';
  }
  if (name === 'select') {
    a.selection = arg;
    a.live.textContent = arg ? [arg.title, arg.date, short(arg.text || '', TEXT_CHARS)].filter(Boolean).join('. ') : '';
    refresh(tl, true);
    return;
  }
  refresh(tl, name === 'load');
}

// Rebuilds the list now, or once the window has rested QUIET_MS (a window in motion asks every frame), and at
// least every MOVING_MS while it moves. A rebuild costs the page's thread script and a style and layout pass over
// its rows, all in one frame (200 rows on a 2-core machine: 10-16 ms, with its rows made anew each time), so every
// 250 ms while zooming made one frame in fifteen run late, more than the 5 % a p95 frame time allows; once a second
// it is one in sixty.
function refresh(tl, now) {
  const a = tl._access;
  clearTimeout(a.timer);
  a.timer = 0;
  if (now) {
    build(tl);
    return;
  }
  const t = performance.now();
  if (!a.pendingSince) a.pendingSince = t;
  const wait = Math.max(0, Math.min(QUIET_MS, a.pendingSince + MOVING_MS - t));
  a.timer = setTimeout(() => { a.timer = 0; if (tl._access === a) build(tl); }, wait);
}

function build(tl) {
  const a = tl._access;
  a.pendingSince = 0;
  if (!tl._mod || tl._destroyed) return;
  let got;
  try {
    got = JSON.parse(tl._call('cs_events_in_view', 'string', ['number'], [a.text ? TEXT_ROWS : MAX_ROWS]));
  } catch (e) { return; }  // (an engine failure is reported by the call)
  const focused = a.box.contains(document.activeElement) ? Number(document.activeElement.dataset.index) : null;
  const { rows, selected } = a.text ? textRows(a, got.events) : listRows(a, got.events);
  a.rows = rows;
  a.more.textContent = !got.more ? (rows.length ? '' : 'No events in view.')
    : a.text ? `The first ${rows.length} events are listed.`
      : `The first ${rows.length} events in view are listed; zoom in to list the others.`;
  // one row takes Tab: the selected one, else the first; focus stays in the list on the selection or its row
  const tab = selected || rows[0];
  if (tab) tab.tabIndex = 0;
  if (focused !== null) {
    const again = selected || rows.find((b) => Number(b.dataset.index) === focused) || tab;
    if (again) again.focus({ preventScroll: false });
    else if (!a.text) tl.canvas.focus();
  } else if (a.text && selected && !a.box.contains(document.activeElement)) {
    // the text view scrolls to a selection made elsewhere (the API, the page's search)
    const r = selected.getBoundingClientRect(), v = a.box.getBoundingClientRect();
    if (r.top < v.top || r.bottom > v.bottom) a.box.scrollTop += r.top - v.top - v.height / 3;
  }
  colour(tl);
}

// The list's rows for these events: its buttons kept from one build to the next, only what changed written (a
// button made anew, or text set again, is more style and layout for the browser to do within a frame).
function listRows(a, events) {
  if (!a.pool) {
    a.pool = [];
    a.list.replaceChildren();
  }
  const rows = [];
  let selected = null;
  events.forEach((ev, i) => {
    let b = a.pool[i];
    if (!b) {
      const li = document.createElement('li');
      b = document.createElement('button');
      b.type = 'button';
      Object.assign(b.style, ROW);
      li.appendChild(b);
      a.pool.push(b);
    }
    const index = String(ev.index), text = rowText(ev);
    if (b.dataset.index !== index) b.dataset.index = index;
    if (b.textContent !== text) b.textContent = text;
    if (b.tabIndex !== -1) b.tabIndex = -1;
    if (ev.selected) {
      b.setAttribute('aria-current', 'true');
      b.style.fontWeight = '600';
      selected = b;
    } else if (b.hasAttribute('aria-current')) {
      b.removeAttribute('aria-current');
      b.style.fontWeight = '';
    }
    if (b.parentNode.parentNode !== a.list) a.list.appendChild(b.parentNode);
    rows.push(b);
  });
  while (a.list.children.length > rows.length) a.list.lastChild.remove();
  return { rows, selected };
}

// The text view's rows, made anew: title on one line, date, group and "milestone" under it, the selected event's
// text below it.
function textRows(a, events) {
  a.pool = null;
  const rows = [];
  const frag = document.createDocumentFragment();
  let selected = null;
  for (const ev of events) {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.dataset.index = String(ev.index);
    b.tabIndex = -1;
    Object.assign(b.style, ROW);
    const title = document.createElement('span');
    title.textContent = ev.title || '(untitled)';
    const meta = document.createElement('span');
    meta.textContent = [ev.date, ev.group, ev.milestone ? 'milestone' : ''].filter(Boolean).join(' · ');
    Object.assign(title.style, TEXT_TITLE);
    Object.assign(meta.style, TEXT_META);
    b.append(title, ' ', meta);   // (the space: the row reads "title date" also without layout, as a name from content)
    Object.assign(b.style, TEXT_ROW);
    if (ev.selected) {
      b.setAttribute('aria-current', 'true');
      selected = b;
    }
    li.appendChild(b);
    if (ev.selected && a.selection && a.selection.text) {
      const text = document.createElement('p');
      text.textContent = short(a.selection.text, 1200);
      Object.assign(text.style, { margin: '2px 8px 8px', fontSize: '14px' });
      li.appendChild(text);
    }
    frag.appendChild(li);
    rows.push(b);
  }
  a.list.replaceChildren(frag);
  return { rows, selected };
}

function selectRow(tl, index) {
  if (!tl._mod) return;
  try { tl._call('cs_select_index', 'number', ['number'], [index]); } catch (e) { /* (reported) */ }
}

function onKey(tl, e) {
  const a = tl._access;
  const at = a.rows.indexOf(document.activeElement);
  if (at < 0) return;
  let to = null;
  if (e.key === 'ArrowDown' || e.key === 'ArrowRight') to = at + 1;
  else if (e.key === 'ArrowUp' || e.key === 'ArrowLeft') to = at - 1;
  else if (e.key === 'Home') to = 0;
  else if (e.key === 'End') to = a.rows.length - 1;
  else if (e.key === 'Escape') {
    e.preventDefault();
    try { tl.select(null); } catch (err) { /* (reported) */ }
    if (!a.text) tl.canvas.focus();
    return;
  } else return;
  e.preventDefault();
  if (to >= 0 && to < a.rows.length) {
    a.rows[to].focus();
    selectRow(tl, Number(a.rows[to].dataset.index));
  } else {
    // past either end: the story's next or previous event, which the list then shows and focuses
    try { (to < 0 ? tl.previous() : tl.next()); } catch (err) { /* (reported) */ }
  }
}

function show(tl, on) {
  const a = tl._access;
  if (!a || a.shown === on) return;
  a.shown = on;
  Object.assign(a.box.style, on ? (a.text ? TEXT_VIEW : SHOWN) : HIDDEN);
  // right to left (dir="rtl", api.js): over the timeline's other corner
  if (on && !a.text && a.box.getAttribute('dir') === 'rtl') Object.assign(a.box.style, { left: 'auto', right: '8px' });
  colour(tl);
}

function colour(tl) {
  const a = tl._access;
  if (!a.shown) return;
  const dark = tl._dark();
  Object.assign(a.box.style, dark ? { background: '#1d2029', color: '#e8e9ee' } : { background: '#ffffff', color: '#1b1d24' });
  a.box.style.border = a.text ? '0' : dark ? '1px solid #3a3f4d' : '1px solid #d5d8e0';
  for (const b of a.rows)
    b.style.background = a.text && b.getAttribute('aria-current') ? (dark ? '#2c3140' : '#eef0f6') : 'transparent';
}
