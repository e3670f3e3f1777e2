import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { demo: 'src/demo/cli.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  clean: true,
  sourcemap: true,
  noExternal: [/^@lookout\//],
  banner: { js: '#!/usr/bin/env node' },
});
