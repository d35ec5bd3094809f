import { TraceHasher } from './engine/trace-hash';
import type { TraceBatch } from './engine/trace';
import type { Micros } from './engine/units';
import { summarize, type RunSummary } from './results/summary';
import type { Scenario } from './scenario/scenario';
import type { CapturePoint } from './export/capture';
import { World } from './world';

/** Simulated time per chunk the worker streams (and the CLI steps). */
export const CHUNK_US = 1_000_000;

/** One step of a run: the records since the last chunk and where the run stands. */
export interface RunChunk {
  readonly batch: TraceBatch;
  readonly simTimeUs: number;
  readonly progress: number;
  readonly done: boolean;
}

/**
 * A run of one scenario in chunks of simulated time. The worker and the CLI drive the same
 * object, so a trace hash computed in either is comparable.
 */
export class ScenarioRun {
  readonly world: World;
  private readonly hasher = new TraceHasher();
  private t = 0;
  private finished = false;

  constructor(scenario: Scenario, options: { capture?: CapturePoint } = {}) {
    this.world = new World(scenario, options);
  }

  /** Simulates the next `chunkUs` and returns the records produced. */
  next(chunkUs = CHUNK_US): RunChunk {
    const w = this.world;
    this.t = Math.min(w.end, this.t + chunkUs);
    w.advance(this.t as Micros);
    const done = this.t >= w.end;
    if (done && !this.finished) {
      w.close();
      this.finished = true;
    }
    const batch = w.trace.drain();
    this.hasher.update(batch);
    return { batch, simTimeUs: this.t, progress: this.t / w.end, done };
  }

  /** Hash of every record so far. */
  get traceHash(): string {
    return this.hasher.digest();
  }

  /** Results so far. */
  summary(): RunSummary {
    return summarize(this.world);
  }
}

/** Runs a scenario to the end; returns the batches, the summary and the trace hash. */
export function runToEnd(
  scenario: Scenario,
  options: { capture?: CapturePoint } = {},
): {
  batches: TraceBatch[];
  summary: RunSummary;
  traceHash: string;
  world: World;
} {
  const run = new ScenarioRun(scenario, options);
  const batches: TraceBatch[] = [];
  for (;;) {
    const c = run.next();
    batches.push(c.batch);
    if (c.done) break;
  }
  return { batches, summary: run.summary(), traceHash: run.traceHash, world: run.world };
}
