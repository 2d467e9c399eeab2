/**
 * The two builds (the pages with `vite build`, the server with scripts/build-server.mjs) and whether each is older
 * than its sources: `npm start` builds what is missing or stale, and so does `npm test` for the pages, so that a run
 * never tests pages older than their sources and an unchanged checkout is not built twice (CI builds the pages beside
 * `npm run check`, then tests them).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SKIP = new Set(['node_modules', '.svelte-kit', 'build', 'build-server', 'data']);

/** The newest modification time under `path` (a file or a folder), in ms; 0 if it does not exist. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (SKIP.has(entry.name) || entry.name.endsWith('.test.ts')) continue;
    latest = Math.max(latest, newest(join(path, entry.name)));
  }
  return latest;
}

const at = (...paths) => paths.map((p) => join(ROOT, p));
const CONFIG = ['package.json', 'package-lock.json', 'tsconfig.json'];

export const BUILDS = {
  pages: {
    output: 'build/handler.js',
    // The pages import pure server code (server/core, the API's schemas), so the server's sources count too.
    sources: at('web', 'server', 'db', 'svelte.config.js', 'vite.config.ts', ...CONFIG),
    command: ['npx', ['vite', 'build', '--logLevel', 'warn']],
  },
  server: {
    output: 'build-server/main.js',
    sources: at('server', 'db', 'scripts/build-server.mjs', ...CONFIG),
    command: [process.execPath, [join(ROOT, 'scripts', 'build-server.mjs')]],
  },
};

/**
 * Builds `name` ('pages' or 'server') when its output is missing or older than any of its sources, saying so;
 * returns false when the build failed.
 */
export function buildIfStale(name) {
  const { output, sources, command } = BUILDS[name];
  const built = existsSync(join(ROOT, output)) ? statSync(join(ROOT, output)).mtimeMs : 0;
  if (built > Math.max(...sources.map(newest))) return true;
  process.stdout.write(`building the ${name} (${built ? 'older than their sources' : 'missing'})\n`);
  const result = spawnSync(command[0], command[1], { cwd: ROOT, stdio: 'inherit' });
  if (result.status === 0) return true;
  process.stderr.write(`building the ${name} failed\n`);
  return false;
}
