import { create } from 'zustand';

/** Which hosts' lanes the timeline folds under their header (by trace host number). */
export const useHostFold = create<{
  folded: ReadonlySet<number>;
  toggle: (host: number) => void;
}>()((set, get) => ({
  folded: new Set(),
  toggle: (host) => {
    const next = new Set(get().folded);
    if (next.has(host)) next.delete(host);
    else next.add(host);
    set({ folded: next });
  },
}));
