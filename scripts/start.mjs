#!/usr/bin/env node
/**
 * `npm start`: builds what is missing or older than its sources (the pages with `vite build`, the server with
 * scripts/build-server.mjs), then runs the compiled server in this process. Plain JavaScript, so that a start
 * on an existing build costs no compiler: an unchanged checkout starts in a couple of seconds.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

if (process.argv.includes('--help')) {
  process.stdout.write(
    'Usage: npm start\nBuilds the pages (build/) and the server (build-server/) when missing or older than their sources, then serves.\nSee README "Running it for real" for the environment.\n',
  );
  process.exit(0);
}

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
const outputs = [
  {
    name: 'pages',
    output: 'build/handler.js',
    // The pages import pure server code (server/core, the API's schemas), so the server's sources count too.
    sources: at('web', 'server', 'db', 'svelte.config.js', 'vite.config.ts', ...CONFIG),
    command: ['npx', ['vite', 'build', '--logLevel', 'warn']],
  },
  {
    name: 'server',
    output: 'build-server/main.js',
    sources: at('server', 'db', 'scripts/build-server.mjs', ...CONFIG),
    command: [process.execPath, [join(ROOT, 'scripts', 'build-server.mjs')]],
  },
];

for (const { name, output, sources, command } of outputs) {
  const built = existsSync(join(ROOT, output)) ? statSync(join(ROOT, output)).mtimeMs : 0;
  if (built > Math.max(...sources.map(newest))) continue;
  process.stdout.write(`building the ${name} (${built ? 'older than their sources' : 'missing'})\n`);
  const result = spawnSync(command[0], command[1], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(`building the ${name} failed\n`);
    process.exit(result.status ?? 1);
  }
}

await import(pathToFileURL(join(ROOT, 'build-server', 'main.js')).href);
