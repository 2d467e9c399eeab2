#!/usr/bin/env node
/**
 * `npm run check`: ESLint (with type information), Prettier and svelte-check at once. Each is mostly one
 * thread, so on a machine of two or more cores running them side by side takes about as long as the slowest
 * instead of their sum. Each one's output is printed whole when it ends, so the three never interleave; the
 * check fails if any of them does.
 */
import { spawn, spawnSync } from 'node:child_process';

if (process.argv.includes('--help')) {
  process.stdout.write('Usage: npm run check\nRuns `eslint .`, `prettier --check .` and svelte-check side by side.\n');
  process.exit(0);
}

const steps = [
  { name: 'eslint', command: 'npx', args: ['eslint', '.'] },
  { name: 'prettier', command: 'npx', args: ['prettier', '--check', '--log-level', 'warn', '.'] },
  {
    name: 'svelte-check',
    command: 'npx',
    args: ['svelte-check', '--tsconfig', './tsconfig.json', '--fail-on-warnings'],
  },
];

// First, alone: ESLint's type information and svelte-check both read the tsconfig that `svelte-kit sync` writes.
const sync = spawnSync('npx', ['svelte-kit', 'sync'], { stdio: 'inherit' });
if (sync.status !== 0) process.exit(sync.status ?? 1);

const started = Date.now();
const results = await Promise.all(
  steps.map(
    ({ name, command, args }) =>
      new Promise((resolve) => {
        const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', (chunk) => (output += chunk));
        child.stderr.on('data', (chunk) => (output += chunk));
        child.on('close', (code) => {
          const seconds = ((Date.now() - started) / 1000).toFixed(1);
          process.stdout.write(`== ${name}: ${code === 0 ? 'passed' : 'FAILED'} (${seconds} s)\n${output}`);
          resolve(code === 0);
        });
      }),
  ),
);
process.exit(results.every(Boolean) ? 0 : 1);
