import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { ScenarioFiles } from '../sim/scenario/load';

/** A read over its limit; the caller knows which limit that was (scenario-arg.ts names both). */
export class FileTooLargeError extends Error {
  override name = 'FileTooLargeError';
}

/**
 * The loader's view of the file system for the CLI. Reads are bounded: at most `limit + 1` bytes
 * are ever held, so /dev/zero, a named pipe that never ends or a multi-gigabyte log given by
 * mistake are refused after the limit instead of being read into memory whole (the size from
 * stat is not trusted: devices and pipes report 0).
 */
export const nodeScenarioFiles: ScenarioFiles = {
  exists(path) {
    try {
      return statSync(path, { throwIfNoEntry: false }) !== undefined;
    } catch {
      return false; // not a path at all (a NUL byte, a name too long): not a file either
    }
  },
  read(path, limit) {
    if (statSync(path).isDirectory()) throw new Error('is a directory, not a scenario file');
    const buf = Buffer.alloc(limit + 1);
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch (e) {
      throw new Error(`cannot open (${(e as NodeJS.ErrnoException).code ?? 'error'})`, {
        cause: e,
      });
    }
    let got = 0;
    try {
      for (;;) {
        const n = readSync(fd, buf, got, buf.length - got, null);
        if (n === 0) break;
        got += n;
        if (got > limit)
          throw new FileTooLargeError(
            `larger than ${limit} bytes, the limit for a scenario file (docs/cli.md); not read`,
          );
      }
    } finally {
      closeSync(fd);
    }
    return buf.toString('utf8', 0, got);
  },
};
