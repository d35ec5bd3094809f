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
      const bytes = new Uint8Array(col.buffer, col.byteOffset, n * col.BYTES_PER_ELEMENT);
      let h = this.h;
      for (let i = 0; i < bytes.length; i++) {
        h ^= bytes[i] as number;
        h = Math.imul(h, 0x01000193);
      }
      this.h = h;
    }
  }

  /** The hash so far, as 8 hex digits. */
  digest(): string {
    return (this.h >>> 0).toString(16).padStart(8, '0');
  }
}
