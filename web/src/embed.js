// The opt-in video player (`media: 'embed'`): a YouTube or Vimeo video in the selected event's media plays in an
// iframe laid over the card the details panel draws for it. Off by default: without the option no third-party
// request is ever made and a video is a link card. The engine names the provider and the video id (checked in
// core/media.h: YouTube 11 of [A-Za-z0-9_-], Vimeo digits only) and the card's place; the player's URL is built
// here from those alone, never from the data's URL. YouTube's player comes from its no-cookie host.
//
// A page with a strict Content-Security-Policy must allow the players: frame-src https://www.youtube-nocookie.com
// https://player.vimeo.com (otherwise the browser shows its own "blocked" frame over the card).

import { callEngine } from './call.js';

const PLAYERS = {
  youtube: (id) => ({ src: 'https://www.youtube-nocookie.com/embed/' + encodeURIComponent(id), title: 'YouTube video' }),
  vimeo: (id) => ({ src: 'https://player.vimeo.com/video/' + encodeURIComponent(id), title: 'Vimeo video' }),
};

const STYLE = { position: 'absolute', border: '0', margin: '0', padding: '0', borderRadius: '4px', background: '#000' };

export function removeEmbed(tl) {
  if (tl._embed && tl._embed.frame.parentNode) tl._embed.frame.parentNode.removeChild(tl._embed.frame);
  tl._embed = null;
}

// After each frame of instance mod: the player where the engine drew the selected event's video card, or none.
export function updateEmbed(tl, mod) {
  if (!tl.options || tl.options.media !== 'embed') return;
  const text = callEngine(mod, 'cs_media_embed', 'string', [], []);
  let info = null;
  if (text) {
    try { info = JSON.parse(text); } catch (e) { info = null; }
  }
  const make = info && PLAYERS[info.provider];
  const key = make ? info.provider + ':' + info.id : '';
  if (tl._embed && tl._embed.key !== key) removeEmbed(tl);
  if (!key) return;
  if (!tl._embed) {
    const p = make(String(info.id));
    const f = document.createElement('iframe');
    f.className = 'chronoscope-embed';
    f.title = p.title;
    f.allow = 'fullscreen; picture-in-picture; encrypted-media';
    f.referrerPolicy = 'strict-origin-when-cross-origin';
    f.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-presentation allow-popups');
    Object.assign(f.style, STYLE);
    f.src = p.src;
    tl.element.appendChild(f);
    tl._embed = { key, frame: f, box: '' };
  }
  const c = tl.canvas;
  const box = [c.offsetLeft + info.x, c.offsetTop + info.y, info.w, info.h].map((v) => Math.round(v) + 'px');
  const k = box.join(' ');
  if (tl._embed.box !== k) {
    tl._embed.box = k;
    Object.assign(tl._embed.frame.style, { left: box[0], top: box[1], width: box[2], height: box[3] });
  }
}
