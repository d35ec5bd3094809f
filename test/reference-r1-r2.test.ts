import { describe, expect, it } from 'vitest';
import { runToEnd } from '../src/sim/run';
import { setPath, type Scenario } from '../src/sim/scenario/scenario';
import { validateScenario } from '../src/sim/scenario/validate';
import { REFERENCE } from './reference-data';
import { preset, valid } from './support/presets';
import { slicesOn } from './support/slices';

describe('R1 — CPU access latency (ping RTT) from the presets', () => {
  const R1 = REFERENCE.r1;
  const credit = runToEnd(valid(preset('r1-credit'))).summary;
  const vslicer = runToEnd(valid(preset('r1-vslicer'))).summary;

  it(`credit: mean ≈ ${R1.creditMeanMs} ms (±${R1.creditToleranceMs}), worst ≈ (N−1)·30 = ${R1.creditWorstMs} ms`, () => {
    expect(credit.ping?.received).toBe(1000);
    expect(Math.abs((credit.ping?.rttMeanMs ?? 0) - R1.creditMeanMs)).toBeLessThanOrEqual(
      R1.creditToleranceMs,
    );
    // The round-robin bound is reached and never passed.
    const worst = credit.ping?.rttMaxMs ?? 0;
    expect(Math.abs(worst - R1.creditWorstMs)).toBeLessThanOrEqual(R1.creditWorstToleranceMs);
  });

  it(`vSlicer with VM1 the only LSVM: mean ≈ ${R1.vslicerMeanMs} ms (±${R1.vslicerToleranceMs}), a ≥ 65 % cut`, () => {
    const mean = vslicer.ping?.rttMeanMs ?? 0;
    expect(Math.abs(mean - R1.vslicerMeanMs)).toBeLessThanOrEqual(R1.vslicerToleranceMs);
    expect(1 - mean / (credit.ping?.rttMeanMs ?? 1)).toBeGreaterThanOrEqual(R1.minReduction);
  });

  it('vSlicer keeps credit1’s BOOST: an idle VM1 that wakes for each ping is served at once, as under credit', () => {
    for (const id of ['r1-credit', 'r1-vslicer']) {
      const ping = runToEnd(valid(setPath(preset(id), 'vms.vm1.burnPct', 0))).summary.ping;
      expect(ping?.received).toBe(1000);
      // The client's LAN and dom0's path only: well under one 5 ms micro-slice.
      expect(ping?.rttMaxMs ?? Infinity).toBeLessThan(2.5);
    }
  });

  it('both schedulers give each of the four VMs a quarter of the core', () => {
    for (const s of [credit, vslicer]) {
      for (const c of s.cpu.filter((x) => x.host === 'primary' && x.vm !== 'dom0'))
        expect(Math.abs(c.sharePct - 25)).toBeLessThan(0.5);
    }
  });
});

/** The burners start with no backlog; under contention it builds within a few hundred ms. */
const WARM_UP_US = 1_000_000;

/**
 * Context switches on the guest core after the warm-up: slices that start with a different VM
 * from the one before. While the burners' backlogs build, VMs block and wake (BOOST) and switch
 * every millisecond; the paper's ratios are about the steady schedule.
 */
function steadySwitches(r: ReturnType<typeof runToEnd>): number {
  const slices = slicesOn(r.batches, 1);
  return slices.filter((x, i) => i > 0 && x.t >= WARM_UP_US && x.vm !== slices[i - 1]?.vm).length;
}

