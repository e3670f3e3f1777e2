import fc from 'fast-check';

/** A route as a Hono app lists it (`:param` placeholders). */
export interface RouteTemplate {
  method: string;
  path: string;
}

/** The distinct concrete routes of a Hono app under `prefix` (middleware entries left out). */
export function routesOf(routes: readonly RouteTemplate[], prefix: string, skip: RegExp): RouteTemplate[] {
  const seen = new Map<string, RouteTemplate>();
  for (const r of routes) {
    if (r.method === 'ALL' || !r.path.startsWith(prefix) || r.path.includes('*') || skip.test(r.path))
      continue;
    seen.set(`${r.method} ${r.path}`, { method: r.method, path: r.path });
  }
  return [...seen.values()];
}

/** Hostile strings: empty, huge, control and non-ASCII characters, traversal, injection, numbers. */
export const junkString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '..',
    '../../etc/passwd',
    '%00',
    '\u0000',
    'null',
    'undefined',
    '-1',
    '0',
    '1e309',
    'NaN',
    "'; DROP TABLE jobs; --",
    '<script>alert(1)</script>',
    '__proto__',
    'constructor',
    '019539a4-0000-7000-8000-000000000000',
    'x'.repeat(5000),
    '😀',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

/** A path segment: usually one that exists (given), otherwise junk (URL-encoded as a client would). */
export function segment(valid: readonly string[]): fc.Arbitrary<string> {
  const junk = junkString.map((s) => encodeURIComponent(s));
  return valid.length > 0 ? fc.oneof({ arbitrary: fc.constantFrom(...valid), weight: 2 }, junk) : junk;
}

/** Fills `:param` placeholders from `params` (by name), anything else with junk. */
export function pathFor(template: string, params: Record<string, readonly string[]>): fc.Arbitrary<string> {
  const parts = template.split('/');
  return fc
    .tuple(
      ...parts.map((part) =>
        part.startsWith(':') ? segment(params[part.slice(1)] ?? []) : fc.constant(part),
      ),
    )
    .map((filled) => filled.join('/'));
}

/** A query string mixing known parameter names with junk values (or none). */
export function queryFor(keys: readonly string[]): fc.Arbitrary<string> {
  return fc
    .dictionary(
      fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 8 })),
      fc.oneof(junkString, fc.nat().map(String)),
      {
        maxKeys: 4,
      },
    )
    .map((q) => {
      const entries = Object.entries(q);
      return entries.length === 0 ? '' : `?${new URLSearchParams(entries).toString()}`;
    });
}

/** An object built from the wire's field names with junk values (nested), as a JSON text. */
export function bodyFor(keys: readonly string[]): fc.Arbitrary<string | undefined> {
  const leaf = fc.oneof(junkString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
  const key = fc.oneof({ arbitrary: fc.constantFrom(...keys), weight: 3 }, fc.string({ maxLength: 6 }));
  const value = (depth: number): fc.Arbitrary<unknown> =>
    depth === 0
      ? leaf
      : fc.oneof(
          leaf,
          fc.dictionary(key, value(depth - 1), { maxKeys: 6 }),
          fc.array(value(depth - 1), { maxLength: 4 }),
        );
  const object = fc.dictionary(key, value(3), { maxKeys: 6 });
  return fc.oneof(
    { arbitrary: object.map((v) => JSON.stringify(v)), weight: 6 },
    { arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)), weight: 1 },
    fc.constantFrom(undefined, '', '{', '{"type":', '[]', 'null', '"x"', '{"__proto__":{"polluted":true}}'),
    fc.string({ maxLength: 60 }),
  );
}

/** Content types a client may send (mostly JSON). */
export const contentType: fc.Arbitrary<string | undefined> = fc.oneof(
  { arbitrary: fc.constant('application/json'), weight: 4 },
  fc.constantFrom(
    'application/openjobspec+json',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/json; charset=latin1',
    undefined,
  ),
);

export interface FuzzTally {
  cases: number;
  byStatus: Record<string, number>;
  rejected: number;
}

export function newTally(): FuzzTally {
  return { cases: 0, byStatus: {}, rejected: 0 };
}

export function count(tally: FuzzTally, status: number): void {
  tally.cases++;
  const key = `${Math.floor(status / 100)}xx`;
  tally.byStatus[key] = (tally.byStatus[key] ?? 0) + 1;
  if (status >= 400) tally.rejected++;
}
