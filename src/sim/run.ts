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
  /** End of the chunk being simulated (µs). */
  private t = 0;
  /** Whether the model has reached `t` (a sliced chunk may stop short of it). */
  private reached = true;
  private finished = false;

  constructor(scenario: Scenario, options: { capture?: CapturePoint } = {}) {
    this.world = new World(scenario, options);
  }

  /**
   * Simulates the next `chunkUs` and returns the records produced. With `maxEvents`, stops after
   * that many events (the chunk is finished by the following calls), so one call's wall time is
   * bounded however dense the chunk is. The trace hash folds each whole chunk column by column,
   * so it is updated only when a chunk is complete and slicing never changes it.
   */
  next(chunkUs = CHUNK_US, maxEvents = Infinity): RunChunk {
    const w = this.world;
    if (this.reached) this.t = Math.min(w.end, this.t + chunkUs);
    this.reached = w.advance(this.t as Micros, maxEvents);
    const done = this.reached && this.t >= w.end;
    if (done && !this.finished) {
      w.close();
      this.finished = true;
    }
    const batch = w.trace.takeNew();
    // The hash folds each 1 s chunk whole (column by column), as it always has.
    if (this.reached) this.hasher.update(w.trace.endChunk());
    const simTimeUs = this.reached ? this.t : w.sim.now;
    return { batch, simTimeUs, progress: simTimeUs / w.end, done };
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
