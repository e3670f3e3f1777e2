import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { main: 'src/main.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  clean: true,
  sourcemap: true,
  splitting: false,
  noExternal: [/^@lookout\//],
  banner: {
    js: "import { createRequire as __lookoutCreateRequire } from 'node:module'; const require = __lookoutCreateRequire(import.meta.url);",
  },
});
