import { describe, expect, it } from 'vitest';
import { HbEvent } from '../src/sim/engine/trace';
import { runToEnd } from '../src/sim/run';
import { STOP_WHY } from '../src/ui/timeline/draw-lanes';
import { readoutAt } from '../src/ui/timeline/readout';
import type { Lane } from '../src/ui/timeline/layout';
import { RunViews } from '../src/ui/views/run-views';
import { preset } from './support/presets';

const lane: Lane = { kind: 'heartbeat', label: '', sublabel: '', key: -3, y: 0, height: 50 };

function stopsOf(id: string): string[] {
  const s = preset(id);
  const views = new RunViews();
  for (const b of runToEnd(s).batches) views.add(b, s.durationS * 1e6);
  return views.hb
    .filter((h) => h.ev === HbEvent.ResourceStopped)
    .map((h) => readoutAt(views, lane, h.t, 1));
}

describe('the heartbeat lane says why the manager stopped a resource', () => {
  it('a failback stop is a failback, not a lost quorum (remus-failback read "no quorum")', () => {
    expect(stopsOf('remus-failback')).toEqual(['resource stopped: failback at 27.000 s']);
  });

  it('a minority partition’s stop is for want of quorum (the lane’s word says so)', () => {
    const s = preset('pacemaker-partition');
    const views = new RunViews();
    for (const b of runToEnd(s).batches) views.add(b, s.durationS * 1e6);
    const stops = views.hb.filter((h) => h.ev === HbEvent.ResourceStopped);
    expect(stops.map((h) => STOP_WHY[h.why])).toEqual(['no quorum']);
  });
});
