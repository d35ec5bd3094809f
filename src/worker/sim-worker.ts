import * as Comlink from 'comlink';
import { concatBatches, type TraceBatch } from '../sim/engine/trace';
import type { RunSummary } from '../sim/results/summary';
import { CHUNK_US, ScenarioRun } from '../sim/run';
import { validateScenario, type ScenarioIssue } from '../sim/scenario/validate';

/** One streamed message: the records of the last ~25 ms of work (the first: of the first slice with any), transferred (not copied). */
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
      /** Chunks posted for this run: the page applies the outcome once it has folded them all. */
      readonly chunks: number;
    }
  | { readonly status: 'cancelled'; readonly runId: number };

/** The run in flight; a newer run or `cancel` replaces it and the old loop stops at its next post. */
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

/**
 * Events simulated between two looks at the event loop (for a cancel or a newer run). A 1 s
 * chunk of a dense scenario is millions of events (200 calls: ~220 000 per simulated second,
 * seconds of wall time), so the loop counts events, not simulated time. At the slowest rate
 * measured in Chromium on the loaded 2-core machine (~250 000 events/s) 2048 events are ~8 ms;
 * a yield costs ~0.05 ms, under 1 % of that.
 */
export const SLICE_EVENTS = 2048;

const api = {
  /**
   * Runs a scenario, streaming its records to `onChunk` every ~25 ms of work with the typed arrays
   * transferred, and yielding to the event loop after every slice so a cancel is seen within one
   * slice. The scenario is validated again here: the worker trusts no caller.
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
    let parts: TraceBatch[] = [];
    let posted = performance.now();
    let chunks = 0;
    for (;;) {
      // One slice; the 1 s chunks the trace hash folds stay whole (a sliced chunk is finished by
      // the next slices).
      const c = run.next(CHUNK_US, SLICE_EVENTS);
      if (c.batch.count > 0) parts.push(c.batch);
      // The first records go at once, so the page shows the new run within a slice of the edit
      // (issue 11: first chart ≤ 300 ms); later ones every POST_EVERY_MS.
      const first = chunks === 0 && parts.length > 0;
      if (c.done || first || performance.now() - posted >= POST_EVERY_MS) {
        const b =
          parts.length === 1
            ? (parts[0] as TraceBatch)
            : concatBatches(parts.length ? parts : [c.batch]);
        parts = [];
        posted = performance.now();
        const msg: ChunkMessage = { runId, batch: b, simTimeUs: c.simTimeUs, progress: c.progress };
        chunks++;
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
      }
      if (c.done) {
        return {
          status: 'done',
          runId,
          summary: run.summary(),
          traceHash: run.traceHash,
          issues,
          wallMs: performance.now() - t0,
          chunks,
        };
      }
      await yieldToEventLoop();
      if (current !== runId) return { status: 'cancelled', runId };
    }
  },

  /** Stops run `runId` at its next slice (within one slice of wall time). */
  cancel(runId: number): void {
    if (current === runId) current = 0;
  },
};

/** The worker's API type, derived from the code (Squoosh's worker-bridge pattern). */
export type SimApi = typeof api;

Comlink.expose(api);
