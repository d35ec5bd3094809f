import { describe, expect, it } from 'vitest';
import { TraceKind, TraceRecorder, type TraceBatch } from '../src/sim/engine/trace';
import { Simulator } from '../src/sim/engine/simulator';
import type { Micros } from '../src/sim/engine/units';
import { WorkloadViews } from '../src/ui/views/workload-views';
import { runToEnd } from '../src/sim/run';
import { validateScenario } from '../src/sim/scenario/validate';
import type { WorkloadSummary } from '../src/sim/workloads/in-world';
import { traceTables } from '../src/sim/export/trace-csv';
import { Narrator } from '../src/sim/results/narrator';
import { DoneClock, WORKLOAD_BIN_US, WorkloadMeter } from '../src/sim/workloads/workload-meter';

interface Sums {
  good: number;
  bad: number;
  latencyUs: number;
  bins: { t: number; bin: number; good: number; bad: number }[];
  done: number[];
  idle: number[];
}

/** Every Workload and WorkloadDone record of the run, summed per slot. */
function sums(batches: readonly TraceBatch[]): Map<number, Sums> {
  const out = new Map<number, Sums>();
  const of = (slot: number): Sums => {
    let s = out.get(slot);
    if (!s) out.set(slot, (s = { good: 0, bad: 0, latencyUs: 0, bins: [], done: [], idle: [] }));
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
        const t = b.t[i] as number;
        const bin = t - (t % WORKLOAD_BIN_US);
        x.bins.push({ t, bin, good: b.a[i] as number, bad: b.b[i] as number });
      } else if (b.kind[i] === TraceKind.WorkloadDone) s().done.push(b.t[i] as number);
      else if (b.kind[i] === TraceKind.WorkloadIdle) s().idle.push(b.t[i] as number);
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

  it('one record per slot and 100 ms bin, at its first unit done (the bin start when none was)', () => {
    for (const s of m.values()) {
      expect(new Set(s.bins.map((x) => x.bin)).size).toBe(s.bins.length);
      for (const x of s.bins) if (x.good === 0) expect(x.t).toBe(x.bin);
    }
    // A 50 packet/s stream's first packet in a bin comes in its first 20 ms.
    const u = m.get(1) as Sums;
    for (const x of u.bins.filter((b) => b.good >= 5)) expect(x.t - x.bin).toBeLessThan(20_000);
  });

  it('a silence’s two ends to the µs: the last unit before it (WorkloadIdle), the first after', () => {
    const u = m.get(1) as Sums;
    // The last packet received before the crash at 3 s, and the first after the takeover.
    const last = Math.max(...u.idle.filter((t) => t < 3.2e6));
    const back = u.bins.find((x) => x.t > 3e6 && x.good > 0)?.t ?? NaN;
    expect(last).toBeLessThanOrEqual(3e6);
    expect(last).toBeGreaterThan(3e6 - 20_000 - 1000);
    // Takeover at 4.52 s (the story's), then the guest's next 20 ms send and the LAN.
    expect(back).toBeGreaterThan(4.52e6);
    expect(back).toBeLessThan(4.6e6);
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
    const done = rows
      .filter((r) => r[2] === 3 && r[6] === 'bin')
      .reduce((a, r) => a + Number(r[3]), 0);
    expect(done).toBe(web?.web?.replies);
    expect(rows.filter((r) => r[6] === 'finished')).toHaveLength(1);
    expect(rows.filter((r) => r[6] === 'last-before-idle').length).toBeGreaterThan(0);
  });

  it('the story tells each workload’s first failures, its return after the takeover, a transfer’s end', () => {
    const n = new Narrator();
    for (const b of batches) n.add(b);
    const lines = n.story().map((l) => l.text);
    const idx = (re: RegExp) => lines.findIndex((l) => re.test(l));
    const takeover = idx(/takeover/);
    const back = idx(/Workload w1 gets work done again, 1\.5\d s after its last before the crash/);
    expect(takeover).toBeGreaterThan(-1);
    expect(back).toBeGreaterThan(takeover);
    expect(idx(/Workload w1 starts failing/)).toBeGreaterThan(-1);
    expect(idx(/Workload w4 finishes/)).toBeGreaterThan(back);
    // A first unit before any crash is no news, nor one of a workload (w4) that starts at 8 s,
    // after the takeover.
    expect(idx(/Workload w1 gets its first work done/)).toBe(-1);
    expect(idx(/Workload w4 gets its first work done/)).toBe(-1);
  });

  it('a workload that starts during the outage: the story tells its first work, counted from its start', () => {
    const { scenario, issues } = validateScenario({
      durationS: 10,
      telephony: { calls: 0 },
      vms: { vm1: { protection: 'standby' } },
      failure: { detector: 'heartbeat', deadMs: 2500, warnMs: 1500 },
      failures: { f1: { kind: 'host-crash', atS: 3, target: 1 } },
      workloads: { w1: { kind: 'web', rate: 20, timeoutS: 2, startS: 3.5 } },
    });
    expect(issues).toEqual([]);
    const n = new Narrator();
    for (const b of runToEnd(scenario).batches) n.add(b);
    const lines = n.story();
    const takeover = lines.find((l) => /takeover/.test(l.text))?.tUs ?? NaN;
    const first = lines.find((l) => /Workload w1 gets its first work done/.test(l.text));
    // Nothing answers before the standby has taken over (≈ 1.5 s after the crash).
    expect(first?.tUs).toBeGreaterThan(takeover);
    // Counted from its start at 3.5 s (the crash was before it).
    const wait = Number(/, (\d+\.\d\d) s after it started/.exec(first?.text ?? '')?.[1]);
    expect(wait).toBeCloseTo(((first?.tUs ?? NaN) - 3.5e6) / 1e6, 2);
    expect(wait).toBeGreaterThan(0.9);
  });
});