describe('R2 — vSlicer schedule arithmetic and fairness', () => {
  const R2 = REFERENCE.r2;
  const run = runToEnd(valid(preset('r2-vslicer')));

  it(`an LSVM waits ${R2.bestLatencyMs} ms at best and ${R2.worstLatencyMs} ms at worst (T_NLSVM + (m−1)·T_m)`, () => {
    const slices = slicesOn(run.batches, 1).filter((x) => x.vm === 1 && x.t >= WARM_UP_US);
    const gaps = slices.slice(1).map((x, i) => (x.t - (slices[i]?.end ?? 0)) / 1000);
    // Measured after the burners' backlogs have built (under contention the VMs never block).
    // The dispatcher charges a 5 µs switch before each slice, so gaps sit a few µs above the arithmetic.
    expect(Math.min(...gaps)).toBeCloseTo(R2.bestLatencyMs, 1);
    expect(Math.max(...gaps)).toBeCloseTo(R2.worstLatencyMs, 1);
  });

  it(`every VM gets 1/(m+n) of the core within ±${R2.shareTolerance * 100} % over 30 s`, () => {
    for (const c of run.summary.cpu.filter((x) => x.host === 'primary' && x.vm !== 'dom0')) {
      expect(Math.abs(c.sharePct / 25 - 1)).toBeLessThanOrEqual(R2.shareTolerance);
    }
  });

  it(`context switches: ×${R2.shortSliceSwitchFactor} with 5 ms slices for every VM, ×${R2.vslicerSwitchFactor} (±${R2.vslicerSwitchTolerance * 100} %) with vSlicer`, () => {
    const creditBase = setPath(
      setPath(setPath(preset('r2-vslicer'), 'host.scheduler', 'credit'), 'vms.vm1.lsvm', false),
      'vms.vm2.lsvm',
      false,
    );
    const base = steadySwitches(runToEnd(valid(creditBase)));
    const short = steadySwitches(runToEnd(valid(setPath(creditBase, 'host.sliceMs', 5))));
    const vs = steadySwitches(run);
    expect(Math.abs(short / base / R2.shortSliceSwitchFactor - 1)).toBeLessThanOrEqual(
      R2.shortSliceSwitchTolerance,
    );
    expect(Math.abs(vs / base / R2.vslicerSwitchFactor - 1)).toBeLessThanOrEqual(
      R2.vslicerSwitchTolerance,
    );
  });

  it('a memory-bound job keeps its throughput in an NLSVM and loses it in an LSVM as T_m shrinks', () => {
    const withStream = (s: Scenario) =>
      setPath(setPath(s, 'vms.vm1.memoryBound', true), 'vms.vm3.memoryBound', true);
    const progress = (s: Scenario, vm: string) =>
      runToEnd(valid(s)).summary.cpu.find((c) => c.host === 'primary' && c.vm === vm)
        ?.burnerProgressPct ?? 0;
    const creditS = withStream(
      setPath(
        setPath(setPath(preset('r2-vslicer'), 'host.scheduler', 'credit'), 'vms.vm1.lsvm', false),
        'vms.vm2.lsvm',
        false,
      ),
    );
    const nlCredit = progress(creditS, 'vm3');
    const nlVslicer = progress(withStream(preset('r2-vslicer')), 'vm3');
    expect(Math.abs(nlVslicer / nlCredit - 1)).toBeLessThanOrEqual(R2.nlsvmThroughputTolerance);
    const lsvmAt = (tm: number) =>
      progress(withStream(setPath(preset('r2-vslicer'), 'host.microSliceMs', tm)), 'voip');
    const series = [15, 5, 3, 1].map(lsvmAt);
    for (let i = 1; i < series.length; i++) expect(series[i]).toBeLessThan(series[i - 1] as number);
    expect(series[3]).toBeLessThan(nlCredit * 0.2);
  });
});

