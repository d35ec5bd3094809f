import { create } from 'zustand';
import { DEFAULT_VIEW, readViewFlags, type ViewFlags } from '../../sim/scenario/view-keys';

/** How the page shows the scenario, from the link: embed, projector, hidden panels, projector chart. */
export const useView = create<ViewFlags & { problems: readonly string[] }>(() => ({
  ...DEFAULT_VIEW,
  problems: [],
}));

/** Reads the view keys of the current link. */
export function readViewFromLocation(hash: string = window.location.hash): void {
  const { flags, problems } = readViewFlags(hash);
  useView.setState({ ...flags, problems });
}
