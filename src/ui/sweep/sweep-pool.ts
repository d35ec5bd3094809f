import * as Comlink from 'comlink';
import type { SweepRow } from '../../sim/sweep/row';
import type { SweepWorkerApi } from '../../worker/sweep-worker';

/** Workers a sweep fans out over: one per core the browser reports, at least one, at most eight. */
export function poolSize(): number {
  const n = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  return Math.max(1, Math.min(8, n));
}

/**
 * Runs a sweep's points over a pool of workers, each taking the next index when it finishes one.
 * Cancel terminates the workers at once (a run in progress is dropped, not waited for).
 */
export class SweepPool {
  private workers: Worker[] = [];
  private cancelled = false;
  /** Settles the sweep in progress as cancelled (a terminated worker never answers). */
  private stop: () => void = () => undefined;

  /** Runs every index of `spec`; resolves with how it ended. */
  async run(
    spec: unknown,
    size: number,
    onRow: (row: SweepRow, done: number, total: number) => void,
  ): Promise<'done' | 'cancelled'> {
    this.cancelled = false;
    this.workers = Array.from(
      { length: size },
      () =>
        new Worker(new URL('../../worker/sweep-worker.ts', import.meta.url), { type: 'module' }),
    );
    const apis = this.workers.map((w) => Comlink.wrap<SweepWorkerApi>(w));
    const stopped = new Promise<'cancelled'>((resolve) => {
      this.stop = () => resolve('cancelled');
    });
    const work = (async (): Promise<'done' | 'cancelled'> => {
      const counts = await Promise.all(apis.map((a) => a.load(spec)));
      const total = counts[0] ?? 0;
      let next = 0;
      let done = 0;
      await Promise.all(
        apis.map(async (a) => {
          for (;;) {
            if (this.cancelled) return;
            const i = next++;
            if (i >= total) return;
            const row = await a.run(i);
            if (this.cancelled) return;
            done++;
            onRow(row, done, total);
          }
        }),
      );
      return this.cancelled ? 'cancelled' : 'done';
    })();
    try {
      return await Promise.race([work, stopped]);
    } catch (e) {
      if (this.cancelled) return 'cancelled';
      throw e;
    } finally {
      this.terminate();
    }
  }

  /** Stops the sweep now. */
  cancel(): void {
    this.cancelled = true;
    this.terminate();
    this.stop();
  }

  private terminate(): void {
    for (const w of this.workers) w.terminate();
    this.workers = [];
  }
}
