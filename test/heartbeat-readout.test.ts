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

  it('each missed beat says how long nothing had been heard; a membership change says what the node sees', () => {
    const s = preset('partition-fencing');
    const views = new RunViews();
    for (const b of runToEnd(s).batches) views.add(b, s.durationS * 1e6);
    const misses = views.hb
      .filter((h) => h.ev === HbEvent.BeatMissed)
      .map((h) => readoutAt(views, lane, h.t, 1));
    // Keepalive 250 ms: the k-th miss is k × 250 ms after the last beat heard (9.75 s).
    expect(misses.slice(0, 3)).toEqual([
      'heartbeat missed: nothing heard for 250.0 ms at 10.000 s',
      'heartbeat missed: nothing heard for 500.0 ms at 10.250 s',
      'heartbeat missed: nothing heard for 750.0 ms at 10.500 s',
    ]);
    const p = preset('pacemaker-partition');
    const pv = new RunViews();
    for (const b of runToEnd(p).batches) pv.add(b, p.durationS * 1e6);
    const views2 = pv.hb
      .filter((h) => h.ev === HbEvent.Membership)
      .map((h) => readoutAt(pv, lane, h.t, 0));
    expect(views2[0]).toBe('cluster membership changed: h1 sees 1 node, no quorum at 18.030 s');
  });
});
