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
  // Workspace packages are consumed from TypeScript source: bundle them. Every npm dependency (theirs too,
  // e.g. the native better-sqlite3) stays external and is loaded from node_modules at run time.
  noExternal: [/^@lookout\//],
  esbuildPlugins: [
    {
      name: 'external-npm-dependencies',
      setup(build) {
        build.onResolve({ filter: /^[^./]/ }, (args) =>
          args.path.startsWith('@lookout/') ? undefined : { path: args.path, external: true },
        );
      },
    },
  ],
});
