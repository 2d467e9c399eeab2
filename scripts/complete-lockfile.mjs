#!/usr/bin/env node
/**
 * Adds lockfile entries for platform-specific optional packages that npm could not resolve.
 *
 * Why: the registry this project is built from does not carry every platform build of some native
 * packages (e.g. rollup's Android and Windows binaries). `npm install` then leaves them out of
 * package-lock.json, and `npm ci` refuses the lockfile as out of sync. Recording them as optional,
 * with their os/cpu/libc, lets `npm ci` skip them on this platform as it would anywhere else.
 *
 * Plain JavaScript, so it runs before `npm ci` has installed anything. `--check` only reports.
 *   node scripts/complete-lockfile.mjs [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs';

const OS = ['android', 'darwin', 'freebsd', 'linux', 'openbsd', 'openharmony', 'win32', 'netbsd', 'sunos', 'aix'];
const CPU = ['arm64', 'arm', 'x64', 'ia32', 'loong64', 'ppc64', 'riscv64', 's390x', 'mips64el', 'wasm32'];

/** os, cpu and libc from a name such as `@rollup/rollup-linux-arm-musleabihf`, or null if it names no platform. */
function platformOf(name) {
  const tokens = name.split('/').pop().split('-');
  const os = tokens.find((t) => OS.includes(t));
  const cpu = tokens.find((t) => CPU.includes(t));
  if (!os || !cpu) return null;
  const libc = os !== 'linux' ? undefined : tokens.some((t) => t.startsWith('musl')) ? 'musl' : 'glibc';
  return { os, cpu, libc };
}

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const added = [];
for (const [key, entry] of Object.entries(lock.packages)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const location = `node_modules/${name}`;
    if (lock.packages[location] || lock.packages[`${key}/${location}`]) continue;
    const platform = platformOf(name);
    if (!platform || !/^\d+\.\d+\.\d+/.test(range)) continue;
    lock.packages[location] = {
      version: range,
      cpu: [platform.cpu],
      ...(entry.dev ? { dev: true } : {}),
      ...(platform.libc ? { libc: [platform.libc] } : {}),
      optional: true,
      os: [platform.os],
    };
    added.push(`${name}@${range}`);
  }
}

if (added.length === 0) {
  process.stdout.write('package-lock.json: every platform package is recorded\n');
} else if (process.argv.includes('--check')) {
  process.stdout.write(`package-lock.json lacks ${added.length} platform package(s): ${added.join(', ')}\n`);
  process.exit(1);
} else {
  const [root, ...rest] = Object.entries(lock.packages);
  lock.packages = Object.fromEntries([root, ...rest.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);
  writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
  process.stdout.write(`package-lock.json: recorded ${added.length} platform package(s) npm could not resolve\n`);
}
