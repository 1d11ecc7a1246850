// Type declarations for Chronoscope's JS API: the ES module (chronoscope.mjs: `create`, `version`, a default
// export holding both) and the classic script (chronoscope.js: the global `Chronoscope`, the same two).

/** A date in any form of the JSON format: ISO 8601 text (`"1066"`, `"2020-08-21"`, `"-4500000000-06-01"`), a
 * number of years (`-13.8e9`, `2020.5`), a TimelineJS-style object, or a JS Date. */
export type DateInput = string | number | Date | DateParts;

/** A TimelineJS-style date: numbers or numeric strings; only `year` is required. */
export interface DateParts {
  year: number | string;
  month?: number | string;
  day?: number | string;
  hour?: number | string;
  minute?: number | string;
  second?: number | string;
  millisecond?: number | string;
}

export type Theme = 'light' | 'dark';

/** The time axis: `'linear'`, or `'log'`: time before present on a logarithmic axis, where each factor of ten in
 * age takes the same width ("13.8 Ga", "1 Ma", "1,000 years ago", "1 year ago"), so deep time and last week share
 * one axis. Windows stay in dates on both. */
export type Scale = 'linear' | 'log';

/** Data in Chronoscope's own format (the README's "The JSON format"); TimelineJS3 and vis-timeline data load too. */
export interface TimelineData {
  title?: string;
  description?: string;
  groups?: Array<{ id: string; label?: string; color?: string }>;
  eras?: Array<{ start: DateInput; end: DateInput; label?: string; color?: string }>;
  events?: Array<{
    id?: string;
    start: DateInput;
    end?: DateInput;
    title?: string;
    text?: string;
    group?: string;
    milestone?: boolean;
    tags?: string[];
    link?: string;
    media?: { url?: string; caption?: string; credit?: string; thumbnail?: string };
    color?: string;
  }>;
  [key: string]: unknown;
}

/** What to load: a URL, the data itself (an object, or JSON text), or a tiled timeline (`chronoscope pack`): the
 * URL of its manifest.json. */
export type Source = { src: string; data?: undefined; tiles?: undefined }
  | { data: TimelineData | unknown[] | string; src?: undefined; tiles?: undefined }
  | { tiles: string; src?: undefined; data?: undefined };

export interface CreateOptions {
  /** URL of a JSON file (resolved against the page). */
  src?: string;
  /** The data itself: an object or JSON text. */
  data?: TimelineData | unknown[] | string;
  /** URL of the manifest.json of a tiled timeline (`chronoscope pack`, any size): only the files the view needs
   * are fetched, from beside the manifest (an http(s) URL; another origin must send CORS headers). Event numbers
   * (the accessible list, `tileStats`) are then ordinals: places in the whole timeline's time order. */
  tiles?: string;
  /** The first window shown, instead of one that fits everything. */
  window?: [DateInput, DateInput];
  /** Light or dark; by default the page's `prefers-color-scheme`. */
  theme?: Theme;
  /** The time axis from the first frame; `'linear'` by default. */
  scale?: Scale;
  /** Right to left: time runs from right to left (later events to the left) and the timeline's bar, details
   * panel and text mirror, as Arabic, Hebrew and Persian readers expect. By default the element's computed
   * `direction` (the page's `dir`). */
  rtl?: boolean;
  /** The language and style of every date (month names, date order, digits, era words), from the browser's Intl:
   * a BCP 47 tag such as 'ko', 'de-DE', 'ar'. By default the page's `<html lang>`, else `navigator.language`.
   * English is the timeline's own ("21 Aug 2020", "500 BCE"). A tag that is not one rejects. */
  locale?: string;
  /** The zone times are shown in: 'UTC', 'local' (the viewer's), or an IANA name ('Asia/Seoul'). By default each
   * time at the offset it was written with ("21 Aug 2020 13:00 +09:00"); the axis then counts in the data's
   * offset when all its times share one, else in UTC. An unknown zone rejects. */
  timeZone?: string;
  /** Keep the window and the selection in the page's URL hash (one timeline per page). */
  hash?: boolean;
  /** false: parse on the page's thread (in an engine instance of its own, dropped after the load) and make no
   * workers at all. By default URLs and data over 256 KB are parsed in a Web Worker (chronoscope-worker.js). */
  worker?: boolean;
  /** 'embed': a YouTube or Vimeo video in the selected event's media plays in a player over the details panel (an
   * iframe from www.youtube-nocookie.com or player.vimeo.com; a strict Content-Security-Policy must allow them in
   * frame-src). By default no third-party request is ever made: videos are link cards. */
  media?: 'embed' | 'cards';
  /** Listeners registered before anything loads (to see the first load's progress). */
  on?: { [K in keyof TimelineEvents]?: (payload: TimelineEvents[K]) => void };
}

