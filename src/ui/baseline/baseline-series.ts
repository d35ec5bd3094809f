import type { LineSeries } from '../charts/TimeChart';
import { decimate } from '../charts/decimate';
import { OKABE_ITO } from '../theme';
import type { RunViews } from '../views/run-views';

/** The baseline is drawn dashed in black, so it never takes a colour the current run uses. */
const COLOUR = OKABE_ITO.black;

const dir = (d: number) => (d === 0 ? 'caller→callee' : 'callee→caller');

/** The baseline's RTP series of the first call (jitter or delay), over the window, as dashed lines. */
export function baselineRtp(
  b: RunViews,
  field: 'jitterMs' | 'delayMs',
  start: number,
  end: number,
  px: number,
): LineSeries[] {
  const out: LineSeries[] = [];
  for (const d of [0, 1]) {
    const s = b.rtp.get(d);
    if (!s) continue;
    out.push({
      kind: 'line',
      label: `baseline ${dir(d)}`,
      colour: COLOUR,
      dashed: true,
      width: 1.5,
      points: decimate(s.t, s[field], start, end, end, px),
    });
  }
  return out;
}

/** Per-second counts of the baseline (summed over `parts`) as one dashed step line. */
export function baselinePerSecond(
  label: string,
  parts: readonly (readonly number[])[],
): LineSeries {
  const n = Math.max(0, ...parts.map((p) => p.length));
  const points: [number, number][] = [];
  for (let i = 0; i < n; i++) points.push([i * 1e6, parts.reduce((a, p) => a + (p[i] ?? 0), 0)]);
  return { kind: 'line', label, colour: COLOUR, dashed: true, width: 1.5, points };
}
