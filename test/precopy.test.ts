import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulator } from '../src/sim/engine/simulator';
import { ms, sec, type Micros } from '../src/sim/engine/units';
import { precopyParams, PRECOPY_ASSUMPTIONS } from '../src/sim/migration/defaults';
import { dirtiedPages } from '../src/sim/migration/dirty-pages';
import {
  PrecopyMigration,
  pageDataBytes,
  type PrecopyParams,
  type PrecopyResult,
} from '../src/sim/migration/precopy';

function migrate(p: PrecopyParams, at = 0): PrecopyResult {
  const sim = new Simulator();
  const m = new PrecopyMigration(sim, p);
  m.start(at as Micros);
  sim.runUntil(sec(100_000));
  if (!m.done) throw new Error('migration did not finish');
  return m.done;
}

/** Element `i` (negative: from the end), failing the test when absent. */
function nth<T>(xs: readonly T[], i: number): T {
  const x = xs.at(i);
  if (x === undefined) throw new Error(`no element ${i}`);
  return x;
}

const wire = (bytes: number, bps: number): number => Math.ceil((bytes * 8 * 1e6) / bps);

describe('Xen pre-copy (xg_sr_save.c, Xen 4.17)', () => {
  it('a static VM: one full round, an empty stop-and-copy, downtime = suspend + state + device plug + handshake + resume', () => {
    const p = precopyParams(256, 0, 0);
    const r = migrate(p);
    expect(r.rounds.map((x) => [x.live, x.pages])).toEqual([
      [true, 65536],
      [false, 0],
    ]);
    expect(r.stopReason).toBe('below-target');
    // 65536 pages in 64 PAGE_DATA records of 1024.
    expect(pageDataBytes(65536)).toBe(65536 * 4104 + 64 * 16);
    expect(nth(r.rounds, 0).end - nth(r.rounds, 0).start).toBe(wire(pageDataBytes(65536), 1e9));
    const expected =
      p.suspend +
      wire(p.stateBytes, 1e9) +
      p.linkLatency +
      p.devicePlug +
      2 * p.linkLatency +
      p.resume;
    expect(r.devicesReadyAt - r.streamEndAt).toBe(p.devicePlug);
    expect(r.downtime).toBe(expected);
    expect(r.serviceGap).toBe(expected + p.arpDelay);
    // Banner round trip and setup before the first page (push: no control message).
    expect(r.streamStartAt).toBe(p.setup + 2 * p.linkLatency);
  });

  it('the vif plug on the target is paused time: xenopsd’s 0.3 s per VIF, 0 when plugged before the suspend', () => {
    const plugged = migrate(precopyParams(256, 2000, 2000));
    const prePlugged = migrate(precopyParams(256, 2000, 2000, 'push', { devicePlug: ms(0) }));
    expect(plugged.downtime - prePlugged.downtime).toBe(ms(300));
    expect(plugged.serviceGap - prePlugged.serviceGap).toBe(ms(300));
    // The stream itself is the same: the plug only moves "ready".
    expect(plugged.streamEndAt).toBe(prePlugged.streamEndAt);
    expect(plugged.rounds).toEqual(prePlugged.rounds);
  });

  it('a round below the 50-page target is still sent live, then stop-and-copy', () => {
    // 1000 writes/s into 64 pages: round 1 (2.15 s) dirties all 64, round 2 (~2.1 ms) ~2 pages.
    const r = migrate(precopyParams(256, 64, 1000));
    expect(r.stopReason).toBe('below-target');
    const live = r.rounds.filter((x) => x.live);
    expect(nth(live, -1).pages).toBeLessThan(50);
    expect(live.length).toBeLessThan(5);
    expect(nth(r.rounds, -1).live).toBe(false);
  });

  it('a dirty rate above the link rate: the five rounds run out and the downtime grows', () => {
    // 100 Mb/s carries ~3000 pages/s; the guest rewrites 20000 pages/s in a 30000-page set.
    const slow = { linkBitsPerS: 100e6 };
    const hot = migrate(precopyParams(512, 30_000, 20_000, 'push', slow));
    expect(hot.stopReason).toBe('max-iterations');
    expect(hot.rounds.filter((x) => x.live)).toHaveLength(5);
    // The set never shrinks: the final copy is the whole working set (almost).
    expect(nth(hot.rounds, -1).pages).toBeGreaterThan(29_000);
    const calm = migrate(precopyParams(512, 30_000, 200, 'push', slow));
    expect(hot.downtime).toBeGreaterThan(sec(9));
    expect(hot.downtime).toBeGreaterThan(10 * calm.downtime);
  });

  it('push and pull carry the same stream; pull starts one control message later', () => {
    const push = migrate(precopyParams(256, 4096, 2000, 'push'));
    const pull = migrate(precopyParams(256, 4096, 2000, 'pull'));
    const c = ms(PRECOPY_ASSUMPTIONS.linkLatencyMs);
    expect(pull.streamStartAt - push.streamStartAt).toBe(c);
    expect(pull.rounds.map((x) => x.pages)).toEqual(push.rounds.map((x) => x.pages));
    expect(pull.downtime).toBe(push.downtime);
    expect(pull.managerKnowsAt - pull.resumedAt).toBe(push.managerKnowsAt - push.resumedAt + c);
  });

  it('pages dirtied by the hook land in the next round', () => {
    const base = precopyParams(256, 1000, 2000);
    const plain = migrate(base);
    const busy = migrate({
      ...base,
      dirty: { ...base.dirty, extra: (from, to) => ((to - from) / 1e6) * 5000 },
    });
    expect(nth(busy.rounds, 1).pages).toBeGreaterThan(nth(plain.rounds, 1).pages);
    expect(busy.downtime).toBeGreaterThanOrEqual(plain.downtime);
  });

  describe('interrupted (xl_migrate.c: failed_resume before "go", failed_badly after)', () => {
    const p = precopyParams(256, 2000, 2000);
    const plan = migrate(p);
    const goSent = plan.devicesReadyAt + p.linkLatency;

    function interruptAt(at: number, cause: 'source-down' | 'destination-down' | 'link-down') {
      const sim = new Simulator();
      const seen: string[] = [];
      const m = new PrecopyMigration(sim, p, {
        onPause: () => seen.push('pause'),
        onResume: () => seen.push('resume'),
      });
      m.start(0 as Micros);
      sim.runUntil((at - 1) as Micros);
      const outcome = m.interrupt(at as Micros, cause);
      sim.runUntil(sec(100));
      return { outcome, seen, done: m.done };
    }

    it('the destination fails during the live rounds: the source keeps running', () => {
      const r = interruptAt(sec(1), 'destination-down');
      expect(r.outcome).toEqual({ kind: 'source-keeps', runsAgainAt: sec(1) });
      expect(r.seen).toEqual([]);
      expect(r.done).toBeUndefined();
    });

    it('the link fails while the guest is paused, before "go": the source unpauses it', () => {
      const at = plan.pausedAt + 1;
      const r = interruptAt(at, 'link-down');
      expect(r.outcome).toEqual({ kind: 'source-keeps', runsAgainAt: at + p.resume });
      expect(r.seen).toEqual(['pause']);
    });

    it('the link fails while the target plugs the vif (before "ready"): the source unpauses it', () => {
      const at = plan.streamEndAt + 1;
      expect(at).toBeLessThan(plan.devicesReadyAt);
      const r = interruptAt(at, 'link-down');
      expect(r.outcome).toEqual({ kind: 'source-keeps', runsAgainAt: at + p.resume });
    });

    it('the source dies before "go": no copy is left', () => {
      expect(interruptAt(plan.pausedAt + 1, 'source-down').outcome).toEqual({ kind: 'lost' });
    });

    it('after "go" the destination resumes whatever happens to the source or the link', () => {
      for (const cause of ['source-down', 'link-down'] as const) {
        const r = interruptAt(goSent, cause);
        expect(r.outcome).toEqual({ kind: 'continues' });
        expect(r.seen).toEqual(['pause', 'resume']);
        expect(r.done?.resumedAt).toBe(plan.resumedAt);
      }
    });

    it('the destination dies after "go": lost; after the resume: finished', () => {
      const lost = interruptAt(goSent, 'destination-down');
      expect(lost.outcome).toEqual({ kind: 'lost' });
      expect(lost.seen).toEqual(['pause']);
      expect(interruptAt(plan.resumedAt + 1, 'destination-down').outcome).toEqual({
        kind: 'finished',
      });
    });
  });

  it('a migration planned at a time starts then', () => {
    const r = migrate(precopyParams(64, 0, 0), sec(30));
    expect(r.requestedAt).toBe(sec(30));
    expect(r.pausedAt).toBeGreaterThan(sec(30));
  });

  it('the working-set model: ~r·T for short windows, saturating at W', () => {
    const m = { wwsPages: 10_000, dirtyPagesPerS: 1000 };
    expect(dirtiedPages(m, 0 as Micros, ms(10), 1e6)).toBe(10);
    expect(dirtiedPages(m, 0 as Micros, sec(1000), 1e6)).toBe(10_000);
    expect(dirtiedPages(m, 0 as Micros, sec(1000), 500)).toBe(500);
  });

  it('downtime never falls with a higher dirty rate or rises with a faster link while the rounds stop the same way (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 16, max: 1024 }),
        fc.integer({ min: 0, max: 60_000 }),
        fc.integer({ min: 0, max: 50_000 }),
        fc.constantFrom(50e6, 100e6, 1e9, 10e9),
        fc.double({ min: 1.01, max: 8, noNaN: true }),
        (memMiB, wws, rate, bps, k) => {
          const p = precopyParams(memMiB, wws, rate, 'push', { linkBitsPerS: bps });
          const base = migrate(p);
          const faster = migrate({ ...p, linkBitsPerS: bps * k });
          const hotter = migrate({ ...p, dirty: { ...p.dirty, dirtyPagesPerS: rate * k } });
          const sameWay = (x: PrecopyResult) =>
            x.rounds.length === base.rounds.length && x.stopReason === base.stopReason;
          if (sameWay(faster)) expect(faster.downtime).toBeLessThanOrEqual(base.downtime);
          if (sameWay(hotter)) expect(hotter.downtime).toBeGreaterThanOrEqual(base.downtime);
          // Whatever the path, more bandwidth never adds a round that runs out.
          if (base.stopReason === 'below-target') expect(faster.stopReason).toBe('below-target');
        },
      ),
      { numRuns: 150 },
    );
  });

  it('the 50-page threshold breaks monotonicity by one round (a found case, kept)', () => {
    // 820 MiB, 35157-page set at 2013 pages/s. At 1 Gb/s round 4 dirties exactly 50 pages, not
    // below the target, so a fifth round of 50 runs and the final set is 3 pages; at 1.01 Gb/s it
    // dirties 48, which goes live, and the final set is the 6 dirtied meanwhile.
    const p = precopyParams(820, 35157, 2013);
    const base = migrate(p);
    const faster = migrate({ ...p, linkBitsPerS: 1.01e9 });
    expect(base.rounds.map((r) => r.pages)).toEqual([209920, 11464, 750, 50, 3, 3]);
    expect(faster.rounds.map((r) => r.pages)).toEqual([209920, 11371, 736, 48, 6]);
    expect(faster.downtime - base.downtime).toBe(95);
  });
});

