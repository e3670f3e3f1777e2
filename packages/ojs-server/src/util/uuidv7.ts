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
  const hex = Buffer.from(bytes.buffer, bytes.byteOffset, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
