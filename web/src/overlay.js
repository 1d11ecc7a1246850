// The progress overlay: a small status line over the bottom-left corner of a timeline while data loads.
// It is styled through the CSSOM (element.style), which a Content-Security-Policy without 'unsafe-inline' styles
// allows; pages may restyle it with the class chronoscope-progress.

const STYLE = {
  position: 'absolute', left: '12px', bottom: '12px', padding: '6px 10px', borderRadius: '6px',
  font: '13px system-ui,sans-serif', background: 'rgba(20,22,30,.8)', color: '#fff', pointerEvents: 'none',
  display: 'none',
};

// Shows `text` over the timeline's element, or hides the overlay when text is empty or null.
export function showProgress(tl, text) {
  if (!tl._overlay) {
    const o = document.createElement('div');
    o.className = 'chronoscope-progress';
    o.setAttribute('role', 'status');
    Object.assign(o.style, STYLE);
    tl.element.appendChild(o);
    tl._overlay = o;
  }
  tl._overlay.textContent = text || '';
  tl._overlay.style.display = text ? 'block' : 'none';
}

export function removeOverlay(tl) {
  if (tl._overlay && tl._overlay.parentNode) tl._overlay.parentNode.removeChild(tl._overlay);
  tl._overlay = null;
}
