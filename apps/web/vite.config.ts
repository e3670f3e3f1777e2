import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

/**
 * The job search parser is shared with the BFF, which does not export it as a package subpath yet:
 * resolve `@lookout/bff/query` to its source.
 */
const sharedAliases = {
  '@lookout/bff/query': fileURLToPath(new URL('../bff/src/query/index.ts', import.meta.url)),
};

const bffTarget = process.env.LOOKOUT_BFF_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  resolve: { alias: sharedAliases },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': { target: bffTarget, changeOrigin: false },
    },
  },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    proxy: {
      '/api': { target: bffTarget, changeOrigin: false },
    },
  },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 600,
  },
});
