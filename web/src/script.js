// Entry of chronoscope.js, the classic script: <script src=".../chronoscope.js"> defines window.Chronoscope.
// The engine, worker and fonts load from the folder this script came from.

import { create, version } from './api.js';
import { setBase } from './engine.js';

const script = document.currentScript;
setBase(new URL(script && script.src ? script.src.replace(/[^/]*([?#].*)?$/, '') : './', document.baseURI).href);

window.Chronoscope = { create, version };
