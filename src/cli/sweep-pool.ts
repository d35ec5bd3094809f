import { Worker } from 'node:worker_threads';
import type { SweepRow } from '../sim/sweep/row';

/** Runs `indices` over `jobs` worker threads; rows arrive in completion order. */
export async function runPool(
  specJson: unknown,
  indices: readonly number[],
  jobs: number,
  onRow: (r: SweepRow) => void,
): Promise<void> {
  const queue = [...indices];
  const n = Math.min(jobs, queue.length);
  await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<void>((resolve, reject) => {
          const w = new Worker(new URL('./sweep-worker-boot.mjs', import.meta.url), {
            workerData: specJson,
          });
          const feed = () => {
            const next = queue.shift();
            if (next === undefined) void w.terminate().then(() => resolve());
            else w.postMessage(next);
          };
          w.on('message', (row: SweepRow) => {
            onRow(row);
            feed();
          });
          w.on('error', reject);
          feed();
        }),
    ),
  );
}