/**
 * R7 ("Virtual machines: implementations"): a graceful failure moves a running VM by live
 * migration driven by Heartbeat from the failover node; UDP probes at 10 and 100 pkt/s see a
 * mean outage of 0.2–0.55 s. The lab's small VM: 256 MiB, the lab's base dirty rate
 * (replication.dirtyPagesPerS = 2000 pages/s) into a working set of 2000 pages (assumption),
 * pull mode, every other constant from PRECOPY_ASSUMPTIONS (none fitted).
 */
describe('R7: outage of a live migration seen by UDP probes', () => {
  const r = migrate(precopyParams(256, 2000, 2000, 'pull'));

  /** Probes every `interval` from phase φ: the outage a probe tool reports is lost × interval. */
  function probeOutage(interval: number): number {
    const phases = 100;
    let total = 0;
    for (let i = 0; i < phases; i++) {
      const phi = Math.floor((i * interval) / phases);
      const first = Math.ceil((r.pausedAt - phi) / interval);
      const last = Math.ceil((r.arpAt - phi) / interval) - 1;
      total += Math.max(0, last - first + 1) * interval;
    }
    return total / phases;
  }

  it('the mechanism: pre-copy converges, the gap is the paused time plus the ARP', () => {
    expect(r.stopReason).toBe('below-target');
    expect(r.serviceGap).toBe(r.downtime + ms(PRECOPY_ASSUMPTIONS.arpDelayMs));
    // Mean over probe phases equals the gap whatever the rate: probes only quantise it.
    expect(Math.abs(probeOutage(ms(100)) - r.serviceGap)).toBeLessThan(ms(1));
    expect(Math.abs(probeOutage(ms(10)) - r.serviceGap)).toBeLessThan(ms(0.5));
  });

  // Met since the target's vif plug is paused time (xenopsd PR 205: 0.3 s per VIF, measured by
  // XenServer, not fitted to R7): ≈ 42 ms of copy, handshake, resume and ARP plus 300 ms.
  it('mean probe outage within R7’s 0.2–0.55 s at 10 and 100 pkt/s', () => {
    for (const interval of [ms(100), ms(10)]) {
      const outage = probeOutage(interval);
      expect(outage).toBeGreaterThanOrEqual(ms(200));
      expect(outage).toBeLessThanOrEqual(ms(550));
    }
  });

  it('without the plug (a toolstack that plugs before the suspend) the outage is below R7', () => {
    const pre = migrate(precopyParams(256, 2000, 2000, 'pull', { devicePlug: ms(0) }));
    expect(pre.serviceGap).toBeLessThan(ms(100));
    expect(r.serviceGap - pre.serviceGap).toBe(ms(300));
  });
});
