import { type Rng } from './createRng';

/**
 * A lowercase UUIDv7 (RFC 9562): 48-bit Unix milliseconds, version 7, variant 10, random rest.
 * Deterministic when given an rng and a time, so fixtures can carry stable, valid job ids.
 */
export function makeUuidV7(options: { rng?: Rng; nowMs?: number } = {}): string {
  const nowMs = options.nowMs ?? Date.now();
  if (!Number.isInteger(nowMs) || nowMs < 0 || nowMs > 0xffffffffffff)
    throw new RangeError(`makeUuidV7: nowMs must be a 48-bit non-negative integer, got ${nowMs}`);
  const random = (): number => (options.rng ? options.rng.int(0, 255) : Math.floor(Math.random() * 256));
  const bytes = new Uint8Array(16);
  let t = nowMs;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = t % 256;
    t = Math.floor(t / 256);
  }
  for (let i = 6; i < 16; i++) bytes[i] = random();
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
