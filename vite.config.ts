import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  // SvelteKit needs cookie@0.6 while Fastify hoists cookie@2 to the top of node_modules;
  // bundling it makes the server build use the version SvelteKit itself resolves.
  ssr: { noExternal: ['cookie'] },
  server: {
    port: 5173,
    // `npm run dev` runs the API separately; the browser's own API calls go through this proxy.
    proxy: { '/api': 'http://127.0.0.1:3001', '/log': 'http://127.0.0.1:3001' },
  },
});
