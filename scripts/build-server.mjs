#!/usr/bin/env node
/**
 * `npm run build` (second half): compiles the server (server/main.ts and everything it imports from server/ and
 * db/) into one ES module, build-server/main.js, so that `npm start` runs plain JavaScript and not `tsx`.
 * Packages stay in node_modules (imported, not bundled). Files the server reads beside its sources (the
 * migrations, the demo's question bank) are read where they are: `import.meta.url` and `import.meta.dirname`
 * in a source file are rewritten to that file's own place in the checkout.
 */
import { readFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

if (process.argv.includes('--help')) {
  process.stdout.write('Usage: node scripts/build-server.mjs\nWrites build-server/main.js from server/main.ts.\n');
  process.exit(0);
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SERVER_BUNDLE = 'build-server/main.js';

/** The bundle lives one folder below the checkout's root; a source file's place is given relative to the root. */
const fromRoot = (path) => JSON.stringify(relative(ROOT, path).split('\\').join('/'));

const ownPlaces = {
  name: 'own-places',
  setup(context) {
    context.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.')) return { contents: source, loader: 'ts' };
      const root = "new URL('../', import.meta.url)";
      const contents = source.replace(/import\.meta\.(url|dirname)\b/g, (_match, what) =>
        what === 'url'
          ? `new URL(${fromRoot(args.path)}, ${root}).href`
          : `decodeURIComponent(new URL(${fromRoot(dirname(args.path))} + '/', ${root}).pathname)`,
      );
      return { contents, loader: 'ts' };
    });
  },
};

const started = Date.now();
await build({
  absWorkingDir: ROOT,
  // The item analysis runs on a worker thread of its own (server/modules/statistics/analysis-thread.ts).
  entryPoints: { main: 'server/main.ts', 'analysis.worker': 'server/modules/statistics/analysis.worker.ts' },
  outdir: 'build-server',
  define: { 'process.env.IMTAHAN_COMPILED': '"true"' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [ownPlaces],
});
process.stdout.write(`server built: ${SERVER_BUNDLE} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
