// CPU seconds (user + system, from /proc) used so far by the processes this node process started, summed by
// Chromium process type (gpu-process, renderer, browser for the main one, ...). A measure of the work a frame costs
// that, unlike frame intervals, does not grow when other programs load the machine. Empty where /proc is not.
//
//   import { processCpu, cpuDelta } from './proc_cpu.mjs';
//   const a = processCpu(); ...; const seconds = cpuDelta(a, processCpu());   // { 'gpu-process': 1.2, ... }
import fs from 'node:fs';

const TICKS = 100;  // USER_HZ: clock ticks per second in /proc/PID/stat on Linux

export function processCpu() {
  const kids = {}, cpu = {};
  let dirs = [];
  try { dirs = fs.readdirSync('/proc'); } catch (e) { return {}; }
  for (const d of dirs) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const st = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = st.slice(st.lastIndexOf(')') + 2).split(' ');  // fields from the state on (the name may hold spaces)
      (kids[f[1]] ||= []).push(d);
      cpu[d] = (Number(f[11]) + Number(f[12])) / TICKS;         // utime + stime
    } catch (e) { /* gone meanwhile */ }
  }
  const out = {};
  const walk = (pid) => {
    for (const k of kids[pid] || []) {
      let type = 'browser';
      try {
        const m = /--type=([a-z-]+)/.exec(fs.readFileSync(`/proc/${k}/cmdline`, 'utf8'));
        if (m) type = m[1];
      } catch (e) { continue; }
      out[type] = (out[type] || 0) + cpu[k];
      walk(k);
    }
  };
  walk(String(process.pid));
  return out;
}

export function cpuDelta(a, b) {
  const d = {};
  for (const k of Object.keys(b)) d[k] = b[k] - (a[k] || 0);
  return d;
}
