import type { RunSummary } from '../../sim/results/summary';
import { metricOf } from '../../sim/sweep/metrics';

/** Which metric (src/sim/sweep/metrics.ts) each results card shows, to subtract the baseline's. */
const CARD_METRICS: Readonly<Record<string, readonly string[]>> = {
  mos: ['mos'],
  jitter: ['jitterMs'],
  loss: ['lossPct', 'latePct'],
  gap: ['failoverGapS'],
  sip: ['regSuccessPct'],
  ping: ['pingMeanMs'],
  cpu: ['cpuVoipPct'],
  pause: ['epochPauseMs'],
  web: ['webP95Ms'],
  tcp: ['tcpMbps'],
};

const valueOf = (s: RunSummary, ids: readonly string[]): number | null => {
  let sum = 0;
  for (const id of ids) {
    const v = metricOf(id)?.of(s);
    if (v === null || v === undefined || !Number.isFinite(v)) return null;
    sum += v;
  }
  return sum;
};

/** "Δ +1.23 ms vs baseline" for a card, or null when the card or the baseline has no such number. */
export function cardDelta(card: string, now: RunSummary, base: RunSummary): string | null {
  const ids = CARD_METRICS[card];
  if (!ids) return null;
  const a = valueOf(now, ids);
  const b = valueOf(base, ids);
  if (a === null || b === null) return null;
  const d = a - b;
  const unit = metricOf(ids[0] as string)?.unit ?? '';
  const digits = Math.abs(d) >= 100 ? 0 : Math.abs(d) >= 10 ? 1 : 2;
  const text = Math.abs(d) < 0.005 ? '±0' : `${d > 0 ? '+' : '−'}${Math.abs(d).toFixed(digits)}`;
  return `Δ ${text}${unit ? ` ${unit}` : ''} vs baseline (${b.toFixed(digits)})`;
}
