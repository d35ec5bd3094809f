import * as d3 from 'd3';
import type { RtpSeries } from '../views/run-view-cols';
import type { StreamBands } from './stream-bands';

/** Stream id of a call (0-based) and direction (0 caller→callee, 1 callee→caller), as the world numbers flows. */
export const streamId = (call: number, dir: number): number => call * 2 + dir;

/**
 * The stream drawn when `wanted` was picked and the run has `streams`: the same one, or — once
 * calls were lowered under it — the last call in the same direction (it jumped to the other
 * direction's last stream, call 1500 caller→callee becoming call 40 callee→caller).
 */
export function pickedIn(wanted: number, streams: number): number {
  if (wanted < streams) return wanted;
  const calls = Math.max(1, Math.floor(streams / 2));
  return Math.min(Math.max(0, streams - 1), streamId(calls - 1, wanted % 2));
}

/** "call 3 callee→caller" for stream 5. */
export function streamName(stream: number): string {
  return `call ${Math.floor(stream / 2) + 1} ${stream % 2 === 0 ? 'caller→callee' : 'callee→caller'}`;
}

/**
 * The stream whose value in the bin holding time `t` is nearest to `value` (what a click on the
 * band chart points at), or null when no stream has a value there.
 */
export function nearestStream(b: StreamBands, t: number, value: number): number | null {
  const bin = b.binOf(t);
  if (bin < 0) return null;
  let best: number | null = null;
  let bestD = Infinity;
  for (let k = 0; k < b.streams; k++) {
    const v = b.valueOf(k, bin);
    if (Number.isNaN(v)) continue;
    const d = Math.abs(v - value);
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best;
}

const byTime = d3.bisector((t: number) => t);

/** What the picker's readout says about one stream. */
export interface StreamReadout {
  /** Jitter and delay (ms) of the last packet at or before the time asked, null before any. */
  readonly jitterMs: number | null;
  readonly delayMs: number | null;
  /** Packets received and expected (RFC 3550 A.3) in the window up to that time. */
  readonly received: number;
  readonly expected: number;
}

/** Stream `s` at time `t` (µs), and its packets in [t0, t]. */
export function streamReadout(s: RtpSeries | undefined, t0: number, t: number): StreamReadout {
  if (!s) return { jitterMs: null, delayMs: null, received: 0, expected: 0 };
  const i = byTime.right(s.t, t);
  const first = byTime.left(s.t, t0);
  const received = Math.max(0, i - first);
  let expected = 0;
  if (received > 0) {
    // Highest sequence number in the window minus the highest before it (or the first's base).
    let highest = 0;
    for (let j = first; j < i; j++) highest = Math.max(highest, s.seq[j] as number);
    const base = first > 0 ? (s.seq[first - 1] as number) : (s.seq[first] as number) - 1;
    expected = Math.max(0, highest - base);
  }
  return {
    jitterMs: i > 0 ? (s.jitterMs[i - 1] as number) : null,
    delayMs: i > 0 ? (s.delayMs[i - 1] as number) : null,
    received,
    expected,
  };
}
