import { randomFillSync } from 'node:crypto';

const POOL_SIZE = 16 * 256;
const pool = new Uint8Array(POOL_SIZE);
let poolOffset = POOL_SIZE;

function randomBytes10(out: Uint8Array): void {
  if (poolOffset + 10 > POOL_SIZE) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  out.set(pool.subarray(poolOffset, poolOffset + 10), 6);
  poolOffset += 10;
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

let lastMs = -1;
let lastRand = new Uint8Array(16);

/**
 * A lowercase RFC 9562 UUIDv7. Ids made within the same millisecond increase monotonically (the random
 * tail is incremented), so ids sort by creation order within one process.
 */
export function uuidv7(nowMs: number = Date.now()): string {
  const bytes = new Uint8Array(16);
  let ms = Math.floor(nowMs);
  if (ms <= lastMs) {
    // same (or earlier) millisecond: reuse the previous timestamp and bump the random part
    ms = lastMs;
    bytes.set(lastRand);
    for (let i = 15; i >= 7; i--) {
      const b = bytes[i] ?? 0;
      if (b === 0xff) {
        bytes[i] = 0;
        continue;
      }
      bytes[i] = b + 1;
      break;
    }
  } else {
    randomBytes10(bytes);
    lastMs = ms;
  }
  bytes[0] = Math.floor(ms / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(ms / 2 ** 32) & 0xff;
  bytes[2] = (ms >>> 24) & 0xff;
  bytes[3] = (ms >>> 16) & 0xff;
  bytes[4] = (ms >>> 8) & 0xff;
  bytes[5] = ms & 0xff;
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  lastRand = bytes.slice();
  const h = (i: number): string => HEX[bytes[i] ?? 0] ?? '00';
  return (
    h(0) +
    h(1) +
    h(2) +
    h(3) +
    '-' +
    h(4) +
    h(5) +
    '-' +
    h(6) +
    h(7) +
    '-' +
    h(8) +
    h(9) +
    '-' +
    h(10) +
    h(11) +
    h(12) +
    h(13) +
    h(14) +
    h(15)
  );
}
