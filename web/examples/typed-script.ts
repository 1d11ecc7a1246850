// The classic script's global, typed: a page with <script src="chronoscope.js"> (no import).
Chronoscope.create(document.body, { src: 'story.json' }).then((tl) => {
  tl.on('select', (ev) => console.log(ev ? ev.title : 'nothing selected'));
  return Chronoscope.version + tl.getWindow().start;
});
