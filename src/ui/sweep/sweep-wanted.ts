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
  /** The reader closed the panel: its opener takes the keyboard's focus when drawn again. */
  refocus: boolean;
  closed: () => void;
}

/** A ref for the button that opens the sweep: it takes the focus once after the reader's Close. */
export function focusAfterClose(b: HTMLButtonElement | null): void {
  if (!b || !useSweepWanted.getState().refocus) return;
  useSweepWanted.setState({ refocus: false });
  b.focus();
}

export const useSweepWanted = create<SweepWanted>((set, get) => ({
  wanted: false,
  reveal: false,
  refocus: false,
  open: () => set({ wanted: true, reveal: true }),
  closed: () => set({ refocus: true }),
  takeReveal: () => {
    const r = get().reveal;
    if (r) set({ reveal: false });
    return r;
  },
}));
