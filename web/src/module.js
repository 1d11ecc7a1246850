// Entry of chronoscope.mjs, the ES module: import Chronoscope, { create, version } from '.../chronoscope.mjs'.
// The engine, worker and fonts load from the folder this module came from.

import { create, version } from './api.js';
import { setBase } from './engine.js';

setBase(new URL('./', import.meta.url).href);

export { create, version };
export default { create, version };
