import * as Comlink from 'comlink';
import { concatBatches, type TraceBatch } from '../sim/engine/trace';
import type { RunSummary } from '../sim/results/summary';
import { ScenarioRun } from '../sim/run';
import { validateScenario, type ScenarioIssue } from '../sim/scenario/validate';

/** One streamed chunk: the records of the next simulated second, transferred (not copied). */
export interface ChunkMessage {
  readonly runId: number;
  readonly batch: TraceBatch;
  readonly simTimeUs: number;
  readonly progress: number;
}

/** How a run ended. */
export type RunOutcome =
  | {
      readonly status: 'done';
      readonly runId: number;
      readonly summary: RunSummary;
      readonly traceHash: string;
      readonly issues: readonly ScenarioIssue[];
      readonly wallMs: number;
    }
  | { readonly status: 'cancelled'; readonly runId: number };

/** The run in flight; a newer run or `cancel` replaces it and the old loop stops at its next chunk. */
let current = 0;

/**
 * Lets queued messages (a cancel, a newer run) be handled between chunks. A MessageChannel task,
 * not setTimeout(0): nested timeouts are clamped to ≥ 4 ms, which would add ~4 ms per chunk.
 */
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
const yieldToEventLoop = (): Promise<void> =>
  new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(0);
  });

/** Wall time of simulation per posted message: big enough to amortise a post, small enough to keep cancel prompt. */
const POST_EVERY_MS = 25;

const api = {
  /**
   * Runs a scenario, streaming each simulated second's records to `onChunk` with the typed
   * arrays transferred. The scenario is validated again here: the worker trusts no caller.
   */
  async run(
    scenario: unknown,
    runId: number,
    onChunk: (c: ChunkMessage) => void,
  ): Promise<RunOutcome> {
    current = runId;
    const t0 = performance.now();
    const { scenario: s, issues } = validateScenario(scenario);
    const run = new ScenarioRun(s);
    for (let post = 0; ; post++) {
      // The first second is posted at once (quick feedback); later posts gather chunks.
      const budget = post === 0 ? 0 : POST_EVERY_MS;
      // Simulate 1 s chunks (the unit the trace hash folds in, as in the CLI) until the time budget is used.
      const started = performance.now();
      const parts = [];
      let c;
      do {
        c = run.next();
        parts.push(c.batch);
      } while (!c.done && performance.now() - started < budget);
      const b = parts.length === 1 ? (parts[0] as TraceBatch) : concatBatches(parts);
      const msg: ChunkMessage = { runId, batch: b, simTimeUs: c.simTimeUs, progress: c.progress };
      onChunk(
        Comlink.transfer(msg, [
          b.t.buffer,
          b.kind.buffer,
          b.entity.buffer,
          b.a.buffer,
          b.b.buffer,
          b.c.buffer,
        ]),
      );
      if (c.done) {
        return {
          status: 'done',
          runId,
          summary: run.summary(),
          traceHash: run.traceHash,
          issues,
          wallMs: performance.now() - t0,
        };
      }
      await yieldToEventLoop();
      if (current !== runId) return { status: 'cancelled', runId };
    }
  },

  /** Stops run `runId` at its next chunk. */
  cancel(runId: number): void {
    if (current === runId) current = 0;
  },
};

/** The worker's API type, derived from the code (Squoosh's worker-bridge pattern). */
export type SimApi = typeof api;

Comlink.expose(api);
