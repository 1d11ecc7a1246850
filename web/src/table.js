// The tables of 32-bit words through which a worker's result reaches the page (src/platform/web_table.h): the
// worker's result table (cs_parse_table) and the page's adoption table (cs_adopt_begin). Their slots are read by
// name from the engine that wrote them, never from indices written down here.

import { callEngine } from './call.js';

// {parse: {header, headerBytes, needsCjk, events, arrayCount, arrays}, adopt: {arrayCount, arrays},
//  array: {pointer, bytes, stride}}, read once per engine instance.
export function tableLayout(mod) {
  if (!mod.csTableLayout) mod.csTableLayout = JSON.parse(callEngine(mod, 'cs_table_layout', 'string', [], []));
  return mod.csTableLayout;
}

// Reads the table at byte address `at` in mod's heap: its fixed slots by name, and entries(): the per-array
// entries as [{pointer, bytes}].
export function readTable(mod, kind, at) {
  const layout = tableLayout(mod), slots = layout[kind], u32 = mod.HEAPU32, t = at >>> 2;
  const out = {};
  for (const name in slots) if (name !== 'arrays') out[name] = u32[t + slots[name]];
  out.entries = () => {
    const list = [];
    for (let i = 0; i < out.arrayCount; i++) {
      const e = t + slots.arrays + i * layout.array.stride;
      list.push({ pointer: u32[e + layout.array.pointer], bytes: u32[e + layout.array.bytes] });
    }
    return list;
  };
  return out;
}
