import { describe, expect, it } from 'vitest';
import { HbEvent, TopoEvent, TraceKind, type TraceBatch } from '../src/sim/engine/trace';
import { ms } from '../src/sim/engine/units';
import { failbackTimes, failbackWanted } from '../src/sim/cluster/failback';
import { resyncTime } from '../src/sim/cluster/resync';
import { runToEnd } from '../src/sim/run';
import { applyOverrides } from '../src/sim/scenario/load';
import { defaultScenario, type Scenario } from '../src/sim/scenario/scenario';

/**
 * Failback and re-protection under a cluster manager (issue 8: "repair and re-protection,
 * failback"; ADR 23). A host crash, the takeover, the repair, the rejoin, then the group moves
 * back to its home host (Heartbeat auto_failback on; Pacemaker home score above stickiness) by
 * a stop on the holder and a start at home, or stays (auto_failback off; stickiness ≥ score).
 */
const BASE = [
  'durationS=45',
  'telephony.calls=2',
  'telephony.registerRate=50',
  'hosts.h3.enabled=true',
  'failures.f1.kind=host-crash',
  'failures.f1.target=1',
  'failures.f1.atS=10',
  'failures.f1.repairAtS=15',
];
const STANDBY = ['vms.vm1.protection=standby', 'vms.vm1.backupHost=3'];
const HB = [
  'cluster.manager=heartbeat',
  'failure.keepaliveMs=250',
  'failure.warnMs=1000',
  'failure.deadMs=2000',
];
function run(...sets: string[]) {
  const r = applyOverrides(defaultScenario(), [...BASE, ...sets]);
  expect(r.issues.filter((i) => i.action !== 'warning')).toEqual([]);
  const out = runToEnd(r.scenario);
  return { s: r.scenario, summary: out.summary, batches: out.batches };
}
/** Trace records of one kind and event: [t µs, entity, b]. */
function marks(batches: readonly TraceBatch[], kind: number, a: number): number[][] {
  const out: number[][] = [];
  for (const b of batches)
    for (let i = 0; i < b.count; i++)
      if (b.kind[i] === kind && b.a[i] === a)
        out.push([b.t[i] ?? 0, b.entity[i] ?? 0, b.b[i] ?? 0]);
  return out;
}
/** When host `host` first reported a view of `n` members at or after `fromUs`. */
function viewAt(batches: readonly TraceBatch[], host: number, n: number, fromUs: number): number {
  const v = marks(batches, TraceKind.Hb, HbEvent.Membership).find(
    ([t, h, m]) => (t ?? 0) >= fromUs && h === host && m === n,
  );
  return v?.[0] ?? NaN;
}
/** The failback's outage by the mechanism: the "done" message, the resume, the clients' ARP. */
const outageUs = (s: Scenario) =>
  ms(s.replication.linkLatencyMs) + ms(s.failure.resumeMs) + ms(s.failure.arpDelayMs);

describe('policy', () => {
  const c = defaultScenario().cluster;
  it('Heartbeat fails back with on and legacy, not off; Pacemaker when the score beats stickiness', () => {
    expect(failbackWanted('heartbeat', c)).toBe(false);
    expect(failbackWanted('heartbeat', { ...c, autoFailback: 'on' })).toBe(true);
    expect(failbackWanted('heartbeat', { ...c, autoFailback: 'legacy' })).toBe(true);
    expect(failbackWanted('pacemaker', c)).toBe(false);
    expect(failbackWanted('pacemaker', { ...c, homeScore: 100 })).toBe(true);
    expect(failbackWanted('pacemaker', { ...c, homeScore: 100, stickiness: 100 })).toBe(false);
  });
  it('message counts: Heartbeat five messages to the stop and one more to the start', () => {
    const L = ms(1);
    expect(failbackTimes('heartbeat', L, 0, 2, 0)).toEqual({ stop: 5 * L, start: 6 * L });
    // Pacemaker: the DC on the holder stops at once; its result needs no message; one to home.
    expect(failbackTimes('pacemaker', L, 1, 1, 0)).toEqual({ stop: 0, start: L });
    expect(failbackTimes('pacemaker', L, 0, 2, 0)).toEqual({ stop: L, start: 2 * L });
  });
});

