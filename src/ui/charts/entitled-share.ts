import type { RunSummary } from '../../sim/results/summary';

export type CpuRow = RunSummary['cpu'][number];

/**
 * The share of its core a guest is entitled to when every guest on that core is busy, % of one
 * core. Credit: weight / Σ weights of the guests on the core. vSlicer: an equal part, 1/(m+n),
 * whatever the weights. RTDS: its own reservation, budget / period (xen/common/sched/rt.c: a vCPU
 * is guaranteed its budget every period while the reservations fit the core); extra time may give
 * it more, in an order EDF's ties decide, so the mark is the guarantee. Reservations that add up
 * to more than the core cannot all be met: the marks then show the over-commitment. dom0 has none.
 */
export function entitledPct(
  row: CpuRow,
  rows: readonly CpuRow[],
  scheduler: string,
): number | null {
  if (row.vm === 'dom0') return null;
  if (scheduler === 'rtds')
    return row.rtdsPeriodMs > 0 ? Math.min(100, (100 * row.rtdsBudgetMs) / row.rtdsPeriodMs) : null;
  const peers = rows.filter((r) => r.vm !== 'dom0' && r.core === row.core);
  if (scheduler === 'vslicer') return 100 / peers.length;
  const total = peers.reduce((s, r) => s + r.weight, 0);
  return total > 0 ? (100 * row.weight) / total : null;
}
