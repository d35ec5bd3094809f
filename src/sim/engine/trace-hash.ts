import type { TraceBatch } from './trace';

/**
 * FNV-1a (32-bit) over the bytes of every column, batch after batch, carried across batches.
 * Equal hashes in the worker and in Node show the same scenario and seed gave the same trace.
 */
export class TraceHasher {
  private h = 0x811c9dc5;

  /** Folds a batch into the hash. */
  update(batch: TraceBatch): void {
    const n = batch.count;
    for (const col of [batch.t, batch.kind, batch.entity, batch.a, batch.b, batch.c]) {
      this.h = foldBytes(this.h, col.buffer, col.byteOffset, n * col.BYTES_PER_ELEMENT);
    }
  }

  /** The hash so far, as 8 hex digits. */
  digest(): string {
    return (this.h >>> 0).toString(16).padStart(8, '0');
  }
}

/** Whether this platform stores typed-array words little-endian (every browser and Node target is). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The FNV-1a prime, and its square and fourth power mod 2^32 (folding 2 or 4 zero bytes at once). */
const PRIME = 0x01000193;
const PRIME2 = Math.imul(PRIME, PRIME);
const PRIME4 = Math.imul(PRIME2, PRIME2);

/**
 * FNV-1a over `length` bytes from `offset`, byte after byte. Where the bytes are 4-aligned on a
 * little-endian platform it reads them a word at a time and folds the word's bytes low to high,
 * which is the same bytes in the same order: the same hash with a quarter of the loads (the byte
 * loop was 3 % of the cluster bench's profile, ADR 0021 addendum). A zero byte only multiplies
 * (h ^ 0 = h), so k zero bytes in a row are one multiplication by PRIME^k: a word that is zero,
 * or whose high half is (small integers, the low word of a small double), costs one or three
 * multiplications instead of four — still exactly FNV-1a.
 */
function foldBytes(hash: number, buffer: ArrayBufferLike, offset: number, length: number): number {
  let h = hash;
  let i = 0;
  if (LITTLE_ENDIAN && offset % 4 === 0) {
    const words = new Uint32Array(buffer, offset, length >>> 2);
    for (let w = 0; w < words.length; w++) {
      const x = words[w] as number;
      if (x === 0) {
        h = Math.imul(h, PRIME4);
      } else if (x >>> 16 === 0) {
        h = Math.imul(h ^ (x & 0xff), PRIME);
        h = Math.imul(h ^ (x >>> 8), PRIME);
        h = Math.imul(h, PRIME2);
      } else {
        h = Math.imul(h ^ (x & 0xff), PRIME);
        h = Math.imul(h ^ ((x >>> 8) & 0xff), PRIME);
        h = Math.imul(h ^ ((x >>> 16) & 0xff), PRIME);
        h = Math.imul(h ^ (x >>> 24), PRIME);
      }
    }
    i = words.length * 4;
  }
  const bytes = new Uint8Array(buffer, offset, length);
  for (; i < length; i++) h = Math.imul(h ^ (bytes[i] as number), PRIME);
  return h;
}
