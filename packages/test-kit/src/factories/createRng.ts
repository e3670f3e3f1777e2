/**
 * A small seeded pseudo-random generator (sfc32, seeded through a string hash), so tests and seed data are
 * reproducible: the same seed always yields the same sequence, on every platform.
 */
export interface Rng {
  /** The seed this generator was created with. */
  readonly seed: string;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** True with probability p (default 0.5). */
  bool(p?: number): boolean;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** A shuffled copy (Fisher-Yates). */
  shuffle<T>(items: readonly T[]): T[];
  /** `length` characters from `alphabet` (default lowercase letters and digits). */
  string(length: number, alphabet?: string): string;
  /** An independent generator derived from this one's seed and `label`. */
  fork(label: string): Rng;
}

/** cyrb128: a 128-bit string hash, used to turn any seed into the four sfc32 state words. */
function hash128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

const DEFAULT_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Creates a generator from a number or string seed. */
export function createRng(seed: number | string): Rng {
  const seedText = String(seed);
  let [a, b, c, d] = hash128(seedText);
  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Discard the first outputs, which are correlated with the seed.
  for (let i = 0; i < 12; i++) nextUint32();
  const rng: Rng = {
    seed: seedText,
    next: () => nextUint32() / 4294967296,
    int(min, max) {
      if (!Number.isInteger(min) || !Number.isInteger(max) || max < min)
        throw new RangeError(`int(${min}, ${max}): need integers with min <= max`);
      return min + Math.floor(rng.next() * (max - min + 1));
    },
    bool: (p = 0.5) => rng.next() < p,
    pick(items) {
      if (items.length === 0) throw new RangeError('pick() from an empty array');
      return items[Math.floor(rng.next() * items.length)] as (typeof items)[number];
    },
    shuffle(items) {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(rng.next() * (i + 1));
        [out[i], out[j]] = [out[j] as (typeof out)[number], out[i] as (typeof out)[number]];
      }
      return out;
    },
    string(length, alphabet = DEFAULT_ALPHABET) {
      let s = '';
      for (let i = 0; i < length; i++) s += alphabet[Math.floor(rng.next() * alphabet.length)];
      return s;
    },
    fork: (label) => createRng(`${seedText}/${label}`),
  };
  return rng;
}
