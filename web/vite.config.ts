// Vite builds the UI into web/dist, which `candor serve` hands out as static
// files. The output must run under `Content-Security-Policy: default-src 'self'`:
// no inline scripts or styles, no eval, nothing from other origins.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'preact' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The preload polyfill is the one thing Vite might inline; modern
    // browsers support <link rel=modulepreload> natively.
    modulePreload: { polyfill: false },
    // Small assets would otherwise become data: URLs, which the CSP forbids.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    // `npm run dev` proxies the API to a locally running `candor serve`.
    proxy: { '/api': 'http://127.0.0.1:8080', '/healthz': 'http://127.0.0.1:8080' },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
