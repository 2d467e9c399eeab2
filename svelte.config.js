import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // Assets are served as the build's brotli/gzip files (see server/plugins/web.ts for pages).
    adapter: adapter({ out: 'build', precompress: true }),
    files: {
      src: 'web/src',
      assets: 'web/static',
      lib: 'web/src/lib',
      routes: 'web/src/routes',
      appTemplate: 'web/src/app.html',
      errorTemplate: 'web/src/error.html',
      hooks: { server: 'web/src/hooks.server', client: 'web/src/hooks.client' },
      params: 'web/src/params',
    },
    // The web may know the server only through its barrel of public types (eslint.config.js enforces it).
    alias: { $messages: 'web/messages', '$api-types': 'server/api-types.ts' },
    // The CSP for pages is SvelteKit's, so that its own inline hydration script gets a nonce.
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
      },
    },
  },
};

export default config;
