import { planSweep } from '../src/sim/sweep/plan';
import { runPool } from '../src/cli/sweep-pool';

/** The issues' sweep figure: 16 points × 30 simulated s of the remus-bursts preset. */
export const BENCH_SWEEP = {
  sweepVersion: 1,
  scenario: 'remus-bursts',
  set: { durationS: 30 },
  vary: [{ path: 'replication.intervalMs', from: 50, to: 800, steps: 16 }],
  seeds: 1,
  metrics: ['jitterMs', 'lossPct', 'mos'],
};

/** Wall time of the bench sweep on `jobs` worker threads (npm run sweep's pool), ms. */
export async function nodeSweepMs(jobs: number): Promise<{ ms: number; runs: number }> {
  const { plan } = planSweep(BENCH_SWEEP);
  if (!plan) throw new Error('bench sweep did not plan');
  const t0 = performance.now();
  let runs = 0;
  await runPool(
    BENCH_SWEEP,
    plan.runs.map((r) => r.index),
    jobs,
    () => runs++,
  );
  return { ms: performance.now() - t0, runs };
}
