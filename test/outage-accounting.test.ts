import { describe, expect, it } from 'vitest';
import { TraceKind } from '../src/sim/engine/trace';
import { runToEnd } from '../src/sim/run';
import { setPath, type Scenario } from '../src/sim/scenario/scenario';
import { G711 } from '../src/sim/telephony/rtp';
import { RunViews } from '../src/ui/views/run-views';
import { validateScenario } from '../src/sim/scenario/validate';
import { preset } from './support/presets';

/** Issue 10, item 1: loss, gaps and outage from what was sent, not only from what arrived. */

const withSets = (s: Scenario, sets: Record<string, number | boolean | string>): Scenario =>
  Object.entries(sets).reduce<Scenario>((acc, [k, v]) => setPath(acc, k, v), s);

/** Packets a 20 ms stream sends in `seconds`. */
const packetsIn = (seconds: number): number => (seconds * 1e6) / G711.ptime;

describe('a crash nothing recovers from', () => {
  // primary-fails with replication off: the checkpoint-stream detector is never armed, nobody takes over.
  const s = withSets(preset('primary-fails'), { 'vms.vm1.protection': 'standby', durationS: 40 });
  const r = runToEnd(s).summary;
  const crashS = s.failures['f1']?.atS ?? NaN;

  it('counts the silent tail as loss: every packet sent after the crash is lost', () => {
    for (const st of r.streams) {
      // Media runs from 0.2 s; the crash at 30 s silences the last 10 s of 39.8 s: 25.1 %.
      const expectedLost = packetsIn(s.durationS - crashS);
      expect(Math.abs(st.lost - expectedLost)).toBeLessThanOrEqual(2);
      expect(st.lossPct).toBeCloseTo((100 * (s.durationS - crashS)) / (s.durationS - 0.2), 0);
      expect(st.gapOpenAtEnd).toBe(true);
      expect(st.maxGapMs).toBeGreaterThan(1000 * (s.durationS - crashS) - 40);
    }
  });

  it('MOS follows the loss (a quarter of the call missing is not "good")', () => {
    for (const st of r.streams) expect(st.mos).toBeLessThan(3);
  });

  it('says the service never recovered, claims no availability with failover, and warns why', () => {
    expect(r.failover?.recovered).toBe(false);
    expect(r.availability.neverRecovered).toBe(true);
    expect(r.availability.withFailover).toBeNull();
    expect(r.availability.measuredOutageS).toBeGreaterThan(s.durationS - crashS - 0.1);
    expect(r.warnings.join('\n')).toMatch(
      /never detected: the checkpoint-stream detector needs replication/,
    );
    expect(r.warnings.join('\n')).toMatch(/4 of 4 RTP streams never recovered/);
  });

  it('a crash before media starts loses every packet and never recovers', () => {
    const early = runToEnd(withSets(s, { 'failures.f1.atS': 0.1 })).summary;
    for (const st of early.streams) {
      expect(st.received).toBe(0);
      expect(st.lossPct).toBe(100);
      expect(st.gapOpenAtEnd).toBe(true);
    }
    expect(early.availability.neverRecovered).toBe(true);
    expect(early.availability.withFailover).toBeNull();
  });
});

describe('a failover that works', () => {
  const r = runToEnd(preset('primary-fails')).summary;

  it('recovers, counts the failover gap as loss and has no warnings', () => {
    expect(r.failover?.recovered).toBe(true);
    expect(r.availability.neverRecovered).toBe(false);
    expect(r.availability.withFailover).not.toBeNull();
    expect(r.warnings).toEqual([]);
    for (const st of r.streams) {
      // ≈ 1 s of media missing out of ≈ 60 s: the RTP gap is loss, not only silence.
      expect(st.lossPct).toBeGreaterThan(1);
      expect(st.lossPct).toBeLessThan(3);
      expect(st.gapOpenAtEnd).toBe(false);
    }
  });
});

describe('warnings when a failover cannot happen', () => {
  it('a crash before the first committed checkpoint', () => {
    const s = withSets(preset('primary-fails'), {
      'failure.detector': 'heartbeat',
      'failures.f1.atS': 0.2,
      durationS: 10,
    });
    const r = runToEnd(s).summary;
    expect(r.warnings.join('\n')).toMatch(/before its first checkpoint was committed/);
  });

  it('a replication link too slow for any checkpoint to commit', () => {
    const s = withSets(preset('primary-fails'), {
      'replication.linkGbps': 0.01,
      'replication.dirtyPagesPerS': 100_000,
      'failures.f1.kind': 'none',
      durationS: 10,
    });
    expect(validateScenario(s).scenario.replication.linkGbps).toBe(0.01);
    const r = runToEnd(s).summary;
    expect(r.epochs.count).toBe(0);
    expect(r.warnings.join('\n')).toMatch(/No checkpoint committed/);
  });
});

describe('the per-second loss chart counts what the engine counts', () => {
  /** Folds a run's trace into the UI's views, as the page does. */
  function chartLoss(s: Scenario): { chart: number; engine: number } {
    const { batches, summary } = runToEnd(s);
    const views = new RunViews();
    for (const b of batches) views.add(b, 0);
    return {
      chart: views.lossPerS.reduce((a, x) => a + x, 0),
      engine: summary.streams.reduce((a, st) => a + st.lost, 0),
    };
  }

  it('reordering is not loss: random extra delay reorders packets and the chart shows 0 lost', () => {
    const s = withSets(preset('net-vs-nonet-media'), {
      'network.extraDelayMs': 30,
      durationS: 10,
    });
    const { batches, summary: r } = runToEnd(s);
    // The scenario does reorder: some packet arrives after a later-sent one.
    let reordered = 0;
    const last = new Map<number, number>();
    for (const b of batches)
      for (let i = 0; i < b.count; i++) {
        if (b.kind[i] !== TraceKind.RtpRx) continue;
        const stream = b.entity[i] as number;
        const seq = b.a[i] as number;
        if (seq < (last.get(stream) ?? -1)) reordered++;
        else last.set(stream, seq);
      }
    expect(reordered).toBeGreaterThan(100);
    expect(r.streams.every((st) => st.lost === 0)).toBe(true);
    expect(chartLoss(s)).toEqual({ chart: 0, engine: 0 });
  });

  it('with a failover the chart sums to the engine loss, placed at the crash', () => {
    const s = preset('primary-fails');
    const { chart, engine } = chartLoss(s);
    expect(engine).toBeGreaterThan(0);
    expect(chart).toBe(engine);
    const { batches } = runToEnd(s);
    const views = new RunViews();
    for (const b of batches) views.add(b, 0);
    // Lost packets were sent in the seconds around the crash, not spread over the run.
    const crashSecond = Math.floor(s.failures['f1']?.atS ?? NaN);
    const near = views.lossPerS.slice(crashSecond - 1, crashSecond + 2).reduce((a, x) => a + x, 0);
    expect(near).toBe(engine);
  });
});
