import { parentPort, workerData } from 'node:worker_threads';
import { planSweep } from '../sim/sweep/plan';
import { runSweepPoint } from '../sim/sweep/row';

/**
 * One sweep worker thread: plans the same sweep as the main thread (planning is deterministic and
 * cheap), then runs each run index it is sent and posts the row back.
 */
const { plan } = planSweep(workerData as unknown);
if (!plan || !parentPort) throw new Error('sweep worker: the spec did not plan');
const byIndex = new Map(plan.runs.map((r) => [r.index, r]));
const port = parentPort;
port.on('message', (index: number) => {
  const run = byIndex.get(index);
  if (!run) throw new Error(`sweep worker: no run ${index}`);
  port.postMessage(runSweepPoint(run, plan.metrics));
});