export type LoadOptions = Source & {
  /** Keep the current window instead of fitting the new data. */
  keepView?: boolean;
  /** false: parse on the page's thread. */
  worker?: boolean;
};

/** The visible window: ISO 8601 text (expanded years for deep time) and decimal years. */
export interface WindowInfo {
  start: string;
  end: string;
  startYear: number;
  endYear: number;
}

/** An event of the data, as `select` and `getSelection()` give it. */
export interface TimelineEvent {
  id: string;
  title: string;
  text: string;
  /** The date as the timeline shows it, e.g. "21 Aug 2020" or "18 May – 2 Jun 2018". */
  date: string;
  /** ISO 8601 at the date's own precision. */
  start: string;
  end?: string;
  milestone: boolean;
  group?: string;
  link?: string;
  tags?: string[];
  /** The event's media as the data gives it (a relative `url` resolves against the data's URL when drawn). */
  media?: { url?: string; caption?: string; credit?: string; thumbnail?: string };
}

/** A load on screen: `create()` and `load()` resolve with it, the `load` event carries it. */
export interface LoadInfo {
  /** Number of events loaded. */
  events: number;
  title: string;
  /** Number of successful loads of this timeline so far. */
  loads: number;
  window: WindowInfo;
}

export interface Progress {
  phase: 'download' | 'parse';
  /** Bytes downloaded (download) or read (parse) so far. */
  bytes: number;
  /** Bytes in all, or 0 when the server gave no size. */
  total: number;
  /** Events read so far (also during the download). */
  events: number;
}

/** The error a load or `create()` rejects with, and the `error` event's payload. Data errors read
 * `FILE:LINE:COL: error: message` (all diagnostics, one per line); FILE is the last segment of the URL's path
 * (`data URL` for a `data:` URL, `data.json` for inline data); a failed download names the URL it tried. */
export interface ChronoscopeError extends Error {
  /** On a rejected `create()` whose timeline started: that timeline, showing the error (load() again or destroy()). */
  timeline?: Timeline;
  /** A text given to a call was refused before it reached the engine (a NUL character in it). */
  refused?: boolean;
  /** A newer load replaced this one. */
  superseded?: boolean;
  /** The timeline was destroyed. */
  destroyed?: boolean;
  /** The engine ran out of memory (its heap cannot grow past 2 GB). */
  outOfMemory?: boolean;
  /** The engine is restarting after a failure (a call made meanwhile); try again once it is back. */
  restarting?: boolean;
}

/** The events a timeline fires, with their payloads. */
export interface TimelineEvents {
  /** The selection changed: the selected event, or null. */
  select: TimelineEvent | null;
  /** The visible window changed (at most once per frame). */
  rangechange: WindowInfo;
  /** A later load is on screen (not create()'s own, which create() resolves). */
  load: LoadInfo;
  /** A load failed (the old data stays), or the engine failed: then the timeline has started a new engine on a new
   * canvas, which reloads the data on screen from its source and takes over the window, selection and search. */
  error: ChronoscopeError;
  /** Progress of a load while data downloads and is read. */
  progress: Progress;
  /** A tiled timeline's search was counted (its index shards came): the query and its number of matches. */
  search: { query: string; matches: number };
}

/** What a tiled timeline has fetched and holds (`tileStats()`). */
export interface TileStats {
  /** Bytes of tiles fetched so far, and requests made, failed, and in flight now. */
  bytesFetched: number;
  requests: number;
  failed: number;
  inFlight: number;
  /** Decoded tiles held (bounded) and their bytes. */
  nodes: number;
  cacheBytes: number;
  /** The tree level the view is drawn from (-1 before the root came), and whether every tile it needs is here. */
  finestLevelInView: number;
  complete: boolean;
  /** Events of the whole timeline. */
  events: number;
  /** Marks the loaded tiles give the view now, and the events they stand for (all of them at fit-all). */
  windowEvents: number;
  windowWeight: number;
  /** Milliseconds the engine took to take the fetched files in (decoding them), in all and at most for one. */
  arriveMs: number;
  arriveMaxMs: number;
}

