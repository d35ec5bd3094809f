import { create } from 'zustand';

/**
 * What the page knows of the sweep before its code has loaded (it stays in the page's chunk):
 * whether the reader asked for it, which outlives the section's remounts (a lesson's prediction
 * hides the results), and whether the panel should come into view once — after a reader's open
 * action, not on a remount or a link that opens the page.
 */
interface SweepWanted {
  wanted: boolean;
  reveal: boolean;
  /** The reader opened the sweep (a button). */
  open: () => void;
  /** True once after `open`: the panel scrolls into view and takes focus. */
  takeReveal: () => boolean;
}

export const useSweepWanted = create<SweepWanted>((set, get) => ({
  wanted: false,
  reveal: false,
  open: () => set({ wanted: true, reveal: true }),
  takeReveal: () => {
    const r = get().reveal;
    if (r) set({ reveal: false });
    return r;
  },
}));
