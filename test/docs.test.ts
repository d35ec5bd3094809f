import type { FailureSlot } from '../src/sim/cluster/failure-slots';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioDoc } from '../src/sim/scenario/doc';
import { FIELDS, type Scenario } from '../src/sim/scenario/scenario';
import type { WorkloadKind, WorkloadSlot } from '../src/sim/workloads/slots';

describe('public formats stay documented', () => {
  it('docs/scenario.md matches the field table (run `npm run docs` after changing a field)', () => {
    expect(readFileSync(new URL('../docs/scenario.md', import.meta.url), 'utf8')).toBe(
      scenarioDoc(),
    );
  });

  it('docs/cli.md documents every key of the CLI JSON summary', async () => {
    const doc = readFileSync(new URL('../docs/cli.md', import.meta.url), 'utf8');
    const { runToEnd } = await import('../src/sim/run');
    const { findPreset, presetScenario } = await import('../src/sim/scenario/presets');
    const p = findPreset('primary-fails');
    if (!p) throw new Error('preset');
    const { summary } = runToEnd({
      ...presetScenario(p),
      durationS: 40,
      failures: { f1: { ...(presetScenario(p).failures['f1'] as FailureSlot), atS: 20 } },
    });
    const keys = new Set<string>();
    const walk = (o: unknown, prefix: string) => {
      if (o === null || typeof o !== 'object') return;
      const obj = Array.isArray(o) ? (o[0] as unknown) : o;
      if (obj === null || typeof obj !== 'object') return;
      for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
        if (prefix === 'packets.dropped.' || prefix === 'nic.vms[].drops.') continue;
        keys.add(prefix + k);
        walk(v, `${prefix}${k}${Array.isArray(v) ? '[].' : '.'}`);
      }
    };
    walk(summary, '');
    walk(runToEnd({ ...presetScenario(findPreset('r4-dba') ?? p), durationS: 2 }).summary, '');
    const probes = presetScenario(p);
    walk(
      runToEnd({
        ...probes,
        durationS: 2,
        udp: { ...probes.udp, enabled: true },
        web: { ...probes.web, enabled: true },
        tcp: { ...probes.tcp, enabled: true },
        ping: { ...probes.ping, enabled: true },
      }).summary,
      '',
    );
    for (const kind of ['stream-udp', 'stream-tcp', 'web', 'transfer'] as WorkloadKind[])
      walk(
        runToEnd({
          ...probes,
          durationS: 2,
          workloads: {
            ...probes.workloads,
            w1: { ...(probes.workloads['w1'] as WorkloadSlot), kind, startS: 0.5 },
          },
        } satisfies Scenario).summary,
        '',
      );
    const missing = [...keys].filter((k) => !doc.includes(`\`${k}\``));
    expect(missing).toEqual([]);
    expect(FIELDS.length).toBeGreaterThan(30);
  });
});
