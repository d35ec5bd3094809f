import { describe, expect, it } from 'vitest';
import { Simulator } from '../src/sim/engine/simulator';
import type { Micros } from '../src/sim/engine/units';
import { ScenarioRun, runToEnd } from '../src/sim/run';
import { preset } from './support/presets';

const t = (us: number) => us as Micros;

describe('runs in bounded slices', () => {
  it('runUntil with an event budget stops after that many events and resumes where it stopped', () => {
    const sim = new Simulator();
    const seen: number[] = [];
    for (const at of [10, 20, 20, 30, 40]) sim.at(t(at), (now) => seen.push(now));
    expect(sim.runUntil(t(100), 3)).toBe(false);
    expect(seen).toEqual([10, 20, 20]);
    expect(sim.now).toBe(20);
    expect(sim.runUntil(t(100), 1)).toBe(false);
    expect(sim.runUntil(t(100), 5)).toBe(true);
    expect(seen).toEqual([10, 20, 20, 30, 40]);
    expect(sim.now).toBe(100);
  });

  it.each(['primary-fails', 'heartbeat-failover'])(
    '%s: slicing by events gives the same trace hash, records and summary as whole 1 s chunks',
    (id) => {
      const s = preset(id);
      const whole = runToEnd(s);
      const run = new ScenarioRun(s);
      let records = 0;
      let slices = 0;
      let lastTime = 0;
      for (;;) {
        const c = run.next(undefined, 97);
        records += c.batch.count;
        slices++;
        expect(c.simTimeUs).toBeGreaterThanOrEqual(lastTime);
        lastTime = c.simTimeUs;
        if (c.done) break;
      }
      expect(run.traceHash).toBe(whole.traceHash);
      expect(records).toBe(whole.batches.reduce((n, b) => n + b.count, 0));
      expect(run.summary()).toEqual(whole.summary);
      // Many more slices than the run's 1 s chunks: the budget did cut chunks.
      expect(slices).toBeGreaterThan(whole.batches.length * 2);
      expect(lastTime).toBe(s.durationS * 1e6);
    },
  );
});
