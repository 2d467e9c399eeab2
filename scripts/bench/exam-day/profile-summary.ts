import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

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
export function profileSummary(dir: string, top = 15): string[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  const byFunction = new Map<string, number>();
  const byOwner = new Map<string, number>();
  const byOurs = new Map<string, number>();
  let total = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
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
    profile.samples.forEach((id, i) => {
      const node = nodes.get(id)!;
      const us = profile.timeDeltas[i] ?? 0;
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
    });
  }
  const pct = (us: number) => `${((us / Math.max(1, total)) * 100).toFixed(1)}%`.padStart(6);
  const list = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `    ${pct(v)}  ${k}`);
  return [
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
