/**
 * Latency of "edit → charts updated", kept on window for the browser bench and tests to read.
 * `first`: the first chunk of the new run is drawn; `done`: the run is complete and drawn.
 */
declare global {
  interface Window {
    __labLatency?: { first: number[]; done: number[] };
    /** Cancel pressed → the worker's run stopped (ms), one entry per cancel. */
    __labCancel?: number[];
  }
}

export function recordLatency(kind: 'first' | 'done', ms: number): void {
  const store = (window.__labLatency ??= { first: [], done: [] });
  store[kind].push(ms);
}

/** Records how long a cancel took to stop the worker's run. */
export function recordCancel(ms: number): void {
  (window.__labCancel ??= []).push(ms);
}
