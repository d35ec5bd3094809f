import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Largest file the CLI reads (scenario, sweep spec, sweep rows): 1 MB for a spec, 64 MB for rows. */
export const MAX_SPEC_BYTES = 1_000_000;
export const MAX_ROWS_BYTES = 64_000_000;

/**
 * Reads a regular file as UTF-8 text, refusing anything else (a device such as /dev/zero, a FIFO)
 * and anything over `limit` bytes before reading it, so a wrong path never fills memory.
 */
export function readTextFile(path: string, limit = MAX_SPEC_BYTES): string {
  const fd = openSync(path, 'r');
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new Error(`${path} is not a regular file`);
    if (st.size > limit)
      throw new Error(`${path} is ${st.size} bytes; the limit is ${limit} bytes`);
    const buf = Buffer.alloc(st.size);
    let got = 0;
    while (got < st.size) {
      const n = readSync(fd, buf, got, st.size - got, got);
      if (n === 0) break;
      got += n;
    }
    return buf.subarray(0, got).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
