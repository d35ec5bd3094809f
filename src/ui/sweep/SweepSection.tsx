import { lazy, Suspense, useState } from 'react';
import { useView } from '../store/view-flags';

// The sweep's code (its panel, store, planner and chart, a tenth of the page's script) loads when
// a sweep is opened, by its button or by a link that holds one: most visits never open it.
const SweepPanel = lazy(() => import('./SweepPanel').then((m) => ({ default: m.SweepPanel })));

/** The sweep panel's place on the page: its closed state until a sweep is wanted, then the panel. */
export function SweepSection() {
  const [wanted, setWanted] = useState(false);
  const linked = useView((v) => v.sweep !== '');
  if (wanted || linked)
    return (
      <Suspense fallback={<section className="sweep sweep-closed" aria-busy="true" />}>
        <SweepPanel />
      </Suspense>
    );
  return (
    <section className="sweep sweep-closed">
      <button
        type="button"
        onClick={() => {
          setWanted(true);
          void import('./sweep-store').then((m) => m.useSweep.getState().setOpen(true));
        }}
        data-testid="sweep-open"
      >
        Sweep a parameter…
      </button>
    </section>
  );
}