describe('the meter on a hand-made workload (units at chosen times)', () => {
  /** Units done at `times` (µs); the meter's records after 1 s. */
  function meter(times: number[]) {
    const sim = new Simulator();
    const trace = new TraceRecorder();
    const clock = new DoneClock();
    let good = 0;
    for (const t of times)
      sim.at(t as Micros, (now) => {
        good++;
        clock.mark(now);
      });
    new WorkloadMeter(
      sim,
      trace,
      [{ slot: 1, clock, totals: () => ({ good, bad: 0, latencySumUs: 0, doneAtUs: NaN }) }],
      0 as Micros,
      1_000_000 as Micros,
    );
    sim.runUntil(1_000_000 as Micros);
    const b = trace.drain();
    return Array.from({ length: b.count }, (_, i) => ({
      kind: b.kind[i],
      t: b.t[i],
      a: b.a[i],
    }));
  }

  it('a silence shorter than a bin between two busy bins is told at its last unit', () => {
    // Every 20 ms, but nothing from 210 ms to 399 ms (189 ms: over the 150 ms floor).
    const times = [0, 20, 40, 60, 80, 100, 120, 140, 160, 180, 200, 210, 399, 420, 440].map(
      (x) => x * 1000,
    );
    const r = meter(times);
    const idle = r.filter((x) => x.kind === TraceKind.WorkloadIdle);
    // And the last unit before the units stop for good (440 ms).
    expect(idle.map((x) => x.t)).toEqual([210_000, 440_000]);
    // The bin of 300–400 ms has the unit at 399 ms: its record is at that unit, after the idle one.
    const back = r.findIndex((x) => x.kind === TraceKind.Workload && x.t === 399_000);
    expect(back).toBeGreaterThan(r.indexOf(idle[0] as (typeof r)[number]));
    // Views fed these records see that 189 ms silence.
    const v = new WorkloadViews();
    for (const x of r)
      if (x.kind === TraceKind.Workload) v.bin(1, x.t as number, x.a as number, 0, 0);
      else if (x.kind === TraceKind.WorkloadIdle) v.idle(1, x.t as number);
    expect(v.silencesUpTo(1, 1e6, 0).spans).toEqual([{ from: 210_000, to: 399_000 }]);
  });

  it('a unit exactly on a bin’s edge counts in the bin it starts (the poll comes first)', () => {
    const r = meter([100_000, 150_000]);
    const bins = r.filter((x) => x.kind === TraceKind.Workload);
    expect(bins).toEqual([{ kind: TraceKind.Workload, t: 100_000, a: 2 }]);
  });
});

describe('the story of a workload', () => {
  it('never tells a failure before the crash that caused it (a crash inside a bin)', () => {
    const { scenario } = validateScenario({
      durationS: 6,
      telephony: { calls: 0 },
      vms: { vm1: { protection: 'standby' } },
      failure: { detector: 'heartbeat', deadMs: 2500, warnMs: 1500 },
      failures: { f1: { kind: 'host-crash', atS: 3.05, target: 1 } },
      workloads: { w1: { kind: 'stream-udp', direction: 'from-vm', rate: 50, costUs: 20 } },
    });
    const n = new Narrator();
    for (const b of runToEnd(scenario).batches) n.add(b);
    const lines = n.story().map((l) => l.text);
    const crash = lines.findIndex((l) => /primary host crashes/.test(l));
    const failing = lines.findIndex((l) => /Workload w1 starts failing/.test(l));
    expect(crash).toBeGreaterThan(-1);
    expect(failing).toBeGreaterThan(crash);
  });
});
