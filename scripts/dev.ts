/**
 * `npm run dev`: the API (restarting on change) on port 3001 and Vite's dev server with hot reload on 3000.
 * Vite proxies the browser's /api calls to the API; the page renderer reaches it through API_URL.
 */
import { spawn } from 'node:child_process';

if (process.argv.includes('--help')) {
  process.stdout.write('Usage: npm run dev\nAPI on :3001 (tsx watch), pages on http://localhost:3000 (vite dev).\n');
  process.exit(0);
}

const children = [
  spawn('npx', ['tsx', 'watch', 'server/main.ts'], {
    stdio: 'inherit',
    env: { ...process.env, PORT: '3001', ALLOWED_ORIGINS: 'http://localhost:3000' },
  }),
  spawn('npx', ['vite', 'dev', '--port', '3000', '--strictPort'], {
    stdio: 'inherit',
    env: { ...process.env, API_URL: 'http://127.0.0.1:3001' },
  }),
];
const stop = () => children.forEach((c) => c.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) child.on('exit', stop);
