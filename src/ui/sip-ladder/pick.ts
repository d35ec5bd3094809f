import { create } from 'zustand';

/**
 * The exchange (a call or a registration; its trace entity) the SIP ladder shows, picked in the
 * ladder's own list or by clicking a call's mark on the timeline; null: the ladder's default.
 * A new run clears it (its exchanges are another run's).
 */
export const useSipPick = create<{ picked: number | null; runId: number }>(() => ({
  picked: null,
  runId: 0,
}));

/** Picks exchange `id` of run `runId` for the ladder. */
export function pickExchange(id: number, runId: number): void {
  useSipPick.setState({ picked: id, runId });
}
