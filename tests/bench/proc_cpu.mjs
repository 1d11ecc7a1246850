// CPU seconds (user + system, from /proc) used so far by the processes this node process started, summed by
// Chromium process type (gpu-process, renderer, browser for the main one, ...). A measure of the work a frame costs
// that, unlike frame intervals, does not grow when other programs load the machine. Empty where /proc is not.
//
//   import { processCpu, cpuDelta } from './proc_cpu.mjs';
//   const a = processCpu(); ...; const seconds = cpuDelta(a, processCpu());   // { 'gpu-process': 1.2, ... }
//   const p = await perfStart(dir); ...; const top = await perfEnd(p, frames);    // where the GPU process's time went
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawn } from 'node:child_process';

const TICKS = 100;  // USER_HZ: clock ticks per second in /proc/PID/stat on Linux

export function processCpu() {
  const out = {};
  for (const [type, pids] of Object.entries(processTree())) for (const p of pids) out[type] = (out[type] || 0) + p.cpu;
  return out;
}

// The processes this node process started, by Chromium process type: { 'gpu-process': [{ pid, cpu }], ... }.
export function processTree() {
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
      (out[type] ||= []).push({ pid: Number(k), cpu: cpu[k] });
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

// Linux perf sampling the browser's GPU process (all its threads, 1000 Hz) into a file in dir; null where there is
// no perf or no GPU process. perfEnd stops it: the GPU process's CPU ms per frame (of `frames`) by thread and shared
// object, the ten largest, as text.
export async function perfStart(dir) {
  const gpu = (processTree()['gpu-process'] || [])[0];
  if (!gpu) return null;
  const file = path.join(dir, `perf-${gpu.pid}-${Date.now()}.data`);
  const child = spawn('perf', ['record', '-F', '1000', '-p', String(gpu.pid), '-o', file, '-q'], { stdio: 'ignore' });
  const ok = await new Promise((resolve) => { child.once('error', () => resolve(false)); setTimeout(() => resolve(true), 300); });
  return ok ? { child, file } : null;
}

export async function perfEnd({ child, file }, frames) {
  await new Promise((resolve) => { child.once('exit', resolve); child.kill('SIGINT'); });
  let text = '';
  try {
    text = execFileSync('perf', ['report', '-i', file, '--stdio', '--sort', 'comm,dso', '-F', 'sample,comm,dso', '-q'],
                        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (e) { return null; } finally { fs.rmSync(file, { force: true }); }
  // (SwiftShader's worker threads are Thread<N>, its compiled routines an anonymous file: [JIT])
  const sums = new Map();
  for (const line of text.split('\n')) {
    const m = /^\s*(\d+)\s+(.+?)\s{2,}(\S.*?)\s*$/.exec(line);
    if (!m) continue;
    const comm = /^Thread<\d+>$/.test(m[2].trim()) ? 'SwiftShader' : m[2].trim();
    const dso = /swiftshader_jit/.test(m[3]) ? '[JIT]' : m[3].replace(/^.*\//, '');
    sums.set(`${comm} ${dso}`, (sums.get(`${comm} ${dso}`) || 0) + Number(m[1]));
  }
  return [...sums].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([k, n]) => `${k} ${(n / Math.max(1, frames)).toFixed(1)}`);
}