describe('R3 (partial) — VoIP single line, credit vs vSlicer', () => {
  const R3 = REFERENCE.r3;
  const credit = runToEnd(valid(preset('r3-credit'))).summary.streams;
  const vslicer = runToEnd(valid(preset('r3-vslicer'))).summary.streams;
  const up = (s: typeof credit) => s.find((x) => x.direction === 'client→server');
  const down = (s: typeof credit) => s.find((x) => x.direction === 'server→client');

  it(`credit upstream jitter ≈ ${R3.creditUpJitterMs} ms (±${R3.creditUpJitterToleranceMs}), measured where the VoIP application reads the packets`, () => {
    expect(Math.abs((up(credit)?.jitterMeanMs ?? 0) - R3.creditUpJitterMs)).toBeLessThanOrEqual(
      R3.creditUpJitterToleranceMs,
    );
  });

  it(`credit: an adaptive playout buffer discards ≈ ${R3.creditDiscardPct} % (±${R3.creditDiscardTolerancePct}) each way`, () => {
    for (const s of [up(credit), down(credit)])
      expect(Math.abs((s?.latePct ?? Infinity) - R3.creditDiscardPct)).toBeLessThanOrEqual(
        R3.creditDiscardTolerancePct,
      );
  });

  it(`vSlicer lowers jitter both ways and discards ≤ ${R3.vslicerMaxDiscardPct} % each way`, () => {
    expect(up(vslicer)?.jitterMeanMs).toBeLessThan(up(credit)?.jitterMeanMs ?? 0);
    expect(down(vslicer)?.jitterMeanMs).toBeLessThan(down(credit)?.jitterMeanMs ?? 0);
    for (const s of [up(vslicer), down(vslicer)])
      expect(s?.latePct).toBeLessThanOrEqual(R3.vslicerMaxDiscardPct);
  });

  // Accepted deviation (issue 10): the paper's ≥ 45 % cut is out of this schedule's reach (the
  // schedule-bound argument in docs/reference-results.md). What the model gives is asserted, so
  // the doc's figures stay true; reaching 45 % would fail here and ask for the doc to change.
  it(`vSlicer cuts upstream jitter by ${R3.acceptedUpJitterCut.tm5 * 100} % with T_m = 5 ms and ${R3.acceptedUpJitterCut.tm1 * 100} % with T_m = 1 ms (±${R3.acceptedUpJitterCut.tolerance * 100} points; the paper: ≥ ${R3.minUpJitterCut * 100} %)`, () => {
    const A = R3.acceptedUpJitterCut;
    const creditUp = up(credit)?.jitterMeanMs ?? NaN;
    const cut = (streams: typeof credit) => 1 - (up(streams)?.jitterMeanMs ?? NaN) / creditUp;
    const fine = runToEnd(valid(setPath(preset('r3-vslicer'), 'host.microSliceMs', 1))).summary;
    expect(Math.abs(cut(vslicer) - A.tm5)).toBeLessThanOrEqual(A.tolerance);
    expect(Math.abs(cut(fine.streams) - A.tm1)).toBeLessThanOrEqual(A.tolerance);
    expect(cut(fine.streams)).toBeGreaterThan(cut(vslicer));
    expect(cut(fine.streams)).toBeLessThan(R3.minUpJitterCut);
  });
});

describe('vSlicer: a VM changes class during the run', () => {
  it('vm3 becomes an LSVM at 5 s: its slices turn into micro-slices and shares stay equal', () => {
    let s = setPath(setPath(preset('r2-vslicer'), 'host.lsvmSwitchVm', 3), 'host.lsvmSwitchAtS', 5);
    s = setPath(s, 'durationS', 10);
    const r = runToEnd(valid(s));
    const slices = slicesOn(r.batches, 1);
    const vm3 = slices.filter((x) => x.vm === 3);
    const before = vm3.filter((x) => x.end <= 5e6).map((x) => (x.end - x.t) / 1000);
    const after = vm3.filter((x) => x.end > 5e6 && x.t >= 5.2e6).map((x) => (x.end - x.t) / 1000);
    expect(Math.max(...before)).toBeCloseTo(30, 0);
    // 3 LSVMs + 1 NLSVM: T_n = 30 ms, r = 6 micro-slices of 5 ms per round.
    expect(Math.max(...after)).toBeCloseTo(5, 1);
    // Shares after the burners' warm-up (while their backlogs build they wake BOOSTed).
    const ran = new Map<number, number>();
    for (const x of slices) {
      const len = x.end - Math.max(x.t, WARM_UP_US);
      if (len > 0) ran.set(x.vm, (ran.get(x.vm) ?? 0) + len);
    }
    for (const vm of [1, 2, 3, 4])
      expect(Math.abs((ran.get(vm) ?? 0) / (10e6 - WARM_UP_US) - 0.25)).toBeLessThan(0.005);
  });

  it('a class change that would make vSlicer impossible is refused, naming the field', () => {
    // 1 LSVM + 3 NLSVMs with T_m = 2 ms works (T_NLSVM/n = 10 ms); vm2 becoming an LSVM gives
    // 2 + 2, where T_NLSVM/n = 15 ms and 2 ms does not divide it.
    const base = setPath(preset('r1-vslicer'), 'host.microSliceMs', 2);
    expect(validateScenario(base).issues).toEqual([]);
    const r = validateScenario(setPath(base, 'host.lsvmSwitchVm', 2));
    expect(r.issues.map((i) => i.path)).toEqual(['host.lsvmSwitchVm']);
    expect(r.issues[0]?.message).toContain('must divide');
    expect(r.scenario.host.lsvmSwitchVm).toBe(0);
  });
});
