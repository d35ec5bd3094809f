import type { RunSummary } from '../../sim/results/summary';

export type CpuRow = RunSummary['cpu'][number];

/**
 * The share of its core a guest's weight entitles it to when every guest on that core is busy:
 * weight / Σ weights under credit, an equal part under vSlicer (1/(m+n)) and RTDS (one budget and
 * period for every vCPU). dom0 has none.
 */
export function entitledPct(
  row: CpuRow,
  rows: readonly CpuRow[],
  scheduler: string,
): number | null {
  if (row.vm === 'dom0') return null;
  const peers = rows.filter((r) => r.vm !== 'dom0' && r.core === row.core);
  // vSlicer gives every VM 1/(m+n); RTDS with equal budgets, an equal part too.
  if (scheduler !== 'credit') return 100 / peers.length;
  const total = peers.reduce((s, r) => s + r.weight, 0);
  return total > 0 ? (100 * row.weight) / total : null;
}
