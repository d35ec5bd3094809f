import { create } from 'zustand';

/**
 * The exchange (a call or a registration; its trace entity) the SIP ladder shows, picked in the
 * ladder's own list or by clicking a call's mark on the timeline; null: the ladder's default.
 * Tied to its run (a new run's exchanges are another run's). `troubledOnly` is the ladder's
 * filter (only exchanges with resent or lost copies).
 */
export const useSipPick = create<{ picked: number | null; runId: number; troubledOnly: boolean }>(
  () => ({ picked: null, runId: 0, troubledOnly: false }),
);

/**
 * Picks exchange `id` of run `runId` for the ladder. A pick from the timeline (`fromTimeline`) of
 * an exchange the filter hides clears the filter, so the ladder shows what was clicked.
 */
export function pickExchange(
  id: number,
  runId: number,
  fromTimeline?: { troubled: boolean },
): void {
  const clear = fromTimeline !== undefined && !fromTimeline.troubled;
  useSipPick.setState((s) => ({
    picked: id,
    runId,
    troubledOnly: clear ? false : s.troubledOnly,
  }));
}

/** Turns the ladder's filter on or off (the current pick stays if it passes). */
export function setTroubledOnly(on: boolean): void {
  useSipPick.setState({ troubledOnly: on });
}
