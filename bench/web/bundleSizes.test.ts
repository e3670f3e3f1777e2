import { describe, expect, it } from 'vitest';
import { bundleSizes, viteManifestSchema, type FileSize } from './bundleSizes';

const manifest = viteManifestSchema.parse({
  'index.html': {
    file: 'assets/index-a.js',
    isEntry: true,
    imports: ['_vendor-b.js'],
    dynamicImports: ['src/Graph.tsx', 'src/Charts.tsx'],
    css: ['assets/index-a.css'],
  },
  '_vendor-b.js': { file: 'assets/vendor-b.js' },
  '_shared-c.js': { file: 'assets/shared-c.js', imports: ['_vendor-b.js'] },
  'src/Graph.tsx': {
    file: 'assets/Graph-d.js',
    name: 'Graph',
    isDynamicEntry: true,
    imports: ['_shared-c.js', '_vendor-b.js'],
    css: ['assets/Graph-d.css'],
  },
  'src/Charts.tsx': { file: 'assets/Charts-e.js', src: 'src/Charts.tsx', isDynamicEntry: true },
});

const sizes: Record<string, FileSize> = {
  'assets/index-a.js': { raw: 1000, gzip: 300 },
  'assets/vendor-b.js': { raw: 5000, gzip: 1500 },
  'assets/shared-c.js': { raw: 400, gzip: 100 },
  'assets/Graph-d.js': { raw: 2000, gzip: 700 },
  'assets/Charts-e.js': { raw: 800, gzip: 200 },
  'assets/layout.worker-f.js': { raw: 3000, gzip: 900 },
  'assets/index-a.css': { raw: 600, gzip: 150 },
};
const sizeOf = (file: string): FileSize => {
  const s = sizes[file];
  if (!s) throw new Error(`no size for ${file}`);
  return s;
};

describe('bundleSizes', () => {
  const all = Object.keys(sizes).filter((f) => f.endsWith('.js'));
  const result = bundleSizes(manifest, all, sizeOf);

  it('counts the entry and its static imports as initial JS', () => {
    expect(result.initialJs.files.sort()).toEqual(['assets/index-a.js', 'assets/vendor-b.js']);
    expect(result.initialJs.gzip).toBe(1800);
    expect(result.initialJs.raw).toBe(6000);
    expect(result.initialCss).toEqual({ raw: 600, gzip: 150 });
  });

  it('sizes each lazy chunk with what it adds beyond the initial set, largest first', () => {
    expect(result.lazy.map((c) => [c.name, c.gzip])).toEqual([
      ['Graph', 800],
      ['Charts.tsx', 200],
    ]);
    expect(result.lazy[0]?.files.sort()).toEqual(['assets/Graph-d.js', 'assets/shared-c.js']);
  });

  it('totals every JS file, workers included', () => {
    expect(result.totalJs).toEqual({ raw: 12_200, gzip: 3700 });
  });

  it('rejects a manifest without an entry', () => {
    expect(() => bundleSizes({}, [], sizeOf)).toThrow(/no entry/);
  });
});
