#!/usr/bin/env node
/**
 * `npm start`: builds what is missing or older than its sources (the pages with `vite build`, the server with
 * scripts/build-server.mjs), then runs the compiled server in this process. Plain JavaScript, so that a start
 * on an existing build costs no compiler: an unchanged checkout starts in a couple of seconds.
 */
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildIfStale } from './builds.mjs';

if (process.argv.includes('--help')) {
  process.stdout.write(
    'Usage: npm start\nBuilds the pages (build/) and the server (build-server/) when missing or older than their sources, then serves.\nSee README "Running it for real" for the environment.\n',
  );
  process.exit(0);
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

for (const name of ['pages', 'server']) {
  if (!buildIfStale(name)) process.exit(1);
}

await import(pathToFileURL(join(ROOT, 'build-server', 'main.js')).href);
