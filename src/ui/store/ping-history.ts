/**
 * The previous run's ping RTTs, kept when a new run starts, so the RTT CDF can compare two
 * settings (say credit, then vSlicer) side by side.
 */
export interface PingSnapshot {
  readonly label: string;
  readonly rttMs: readonly number[];
}

let previous: PingSnapshot | null = null;

/** Remembers a finished run's RTTs (ignored when it had none). */
export function rememberPing(label: string, rttMs: readonly number[]): void {
  if (rttMs.length > 0) previous = { label, rttMs: [...rttMs] };
}

/** The remembered run, if any. */
export function previousPing(): PingSnapshot | null {
  return previous;
}
