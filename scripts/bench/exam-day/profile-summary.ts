import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  /** Microseconds on the monotonic clock (CLOCK_MONOTONIC, as `process.hrtime`). */
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A stretch of the run (epoch ms) to summarise apart, with the requests answered in it by operation. */
export interface ProfileWindow {
  name: string;
  from: number;
  to: number;
  requests: Record<string, number>;
}

/** Epoch µs minus monotonic µs in this process: the monotonic clock is the machine's, so it maps the server's samples too. */
export function monotonicOffsetUs(): number {
  return Date.now() * 1000 - Number(process.hrtime.bigint() / 1000n);
}

const IDLE = new Set(['(idle)']);

/** Where a frame's code lives: a package, our own folder, or node's internals. */
function owner(url: string): string {
  if (!url) return '(native / GC / idle)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node:internal';
  const own = /\/(server|db|scripts)\/(.*?)(\/[^/]*)?$/.exec(url);
  return own ? `${own[1]}/${own[2]}` : url;
}

/**
 * The top of the CPU profiles (`--cpu-prof`) in `dir`: self time by function and by owner (package or
 * folder), as shares of all samples, for the closing note of a profiling run.
 */
export function profileSummary(
  dir: string,
  top = 15,
  windows: readonly ProfileWindow[] = [],
  offsetUs = monotonicOffsetUs(),
): string[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  const byFunction = new Map<string, number>();
  const byOwner = new Map<string, number>();
  const byOurs = new Map<string, number>();
  let total = 0;
  // Per window: the thread's busy time (every sample but idle), and busy time by function and by our function.
  const perWindow = windows.map(() => ({
    sampled: 0,
    busy: 0,
    gc: 0,
    byFunction: new Map<string, number>(),
    byOurs: new Map<string, number>(),
  }));
  for (const file of files) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    // `CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile`: thread 0 is a process's main thread, the one
    // that serves requests; a worker thread's (item statistics) samples are not the request path's.
    const mainThread = /^CPU\.\d+\.\d+\.\d+\.0\./.test(file);
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    // The innermost frame of our own modules or plugins above a sample: which of our functions the time is spent for.
    const oursCache = new Map<number, string>();
    const ours = (id: number): string => {
      const cached = oursCache.get(id);
      if (cached !== undefined) return cached;
      const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
      const own = /\/server\/(modules|plugins)\/(.*)$/.exec(url);
      const up = parent.get(id);
      const found = own
        ? `${functionName || '(anonymous)'} server/${own[1]}/${own[2]}:${lineNumber + 1}`
        : up === undefined
          ? '(outside our modules: HTTP, framework, GC, idle)'
          : ours(up);
      oursCache.set(id, found);
      return found;
    };
    let clock = profile.startTime;
    profile.samples.forEach((id, i) => {
      const node = nodes.get(id)!;
      const us = profile.timeDeltas[i] ?? 0;
      clock += us;
      const { functionName, url, lineNumber } = node.callFrame;
      const where = url
        ? `${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(server|db|scripts)\//, '$1/')}:${lineNumber + 1}`
        : '';
      const name = `${functionName || '(anonymous)'} ${where}`.trim();
      byFunction.set(name, (byFunction.get(name) ?? 0) + us);
      const o = owner(url);
      byOwner.set(o, (byOwner.get(o) ?? 0) + us);
      const mine = ours(id);
      byOurs.set(mine, (byOurs.get(mine) ?? 0) + us);
      total += us;
      const at = (clock + offsetUs) / 1000;
      windows.forEach((w, k) => {
        if (!mainThread || at < w.from || at >= w.to) return;
        const into = perWindow[k]!;
        into.sampled += us;
        if (IDLE.has(functionName)) return;
        into.busy += us;
        if (functionName === '(garbage collector)') into.gc += us;
        into.byFunction.set(name, (into.byFunction.get(name) ?? 0) + us);
        into.byOurs.set(mine, (into.byOurs.get(mine) ?? 0) + us);
      });
    });
  }
  const pct = (us: number) => `${((us / Math.max(1, total)) * 100).toFixed(1)}%`.padStart(6);
  const list = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `    ${pct(v)}  ${k}`);
  const windowLines = windows.flatMap((w, k) => {
    const into = perWindow[k]!;
    if (into.sampled === 0) return [];
    const answered = Object.entries(w.requests).filter(([, n]) => n > 0);
    const count = answered.reduce((n, [, v]) => n + v, 0);
    const share = (us: number) => `${((us / Math.max(1, into.busy)) * 100).toFixed(1)}%`.padStart(6);
    const of = (m: Map<string, number>, n: number) =>
      [...m.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, n)
        .map(([key, v]) => `      ${share(v)}  ${key}`);
    return [
      `  ${w.name} (${((w.to - w.from) / 1000).toFixed(1)} s): the server's main thread busy ${(into.busy / 1e3).toFixed(0)} ms of ${(into.sampled / 1e3).toFixed(0)} sampled (${((into.busy / into.sampled) * 100).toFixed(0)}%), GC ${share(into.gc).trim()} of it; ` +
        `answered ${answered.map(([op, n]) => `${op} ${n}`).join(', ') || 'nothing'}` +
        (count > 0 ? `: ${(into.busy / 1e3 / count).toFixed(2)} ms busy per request` : ''),
      '    self time, share of busy:',
      ...of(into.byFunction, top),
      '    by the innermost function of our modules above it (inclusive):',
      ...of(into.byOurs, 6),
    ];
  });
  return [
    ...(windowLines.length ? ['CPU profile by stretch of the run:', ...windowLines] : []),
    `CPU profile (${files.length} file(s), ${(total / 1e6).toFixed(1)} s sampled): self time by function`,
    ...list(byFunction),
    '  by package or folder',
    ...list(byOwner),
    '  by the innermost function of our modules above it (inclusive)',
    ...list(byOurs),
  ];
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  process.stdout.write(`${profileSummary(process.argv[2] ?? '.', Number(process.argv[3] ?? 25)).join('\n')}\n`);
}
