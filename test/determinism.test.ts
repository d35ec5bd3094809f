import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TraceKind, concatBatches } from '../src/sim/engine/trace';
import { runToEnd } from '../src/sim/run';
import { PRESETS, presetScenario } from '../src/sim/scenario/presets';
import { setPath } from '../src/sim/scenario/scenario';

/** Golden trace hashes per preset (regenerate deliberately with `npm run golden` when the model changes). */
const GOLDEN = JSON.parse(
  readFileSync(new URL('./golden/trace-hashes.json', import.meta.url), 'utf8'),
) as Record<string, string>;

/** The golden summary kept beside each hash, or undefined before `npm run golden` wrote one. */
function goldenSummary(id: string): unknown {
  const url = new URL(`./golden/${id}.summary.json`, import.meta.url);
  return existsSync(url) ? (JSON.parse(readFileSync(url, 'utf8')) as unknown) : undefined;
}

/** Every leaf of a JSON value by path (`streams[0].lossPct`), so two summaries can be compared key by key. */
function leaves(v: unknown, path = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (v !== null && typeof v === 'object') {
    const entries = Array.isArray(v)
      ? v.map((x, i) => [`${path}[${i}]`, x] as const)
      : Object.entries(v).map(([k, x]) => [path ? `${path}.${k}` : k, x] as const);
    if (entries.length === 0) out.set(path, v);
    for (const [p, x] of entries) leaves(x, p, out);
  } else out.set(path, v);
  return out;
}

/** What moved between the golden summary and this run's: `path: golden → now`, one line per key. */
function summaryDiff(golden: unknown, now: unknown): string[] {
  const a = leaves(golden);
  const b = leaves(now);
  const moved: string[] = [];
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    const x = a.has(k) ? JSON.stringify(a.get(k)) : '(absent)';
    const y = b.has(k) ? JSON.stringify(b.get(k)) : '(absent)';
    if (x !== y) moved.push(`${k}: ${x} → ${y}`);
  }
  return moved;
}

describe('determinism', () => {
  it('the same scenario and seed give the same trace hash, run after run', () => {
    const s = presetScenario(PRESETS[2] as (typeof PRESETS)[number]);
    const a = runToEnd(s);
    const b = runToEnd(s);
    expect(a.traceHash).toBe(b.traceHash);
    expect(a.summary).toEqual(b.summary);
    expect(runToEnd(setPath(s, 'seed', 2)).traceHash).not.toBe(a.traceHash);
  });

  it.each(PRESETS.map((p) => p.id))(
    'preset %s matches its golden trace hash and golden summary',
    (id) => {
      const p = PRESETS.find((x) => x.id === id) as (typeof PRESETS)[number];
      const r = runToEnd(presetScenario(p));
      const golden = goldenSummary(id);
      expect(golden, `test/golden/${id}.summary.json is missing: npm run golden`).toBeDefined();
      // The summary first: when the trace changed, the failure lists the keys that moved.
      const moved = summaryDiff(golden, JSON.parse(JSON.stringify(r.summary)));
      expect(moved, `summary keys that moved (golden → now); regenerate only on purpose`).toEqual(
        [],
      );
      expect(r.traceHash).toBe(GOLDEN[id]);
    },
  );

  it('the summary diff names each moved key with its old and new value', () => {
    const golden = { a: 1, s: [{ x: 0.5, y: 'k' }], n: null, gone: 3 };
    const now = {
      a: 1,
      s: [
        { x: 0.75, y: 'k' },
        { x: 1, y: 'k' },
      ],
      n: { v: 2 },
    };
    expect(summaryDiff(golden, now)).toEqual([
      's[0].x: 0.5 → 0.75',
      'n: null → (absent)',
      'gone: 3 → (absent)',
      's[1].x: (absent) → 1',
      's[1].y: (absent) → "k"',
      'n.v: (absent) → 2',
    ]);
    expect(summaryDiff(golden, golden)).toEqual([]);
  });

  it('each component owns its random stream: adding calls leaves stream 0’s link draws alone', () => {
    let base = presetScenario(PRESETS[0] as (typeof PRESETS)[number]);
    base = setPath(setPath(base, 'network.extraDelayMs', 20), 'vms.vm1.protection', 'standby');
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
