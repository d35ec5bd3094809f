import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TraceKind, concatBatches } from '../src/sim/engine/trace';
import { runToEnd } from '../src/sim/run';
import { PRESETS, presetScenario } from '../src/sim/scenario/presets';
import { setPath } from '../src/sim/scenario/scenario';

/** Golden trace hashes per preset (regenerate deliberately with `npm run golden` when the model changes). */
const GOLDEN = JSON.parse(
  readFileSync(new URL('./golden/trace-hashes.json', import.meta.url), 'utf8'),
) as Record<string, string>;

describe('determinism', () => {
  it('the same scenario and seed give the same trace hash, run after run', () => {
    const s = presetScenario(PRESETS[2] as (typeof PRESETS)[number]);
    const a = runToEnd(s);
    const b = runToEnd(s);
    expect(a.traceHash).toBe(b.traceHash);
    expect(a.summary).toEqual(b.summary);
    expect(runToEnd(setPath(s, 'seed', 2)).traceHash).not.toBe(a.traceHash);
  });

  it.each(PRESETS.map((p) => p.id))('preset %s matches its golden trace hash', (id) => {
    const p = PRESETS.find((x) => x.id === id) as (typeof PRESETS)[number];
    expect(runToEnd(presetScenario(p)).traceHash).toBe(GOLDEN[id]);
  });

  it('each component owns its random stream: adding calls leaves stream 0’s link draws alone', () => {
    let base = presetScenario(PRESETS[0] as (typeof PRESETS)[number]);
    base = setPath(setPath(base, 'network.extraDelayMs', 20), 'replication.enabled', false);
    const delaysOf = (calls: number) => {
      const all = concatBatches(runToEnd(setPath(base, 'telephony.calls', calls)).batches);
      const bySeq = new Map<number, number>();
      for (let i = 0; i < all.count; i++) {
        if (all.kind[i] === TraceKind.RtpRx && all.entity[i] === 0)
          bySeq.set(all.a[i] as number, all.b[i] as number);
      }
      return bySeq;
    };
    const one = delaysOf(1);
    const three = delaysOf(3);
    expect(one.size).toBeGreaterThan(900);
    let worst = 0;
    for (const [seq, d] of one) worst = Math.max(worst, Math.abs((three.get(seq) ?? Infinity) - d));
    // Only CPU queueing behind the other calls' packets may differ (well under 1 ms); the 0–20 ms draws may not.
    expect(worst).toBeLessThan(1000);
  });
});