describe('Heartbeat: h1 crashes, vm1 moves to h3, h1 is repaired and rejoins', () => {
  const off = run(...HB, ...STANDBY);
  const on = run(...HB, ...STANDBY, 'cluster.autoFailback=on');

  it('auto_failback off: the group stays on h3', () => {
    expect(off.summary.services[0]?.activeHost).toBe(3);
    expect(off.summary.cluster?.failbacks).toBeUndefined();
    expect(off.summary.cluster?.starts).toBe(1);
  });

  it('auto_failback on: back on h1, five messages after h1’s comm up; outage = 1 message + resume + ARP', () => {
    const s = on.s;
    const L = ms(s.replication.linkLatencyMs);
    // h1's own first view after its boot (at initdead, Heartbeat's resource acquisition point).
    const commUp = viewAt(on.batches, 1, 3, 15e6);
    expect(commUp).toBeGreaterThan(15e6);
    const fb = on.summary.cluster?.failbacks;
    expect(fb).toHaveLength(1);
    expect(fb?.[0]).toMatchObject({ vm: 'vm1', from: 3, to: 1 });
    expect((fb?.[0]?.atS ?? NaN) * 1e6).toBeCloseTo(commUp + 5 * L, 0);
    expect((fb?.[0]?.outageS ?? NaN) * 1e6).toBeCloseTo(outageUs(s), 0);
    expect(on.summary.services[0]?.activeHost).toBe(1);
    expect(on.summary.cluster?.starts).toBe(2);
    // On the timeline: the stop on h3, then the takeover mark on h1 one message later + resume.
    const stop = marks(on.batches, TraceKind.Hb, HbEvent.ResourceStopped).at(-1);
    expect(stop?.[1]).toBe(3);
    const start = marks(on.batches, TraceKind.Hb, HbEvent.Takeover).at(-1);
    expect(start?.[1]).toBe(1);
    expect((start?.[0] ?? 0) - (stop?.[0] ?? 0)).toBe(L + ms(s.failure.resumeMs));
  });
});

describe('Pacemaker: location score against resource-stickiness', () => {
  // Token 3650 ms + consensus 4380 ms: h1 is declared gone about 8 s after its crash; repaired later.
  const PCMK = ['cluster.manager=pacemaker', ...STANDBY, 'failures.f1.repairAtS=25'];
  const sticky = run(...PCMK, 'cluster.homeScore=100', 'cluster.stickiness=100');
  const back = run(...PCMK, 'cluster.homeScore=100', 'cluster.stickiness=0');

  it('stickiness ≥ score: stays on h3', () => {
    expect(sticky.summary.services[0]?.activeHost).toBe(3);
    expect(sticky.summary.cluster?.failbacks).toBeUndefined();
  });

  it('score > stickiness: the DC (h1, lowest id) stops it on h3 and starts it at home', () => {
    const s = back.s;
    const L = ms(s.replication.linkLatencyMs);
    // The DC is h1 itself once it is back (node 0): DC→h3 stop, h3's result →DC, start on h1.
    const joined = viewAt(back.batches, 1, 3, 25e6);
    const fb = back.summary.cluster?.failbacks?.[0];
    expect(fb).toMatchObject({ vm: 'vm1', from: 3, to: 1 });
    expect((fb?.atS ?? NaN) * 1e6).toBeCloseTo(joined + L, 0);
    expect((fb?.outageS ?? NaN) * 1e6).toBeCloseTo(outageUs(s), 0);
    expect(back.summary.services[0]?.activeHost).toBe(1);
  });
});