export interface Timeline {
  /** The container given to create(). */
  readonly element: HTMLElement;
  /** The timeline's canvas (focus it to give it the keyboard); a new element after the engine restarted. */
  readonly canvas: HTMLCanvasElement;
  readonly options: CreateOptions;

  getWindow(): WindowInfo;
  /** Throws an Error when a date cannot be read or end is not after start. */
  setWindow(start: DateInput, end: DateInput): this;
  /** Selects an event by id (null or '' clears); false when there is no such event. Strings of any length are
   * taken; one with a NUL character throws a TypeError (no id contains one). */
  select(id: string | null): boolean;
  getSelection(): TimelineEvent | null;
  /** Story mode: flies to the next event of the story (the data's "story" order, else time order) and opens its
   * panel; the selected event, or null at the end. */
  next(): TimelineEvent | null;
  /** Story mode: the previous event; before the first one, the title card (then null). */
  previous(): TimelineEvent | null;
  /** Shows the title card (the data's title, description and media) where the data has one; whether it shows. */
  showTitleCard(): boolean;
  isTitleCardShown(): boolean;
  /** Highlights the events whose title, text or tags contain every word (case-insensitive); the count. On a tiled
   * timeline each word matches the start of a word, and -1 means the index is still being fetched: the `search`
   * event then brings the count. */
  search(query: string): number;
  /** Where the event's mark is drawn, in CSS pixels from the canvas's corner, or null (outside the window, hidden,
   * or folded into a cluster). On a tiled timeline, null until the id's shard and the event's tile have come (the
   * call asks for them): ask again after a frame. */
  locate(id: string): { x: number; y: number } | null;
  /** Loads new data; the old data stays on failure. A newer load supersedes one still running. Never throws:
   * what cannot be loaded (data that cannot be written as JSON, a src that is no URL) rejects. */
  load(options: LoadOptions): Promise<LoadInfo>;
  /** Opens a tiled timeline: `load({tiles: url})`. */
  loadTiles(url: string, options?: { keepView?: boolean }): Promise<LoadInfo>;
  /** What the open tiled timeline has fetched and holds; null when a single file is shown. */
  tileStats(): TileStats | null;
  on<K extends keyof TimelineEvents>(name: K, fn: (payload: TimelineEvents[K]) => void): this;
  off<K extends keyof TimelineEvents>(name: K, fn: (payload: TimelineEvents[K]) => void): this;
  setTheme(theme: Theme): this;
  /** Puts the time axis on a scale, keeping the window (fitted anew if everything was in view). Throws an Error
   * for a name other than 'linear' or 'log'. */
  setScale(scale: Scale): this;
  getScale(): Scale;
  /** How many characters of the data's text none of the page's fonts can draw (0: every script shows). */
  missingGlyphs(): Promise<number>;
  /** Right to left or left to right (see CreateOptions.rtl). */
  setRtl(rtl: boolean): this;
  getRtl(): boolean;
  /** Every date in another locale at once (a BCP 47 tag; null: the page's language). Throws a RangeError for a tag
   * that is not one (the locale stays). */
  setLocale(locale: string | null): this;
  /** The locale the dates are in ('ko', 'de-DE'; 'en' for English). */
  getLocale(): string;
  /** Shows times in 'UTC', 'local', an IANA zone, or (null) each at its written offset. Throws a RangeError for an
   * unknown zone (the zone stays). */
  setTimeZone(zone: string | null): this;
  getTimeZone(): string | null;
  destroy(): void;
}

/** A timeline in `element` (or the element a CSS selector finds), resolved once the data has loaded and the first
 * frame is drawn; rejected with a ChronoscopeError. Never throws: arguments that cannot work (no element, data that
 * cannot be written as JSON, a src that is no URL) reject at once, leaving nothing in the element. */
export function create(element: HTMLElement | string, options: CreateOptions & Source): Promise<Timeline>;

/** The package's version. */
export const version: string;

declare const Chronoscope: { create: typeof create; version: typeof version };
export default Chronoscope;

/** The classic script's global (`<script src="chronoscope.js">`). */
export as namespace Chronoscope;
