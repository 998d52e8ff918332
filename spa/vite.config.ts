import { defineConfig } from 'vite';

// The hub serves dist/ (Omslite:WebRoot); `npm run dev` proxies the API to a hub started with
// `./omslite run --urls http://127.0.0.1:5093`.
export default defineConfig({
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 200 },
  server: { proxy: { '/api': 'http://127.0.0.1:5093', '/health': 'http://127.0.0.1:5093' } },
});