describe('Remus under a manager: re-protection after the rejoin, then failback', () => {
  const REMUS = ['vms.vm1.protection=remus', 'vms.vm1.backupHost=3', ...HB];
  const stay = run(...REMUS);
  // initdead 2 s (Heartbeat raises it to deadtime): h1's comm up comes before its replica is synchronised.
  const back = run(...REMUS, 'cluster.autoFailback=on', 'cluster.initdeadMs=2000');

  it('protected again towards h1 at h3’s view with h1 back + the resynchronisation', () => {
    const s = stay.s;
    const seen = viewAt(stay.batches, 3, 3, 15e6);
    const at = stay.summary.services[0]?.reprotectedAtS ?? NaN;
    expect(at * 1e6).toBe(seen + resyncTime(s.replication));
    const prot = marks(stay.batches, TraceKind.Topo, TopoEvent.Protected);
    expect(prot.map(([, vm, to]) => [vm, to])).toEqual([[1, 1]]);
    expect(stay.summary.services[0]?.activeHost).toBe(3);
    expect(stay.summary.services[0]?.lostAfterAck).toBe(0);
  });

  it('auto_failback on waits for the replica at h1, then moves back with no acknowledged loss', () => {
    const s = back.s;
    const L = ms(s.replication.linkLatencyMs);
    const prot = marks(back.batches, TraceKind.Topo, TopoEvent.Protected);
    const synced = prot[0]?.[0] ?? NaN;
    expect(synced).toBe(viewAt(back.batches, 3, 3, 15e6) + resyncTime(s.replication));
    const fb = back.summary.cluster?.failbacks?.[0];
    expect(fb).toMatchObject({ vm: 'vm1', from: 3, to: 1 });
    // h1's comm up came before the resynchronisation ended: the move starts from the resync.
    expect(viewAt(back.batches, 1, 3, 15e6)).toBeLessThan(synced);
    expect((fb?.atS ?? NaN) * 1e6).toBeCloseTo(synced + 5 * L, 0);
    expect((fb?.outageS ?? NaN) * 1e6).toBeCloseTo(outageUs(s), 0);
    expect(back.summary.services[0]?.activeHost).toBe(1);
    expect(back.summary.services[0]?.lostAfterAck).toBe(0);
    // Back home it runs unprotected again and is re-protected towards h3 from its resume on.
    const resumed = marks(back.batches, TraceKind.Hb, HbEvent.Takeover).at(-1)?.[0] ?? NaN;
    expect(prot.map(([t, vm, to]) => [t, vm, to])).toEqual([
      [synced, 1, 1],
      [resumed + resyncTime(s.replication), 1, 3],
    ]);
  });

  it('a replica synchronised before h1’s comm up waits for it (h1’s view from before its crash is gone)', () => {
    // 10 Gb/s: 0.86 s of resynchronisation, done before h1's comm up (boot + initdead 2 s).
    // initdead 2 s lets h1 report views from 2 s on; h2's partition from 3 s to 6 s (over the
    // deadtime) gives it views before its crash, the last one of all three nodes.
    const fast = run(
      ...REMUS,
      'cluster.autoFailback=on',
      'replication.linkGbps=10',
      'cluster.initdeadMs=2000',
      'failures.f2.kind=partition',
      'failures.f2.target=2',
      'failures.f2.atS=3',
      'failures.f2.untilS=6',
    );
    expect(viewAt(fast.batches, 1, 3, 3e6)).toBeLessThan(10e6);
    const L = ms(fast.s.replication.linkLatencyMs);
    const synced = marks(fast.batches, TraceKind.Topo, TopoEvent.Protected)[0]?.[0] ?? NaN;
    const commUp = viewAt(fast.batches, 1, 3, 15e6);
    expect(synced).toBeLessThan(commUp);
    const fb = fast.summary.cluster?.failbacks?.[0];
    expect((fb?.atS ?? NaN) * 1e6).toBeCloseTo(commUp + 5 * L, 0);
  });

  it('h3 crashing during the resynchronisation leaves nothing to resume on h1 (no stale replica)', () => {
    const lost = run(
      ...REMUS,
      'failures.f2.kind=host-crash',
      'failures.f2.target=3',
      'failures.f2.atS=18',
    );
    // h1's copy of the guest is from before its crash at 10 s: resuming it would lose what h3
    // acknowledged since. The manager's start there does not bring it up.
    expect(marks(lost.batches, TraceKind.Topo, TopoEvent.Protected)).toEqual([]);
    expect(lost.summary.services[0]?.activeHost).toBeNull();
    expect(lost.summary.services[0]?.takeovers).toBe(1);
    expect(lost.summary.services[0]?.lostAfterAck).toBe(0);
  });
});
