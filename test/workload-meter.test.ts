import { describe, expect, it } from 'vitest';
import { TraceKind, type TraceBatch } from '../src/sim/engine/trace';
import { runToEnd } from '../src/sim/run';
import { validateScenario } from '../src/sim/scenario/validate';
import type { WorkloadSummary } from '../src/sim/workloads/in-world';
import { traceTables } from '../src/sim/export/trace-csv';
import { Narrator } from '../src/sim/results/narrator';
import { WORKLOAD_BIN_US } from '../src/sim/workloads/workload-meter';

interface Sums {
  good: number;
  bad: number;
  latencyUs: number;
  bins: { t: number; good: number; bad: number }[];
  done: number[];
}

/** Every Workload and WorkloadDone record of the run, summed per slot. */
function sums(batches: readonly TraceBatch[]): Map<number, Sums> {
  const out = new Map<number, Sums>();
  const of = (slot: number): Sums => {
    let s = out.get(slot);
    if (!s) out.set(slot, (s = { good: 0, bad: 0, latencyUs: 0, bins: [], done: [] }));
    return s;
  };
  for (const b of batches)
    for (let i = 0; i < b.count; i++) {
      const s = () => of(b.entity[i] as number);
      if (b.kind[i] === TraceKind.Workload) {
        const x = s();
        x.good += b.a[i] as number;
        x.bad += b.b[i] as number;
        x.latencyUs += b.c[i] as number;
        x.bins.push({ t: b.t[i] as number, good: b.a[i] as number, bad: b.b[i] as number });
      } else if (b.kind[i] === TraceKind.WorkloadDone) s().done.push(b.t[i] as number);
    }
  return out;
}

/** Host 1 crashes at 3 s; Heartbeat moves vm1 to its standby on host 2; four workloads run on vm1. */
function crashRun() {
  const { scenario, issues } = validateScenario({
    durationS: 20,
    telephony: { calls: 0 },
    vms: { vm1: { protection: 'standby' } },
    failure: { detector: 'heartbeat', deadMs: 2500, warnMs: 1500 },
    failures: { f1: { kind: 'host-crash', atS: 3, target: 1 } },
    workloads: {
      w1: { kind: 'stream-udp', direction: 'from-vm', rate: 50, bytes: 160, costUs: 20 },
      w2: { kind: 'stream-tcp', direction: 'from-vm', rate: 50, bytes: 160, costUs: 20 },
      w3: { kind: 'web', rate: 20, timeoutS: 2 },
      w4: { kind: 'transfer', startS: 8, sizeKB: 512, windowKB: 64, wanDelayMs: 10 },
    },
  });
  expect(issues).toEqual([]);
  const r = runToEnd(scenario);
  return { ...r, workloads: r.summary.workloads as WorkloadSummary[] };
}

describe('the workload meter (TraceKind.Workload per 100 ms bin)', () => {
  const { batches, workloads } = crashRun();
  const m = sums(batches);
  const [udp, tcp, web, transfer] = workloads;

  it('its bins add up to what each workload’s own tool reports', () => {
    const u = m.get(1) as Sums;
    expect(u.good).toBe(udp?.stream?.received);
    expect(u.bad).toBe(udp?.stream?.lost);
    // Summed delays over the packets received: the summary's mean, to its 3 decimals.
    expect(u.latencyUs / u.good / 1000).toBeCloseTo(udp?.stream?.delayMeanMs ?? NaN, 2);
    const t = m.get(2) as Sums;
    expect(t.good).toBe(tcp?.stream?.received);
    expect(t.bad).toBe(tcp?.stream?.retransmissions);
    const w = m.get(3) as Sums;
    expect(w.good).toBe(web?.web?.replies);
    expect(w.bad).toBe(web?.web?.timeouts);
    expect(w.latencyUs / w.good / 1000).toBeCloseTo(web?.web?.replyMsMean ?? NaN, 2);
    const x = m.get(4) as Sums;
    expect(x.good).toBe(transfer?.transfer?.segments);
    expect(x.bad).toBe(transfer?.transfer?.retransmissions);
  });

  it('bins sit on the 100 ms grid, one per slot and bin', () => {
    for (const s of m.values()) {
      for (const { t } of s.bins) expect(t % WORKLOAD_BIN_US).toBe(0);
      expect(new Set(s.bins.map((x) => x.t)).size).toBe(s.bins.length);
    }
  });

  it('a transfer’s completion is recorded once, at its time', () => {
    const x = m.get(4) as Sums;
    const ms = transfer?.transfer?.completionMs;
    expect(ms).not.toBeNull();
    expect(x.done).toHaveLength(1);
    // It started at 8 s: done at start + completion time.
    expect(x.done[0]).toBeCloseTo(8e6 + (ms ?? NaN) * 1000, -1);
    expect(m.get(1)?.done).toHaveLength(0);
  });

  it('the crash shows as bins with nothing done, then bins with losses or time-outs', () => {
    // vm1 is down from 3 s until the standby takes over (Heartbeat's 2.5 s dead time counts from
    // the last beat heard): the UDP stream's bins in between count packets lost and none received.
    const u = m.get(1) as Sums;
    const back = u.bins.find((x) => x.t >= 3.1e6 && x.good > 0)?.t ?? Infinity;
    expect(back).toBeGreaterThanOrEqual(4e6);
    expect(back).toBeLessThan(6e6);
    const during = u.bins.filter((x) => x.t >= 3.1e6 && x.t < back);
    expect(during.length).toBeGreaterThanOrEqual((back - 3.1e6) / WORKLOAD_BIN_US - 1);
    expect(during.every((x) => x.good === 0 && x.bad > 0)).toBe(true);
    const w = m.get(3) as Sums;
    expect(w.bins.some((x) => x.t >= 3e6 && x.t < 8e6 && x.bad > 0)).toBe(true);
  });

  it('workloads.csv carries the same bins (the CLI’s --csv and the page’s export)', () => {
    const table = traceTables(batches).find((t) => t.name === 'workloads.csv');
    const rows = table?.rows.slice(1) ?? [];
    const done = rows.filter((r) => r[1] === 3).reduce((a, r) => a + Number(r[2]), 0);
    expect(done).toBe(web?.web?.replies);
    expect(rows.filter((r) => r[5] === 1)).toHaveLength(1);
  });

  it('the story tells each workload’s first failures, its return after the takeover, a transfer’s end', () => {
    const n = new Narrator();
    for (const b of batches) n.add(b);
    const lines = n.story().map((l) => l.text);
    const idx = (re: RegExp) => lines.findIndex((l) => re.test(l));
    const takeover = idx(/takeover/);
    const back = idx(/Workload w1 has got work done again, after 1\.\d s with none/);
    expect(takeover).toBeGreaterThan(-1);
    expect(back).toBeGreaterThan(takeover);
    expect(idx(/Workload w1 starts failing/)).toBeGreaterThan(-1);
    expect(idx(/Workload w4 finishes/)).toBeGreaterThan(back);
  });
});
