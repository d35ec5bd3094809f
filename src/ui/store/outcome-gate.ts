/**
 * Holds a run's outcome until every chunk the worker posted before it has been folded. The
 * worker streams chunks through the callback's own MessagePort and resolves the run through its
 * main port; the HTML event loop orders messages per port only, so on a busy machine the outcome
 * can overtake the last chunks. Marking the run done then showed views without their last
 * records, and a late chunk, folded after the user had moved the playhead, moved it to the
 * computed frontier (the playhead follows the computation while a run is not playing): the
 * cluster map's browser test saw h1 down "at 15 s" (e2e/cluster-map.spec.ts, a CI rehearsal).
 */
export class OutcomeGate {
  private received = 0;
  private need = Infinity;
  private pending: (() => void) | undefined;

  /** A new run: nothing received, nothing pending. */
  reset(): void {
    this.received = 0;
    this.need = Infinity;
    this.pending = undefined;
  }

  /** A chunk of the current run was folded; runs the held outcome if it was the last one (true). */
  chunk(): boolean {
    this.received++;
    return this.release();
  }

  /** The outcome came, after `chunks` chunks were posted: `apply` runs once all are folded. */
  outcome(chunks: number, apply: () => void): void {
    this.need = chunks;
    this.pending = apply;
    this.release();
  }

  /** Whether the run's outcome is waiting for chunks still on their way. */
  get waiting(): boolean {
    return this.pending !== undefined;
  }

  private release(): boolean {
    if (!this.pending || this.received < this.need) return false;
    const apply = this.pending;
    this.pending = undefined;
    apply();
    return true;
  }
}
