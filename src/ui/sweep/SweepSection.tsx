import { lazyPart } from '../components/LazyPart';
import { useView } from '../store/view-flags';
import { focusAfterClose, useSweepWanted } from './sweep-wanted';

// The sweep's code (its panel, store, planner and chart: about 14 KB gzipped) loads when
// a sweep is opened, by its button or by a link that holds one: most visits never open it.
// Shown only when a sweep is wanted, so the panel opens as it loads (a link's sweep is open already).
const SweepPanel = lazyPart(
  () =>
    Promise.all([import('./SweepPanel'), import('./sweep-store'), import('./sweep-link')]).then(
      ([panel, store, link]) => {
        store.useSweep.getState().setOpen(true);
        // Here, not when the page starts: a load that failed and is tried again still runs the link's sweep.
        link.followSweepLink();
        return panel.SweepPanel;
      },
    ),
  'the sweep',
  <section className="sweep sweep-closed">
    <button type="button" disabled>
      Loading the sweep…
    </button>
  </section>,
);

/** The sweep panel's place on the page: its closed state until a sweep is wanted, then the panel. */
export function SweepSection() {
  const wanted = useSweepWanted((w) => w.wanted);
  const open = useSweepWanted((w) => w.open);
  const linked = useView((v) => v.sweep !== '');
  if (wanted || linked) return <SweepPanel />;
  return (
    <section className="sweep sweep-closed">
      <button type="button" ref={focusAfterClose} onClick={open} data-testid="sweep-open">
        Sweep a parameter…
      </button>
    </section>
  );
}
