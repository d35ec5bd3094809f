import { describe, expect, it } from 'vitest';
import { heldUs, workloadOutages, workloadSpacingUs } from '../src/ui/cluster-map/workload-outages';
import { validateScenario } from '../src/sim/scenario/validate';
import { WorkloadViews } from '../src/ui/views/workload-views';
import type { WorkloadSlot } from '../src/sim/workloads/slots';

const BIN = 100_000;

/** Bins of `slot` with `good` done each, every 100 ms in [from, to). */
function feed(v: WorkloadViews, slot: number, from: number, to: number, good = 5, bad = 0) {
  for (let t = from; t < to; t += BIN) v.bin(slot, t, good, bad, good * 2000);
}

describe('workload views from the Workload bins', () => {
  it('count per second, mean latency per bin, and a silence between the bins that did something', () => {
    const v = new WorkloadViews();
    feed(v, 1, 1e6, 3e6);
    // The outage: bins with only failures; the last unit before it was done at 2.95 s.
    v.idle(1, 2.95e6);
    feed(v, 1, 3e6, 4.5e6, 0, 5);
    feed(v, 1, 4.5e6, 6e6);
    const w = v.bySlot.get(1);
    expect(w?.goodPerS.slice(0, 6)).toEqual([0, 50, 50, 0, 25, 50]);
    expect(w?.badPerS.slice(3, 5)).toEqual([50, 25]);
    expect(w?.latency.ms.every((x) => x === 2)).toBe(true);
    expect(v.silencesUpTo(1, 6e6, 1e6)).toEqual({
      spans: [{ from: 2.95e6, to: 4.5e6 }],
      open: null,
    });
  });

  it('a silence still running is open up to now; a finished workload has none after its end', () => {
    const v = new WorkloadViews();
    feed(v, 2, 1e6, 2e6);
    expect(v.silencesUpTo(2, 5e6, 1e6).open).toEqual({ from: 2e6, to: 5e6 });
    v.done(2, 2.05e6);
    expect(v.silencesUpTo(2, 5e6, 1e6).open).toBeNull();
    // Never anything done: silent from its start.
    expect(v.silencesUpTo(3, 5e6, 1e6)).toEqual({ spans: [], open: { from: 1e6, to: 5e6 } });
    // Its first unit late after its start: a silence from the start.
    feed(v, 4, 3e6, 4e6);
    expect(v.silencesUpTo(4, 5e6, 1e6).spans).toEqual([{ from: 1e6, to: 3e6 }]);
  });
});

describe('workload outage rows', () => {
  const { scenario } = validateScenario({
    durationS: 10,
    workloads: {
      w1: { kind: 'stream-udp', rate: 50 },
      w3: { kind: 'web', rate: 10, rateEnd: 2 },
      w4: { kind: 'transfer', wanDelayMs: 20 },
    },
  });

  it('a row per workload in use, labelled by slot and kind', () => {
    const rows = workloadOutages(scenario, new WorkloadViews(), 5e6);
    expect(rows.map((r) => [r.id, r.label])).toEqual([
      ['w1', 'w1 UDP stream'],
      ['w3', 'w3 web server'],
      ['w4', 'w4 transfer'],
    ]);
  });

  it('normal spacing: a stream’s packet period, the web ramp’s slower end, a transfer’s WAN round trip', () => {
    const w = scenario.workloads ?? {};
    expect(workloadSpacingUs(w.w1 as WorkloadSlot)).toBe(20_000);
    expect(workloadSpacingUs(w.w3 as WorkloadSlot)).toBe(500_000);
    expect(workloadSpacingUs(w.w4 as WorkloadSlot)).toBe(40_000);
  });

  it('only silences over the threshold are outages', () => {
    const v = new WorkloadViews();
    feed(v, 1, 1e6, 2e6);
    feed(v, 1, 2.2e6, 3e6); // 0.2 s: over the floor, under twice (spacing + Net epoch)
    feed(v, 1, 4e6, 5e6); // 1 s: an outage
    const row = workloadOutages(scenario, v, 5e6)[0];
    expect(row?.outages).toEqual([{ from: 3e6, to: 4e6, open: false }]);
    expect(row?.thresholdUs).toBeGreaterThan(200_000);
  });
});

describe('how long Remus holds a workload’s answers (its outage threshold)', () => {
  const held = (extra: Record<string, unknown>, w: Record<string, unknown>) => {
    const { scenario, issues } = validateScenario({ ...extra, workloads: { w1: w } });
    expect(issues.filter((i) => i.action !== 'warning')).toEqual([]);
    return heldUs(scenario, scenario.workloads?.w1 as WorkloadSlot);
  };

  it('Net holds everything of its VM one interval; TCP-only only what is not a UDP stream', () => {
    expect(held({}, { kind: 'web' })).toBe(200_000);
    expect(held({}, { kind: 'stream-udp' })).toBe(200_000);
    const tcpOnly = { replication: { policy: 'tcp-only' } };
    expect(held(tcpOnly, { kind: 'web' })).toBe(200_000);
    expect(held(tcpOnly, { kind: 'stream-tcp' })).toBe(200_000);
    expect(held(tcpOnly, { kind: 'stream-udp' })).toBe(0);
    // The VM's own interval where it sets one.
    expect(held({ vms: { vm1: { remusIntervalMs: 50 } } }, { kind: 'web' })).toBe(50_000);
  });

  it('nothing on a VM that is not checkpointed', () => {
    expect(held({ vms: { vm1: { protection: 'standby' } } }, { kind: 'web' })).toBe(0);
    expect(held({ vms: { vm2: { enabled: true } } }, { kind: 'web', target: 2 })).toBe(0);
  });
});
