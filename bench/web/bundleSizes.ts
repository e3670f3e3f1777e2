import { z } from 'zod';

/** Vite's `.vite/manifest.json` (the fields used here). */
export const viteManifestSchema = z.record(
  z.string(),
  z.object({
    file: z.string(),
    name: z.string().optional(),
    src: z.string().optional(),
    isEntry: z.boolean().optional(),
    isDynamicEntry: z.boolean().optional(),
    imports: z.array(z.string()).optional(),
    dynamicImports: z.array(z.string()).optional(),
    css: z.array(z.string()).optional(),
  }),
);
export type ViteManifest = z.infer<typeof viteManifestSchema>;

export interface FileSize {
  raw: number;
  gzip: number;
}

export interface ChunkSize extends FileSize {
  /** The lazy chunk's name (its source module's file name when it has no name). */
  name: string;
  files: string[];
}

export interface BundleSizes {
  /** JS the browser loads before the first render: entries and their static imports. */
  initialJs: ChunkSize;
  initialCss: FileSize;
  /** Every dynamic entry with the static imports it adds beyond the initial set, largest first. */
  lazy: ChunkSize[];
  /** Every `.js` file of the build (lazy chunks, workers). */
  totalJs: FileSize;
}

const add = (a: FileSize, b: FileSize): FileSize => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip });
const ZERO: FileSize = { raw: 0, gzip: 0 };

/** Manifest keys reachable from `roots` through static imports. */
function closure(manifest: ViteManifest, roots: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...roots];
  for (let key = stack.pop(); key !== undefined; key = stack.pop()) {
    if (seen.has(key)) continue;
    seen.add(key);
    for (const next of manifest[key]?.imports ?? []) stack.push(next);
  }
  return seen;
}

function sizeOfFiles(files: Iterable<string>, sizeOf: (file: string) => FileSize): FileSize {
  let total = ZERO;
  for (const f of files) total = add(total, sizeOf(f));
  return total;
}

/**
 * Initial, lazy and total sizes of a Vite build from its manifest. `sizeOf` gives a file's raw and gzipped
 * size; `allJsFiles` lists every `.js` file in the build (workers are not always in the manifest).
 */
export function bundleSizes(
  manifest: ViteManifest,
  allJsFiles: readonly string[],
  sizeOf: (file: string) => FileSize,
): BundleSizes {
  const entries = Object.keys(manifest).filter((k) => manifest[k]?.isEntry === true);
  if (entries.length === 0) throw new Error('the build manifest has no entry');
  const initial = closure(manifest, entries);
  const initialFiles = [...initial].map((k) => manifest[k]?.file ?? '').filter((f) => f.endsWith('.js'));
  const initialCssFiles = new Set([...initial].flatMap((k) => manifest[k]?.css ?? []));

  const lazy: ChunkSize[] = Object.keys(manifest)
    .filter((k) => manifest[k]?.isDynamicEntry === true && !initial.has(k))
    .map((k) => {
      const files = [...closure(manifest, [k])]
        .filter((key) => !initial.has(key))
        .map((key) => manifest[key]?.file ?? '')
        .filter((f) => f.endsWith('.js'));
      const chunk = manifest[k];
      const name = chunk?.name ?? (chunk?.src ?? k).split('/').pop() ?? k;
      return { name, files, ...sizeOfFiles(files, sizeOf) };
    })
    .sort((a, b) => b.gzip - a.gzip);

  return {
    initialJs: { name: 'initial', files: initialFiles, ...sizeOfFiles(initialFiles, sizeOf) },
    initialCss: sizeOfFiles(initialCssFiles, sizeOf),
    lazy,
    totalJs: sizeOfFiles(allJsFiles, sizeOf),
  };
}
