import { describe, expect, it } from 'vitest';
import { TraceKind, TraceRecorder } from '../src/sim/engine/trace';
import { runToEnd } from '../src/sim/run';
import { busyOver, bufferMaxOver } from '../src/ui/timeline/bucket-draw';
import { RunViews } from '../src/ui/views/run-views';
import { preset } from './support/presets';

describe('run views', () => {
  it('keep slices in typed columns and the same busy time in their 1 ms buckets', () => {
    const { batches } = runToEnd(preset('r1-credit'));
    const v = new RunViews();
    for (const b of batches) v.add(b, 0);
    expect(v.slices.size).toBeGreaterThan(0);
    for (const lane of v.slices.values()) {
      expect(lane.start).toBeInstanceOf(Float64Array);
      let total = 0;
      for (let i = 0; i < lane.start.length; i++)
        total += (lane.end[i] as number) - (lane.start[i] as number);
      let bucketed = 0;
      for (const bk of lane.busy.values()) bucketed += busyOver(bk, 0, 200e6);
      // Float32 buckets: equal to well under a microsecond per slice.
      expect(Math.abs(bucketed - total)).toBeLessThan(total * 1e-5 + 1);
    }
  });

  it('stop keeping detail at the cap, say where, and still count and bucket the rest', () => {
    const rec = new TraceRecorder();
    for (let i = 0; i < 150; i++) rec.add(i * 2000, TraceKind.Slice, 1, i * 2000 + 1000, 1, 0);
    for (let i = 0; i < 10; i++) rec.add(400_000 + i * 10, TraceKind.Buffer, 1, i + 1, 0, 0);
    rec.add(500_000, TraceKind.Buffer, 1, 0, 0, 0);
    const v = new RunViews(100);
    v.add(rec.drain(), 600_000);
    const lane = v.slices.get(1);
    expect(lane?.start.length).toBe(100);
    expect(lane?.start[99]).toBe(198_000);
    expect(lane?.end[99]).toBe(199_000);
    expect(v.keptUntilUs).toBe(200_000);
    expect(v.buffer.t.length).toBe(0);
    // Busy time of all 150 slices (1 ms each), not only the 100 kept.
    expect(busyOver(lane?.busy.get(1) ?? (undefined as never), 0, 600_000)).toBeCloseTo(150_000, 0);
    // The buffer's burst to 10 packets shows in its bucket, and its level drops back to 0 after.
    expect(v.buffer.max).toBe(10);
    expect(bufferMaxOver(v.bufferMax, 399_000, 401_000)).toBe(10);
    expect(bufferMaxOver(v.bufferMax, 450_000, 460_000)).toBe(10);
    expect(bufferMaxOver(v.bufferMax, 501_000, 590_000)).toBe(0);
  });
});
