import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aggregate, mergeRows } from '../src/sim/sweep/aggregate';
import { planSweep, shardOf } from '../src/sim/sweep/plan';
import { runSweepPoint, type SweepRow } from '../src/sim/sweep/row';
import { axisValues, checkSweepSpec } from '../src/sim/sweep/spec';

/** Issue 11 item 7 / issue 9 item 2: one sweep spec, run locally, sharded and merged. */

const small = {
  sweepVersion: 1,
  scenario: 'remus-bursts',
  set: { durationS: 2 },
  vary: [{ path: 'replication.intervalMs', values: [100, 400] }],
  seeds: 2,
  metrics: ['jitterMs', 'lossPct', 'epochPauseMs'],
};

describe('sweep plan', () => {
  it('says what is wrong with a spec in words, naming the allowed values', () => {
    const { spec, problems } = checkSweepSpec({
      ...small,
      seeds: 0,
      metrics: ['media.jitterMs'],
      bogus: 1,
    });
    expect(spec).toBeNull();
    expect(problems).toContain('seeds: Too small: expected number to be >=1');
    expect(problems.find((p) => p.startsWith('metrics.0:'))).toMatch(
      /expected one of .*"jitterMs"/,
    );
    expect(problems).toContain('(spec): Unrecognized key: "bogus"');
    expect(problems.join(' ')).not.toMatch(/Invalid input/);
  });

  it('expands ranges on the field step (int fields round and drop repeats), lists and log scales', () => {
    expect(axisValues({ path: 'replication.intervalMs', from: 50, to: 800, steps: 4 })).toEqual([
      50, 300, 550, 800,
    ]);
    expect(axisValues({ path: 'telephony.calls', from: 1, to: 3, steps: 5 })).toEqual([1, 2, 3]);
    const log = axisValues({
      path: 'replication.intervalMs',
      from: 10,
      to: 1000,
      steps: 3,
      scale: 'log',
    });
    expect(log).toEqual([10, 100, 1000]);
  });

  it('two axes × seeds give every combination once, indexed in order', () => {
    const { plan } = planSweep({
      ...small,
      vary: [
        { path: 'replication.intervalMs', values: [100, 200, 400] },
        { path: 'replication.policy', values: ['net', 'none'] },
      ],
    });
    expect(plan?.runs.map((r) => r.index)).toEqual([...Array(12).keys()]);
    const combos = new Set(plan?.runs.map((r) => `${JSON.stringify(r.params)}/${r.seed}`));
    expect(combos.size).toBe(12);
    // index = (i0 · n1 + i1) · seeds + k: run 3 is the first value, the second policy, the second seed.
    const r3 = plan?.runs[3];
    expect(r3?.params).toEqual({ 'replication.intervalMs': 100, 'replication.policy': 'none' });
    expect(r3?.scenario.replication.policy).toBe('none');
    expect(r3?.seed).toBe((plan?.runs[0]?.seed ?? 0) + 1);
  });

  it('refuses what it cannot run, naming the part of the spec', () => {
    const bad = (over: object) => planSweep({ ...small, ...over }).problems.join('\n');
    expect(bad({ vary: [{ path: 'nope.x', values: [1] }] })).toMatch(
      /vary\.0\.path: unknown field nope\.x/,
    );
    expect(bad({ vary: [{ path: 'replication.intervalMs', values: [5] }] })).toMatch(
      /point .*replication\.intervalMs/,
    );
    expect(bad({ vary: [{ path: 'replication.policy', from: 1, to: 2, steps: 2 }] })).toMatch(
      /is a choice/,
    );
    expect(
      bad({
        seeds: 100,
        vary: [{ path: 'replication.intervalMs', from: 10, to: 2000, steps: 200 }],
      }),
    ).toMatch(/at most 10000/);
    expect(bad({ metrics: ['nope'] })).toMatch(/metrics\.0/);
    expect(bad({ scenario: 'no-such-preset' })).toMatch(/scenario:/);
  });

  it('shards are disjoint and cover the sweep', () => {
    const { plan } = planSweep(small);
    const runs = plan?.runs ?? [];
    const parts = [0, 1, 2].map((i) => shardOf(runs, i, 3).map((r) => r.index));
    expect(parts.flat().sort((a, b) => a - b)).toEqual(runs.map((r) => r.index));
  });
});

describe('sweep rows', () => {
  const { plan } = planSweep(small);
  const rows: SweepRow[] = (plan?.runs ?? []).map((r) => runSweepPoint(r, plan?.metrics ?? []));

  it('a longer checkpoint interval means longer output bursts: more jitter (the mechanism, per seed)', () => {
    const j = aggregate(rows, 'jitterMs');
    expect(j).toHaveLength(2);
    expect((j[1]?.mean ?? 0) > (j[0]?.mean ?? 0)).toBe(true);
    expect(j[0]?.n).toBe(2);
  });

  it('merge orders rows, reports missing runs and conflicting duplicates', () => {
    const shuffled = [rows[3], rows[0], rows[2], rows[1]] as SweepRow[];
    expect(mergeRows(shuffled, 4)).toEqual({ rows, problems: [] });
    expect(mergeRows(rows.slice(1), 4).problems[0]).toMatch(/1 of 4 runs missing \(first: 0\)/);
    const forged = { ...(rows[0] as SweepRow), traceHash: 'deadbeef' };
    expect(mergeRows([...rows, forged]).problems[0]).toMatch(/run 0 appears twice/);
  });

  it('npm run sweep: two shards on worker threads merge into exactly the unsharded rows', () => {
    const dir = mkdtempSync(join(tmpdir(), 'voip-lab-sweep-'));
    const spec = join(dir, 'spec.json');
    writeFileSync(spec, JSON.stringify(small));
    const cli = (...a: string[]) =>
      execFileSync('npx', ['tsx', 'src/cli/sweep.ts', ...a], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    cli(spec, '--jobs', '2', '--shard', '0/2', '--out', join(dir, 'a.jsonl'));
    cli(spec, '--jobs', '1', '--shard', '1/2', '--out', join(dir, 'b.jsonl'));
    const merged = cli('--merge', join(dir, 'a.jsonl'), join(dir, 'b.jsonl'), '--spec', spec)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as SweepRow);
    expect(merged).toEqual(rows);
  });
});
