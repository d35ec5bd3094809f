import { describe, expect, it } from 'vitest';
import { MigEvent, TopoEvent, TraceKind, type TraceBatch } from '../src/sim/engine/trace';
import { runToEnd } from '../src/sim/run';
import { validateScenario } from '../src/sim/scenario/validate';
import type { Scenario } from '../src/sim/scenario/scenario';

/**
 * Issue 8 item 6: "a migration can be […] the cluster manager's response to a graceful failure".
 * R6's split deployment on three hosts (the bench's layout, without its crash): SIP under Net on
 * h1 (backup h2), the media VM on h2 with a standby copy on h3; f1 = a graceful shutdown of the
 * media VM at 10 s. With live migration on, the manager moves it live to h3; without, it stops
 * it and starts the standby copy cold (today's answer to a planned shutdown).
 */
function scenario(migrate: boolean): Scenario {
  const { scenario: s, issues } = validateScenario({
    durationS: 20,
    telephony: { calls: 4, registerRate: 50 },
    hosts: { h1: { enabled: true }, h2: { enabled: true }, h3: { enabled: true } },
    vms: {
      vm1: { host: 1, sip: true, media: false, protection: 'remus', backupHost: 2 },
      vm2: {
        enabled: true,
        host: 2,
        sip: false,
        media: true,
        protection: 'standby',
        backupHost: 3,
        burnPct: 0,
      },
    },
    failures: { f1: { kind: 'vm-shutdown', target: 2, atS: 10 } },
    // The planned time is past the run's end: only the shutdown can start the move.
    migration: { enabled: migrate, vm: 2, trigger: 'planned', atS: 30, memoryMiB: 256 },
  });
  expect(issues).toEqual([]);
  return s;
}

function records(batches: readonly TraceBatch[], kind: number, a: number): [number, number][] {
  const out: [number, number][] = [];
  for (const b of batches)
    for (let i = 0; i < b.count; i++)
      if (b.kind[i] === kind && b.a[i] === a) out.push([b.entity[i] as number, b.b[i] as number]);
  return out;
}

describe('a graceful VM shutdown answered by a live migration', () => {
  const moved = runToEnd(scenario(true));
  const cold = runToEnd(scenario(false));

  it('starts pre-copy at the shutdown, with rounds, and finishes with a short downtime', () => {
    const m = moved.summary.migration;
    expect(m?.trigger).toBe('graceful-shutdown');
    expect(m?.requestedS).toBe(10);
    expect(m?.completed).toBe(true);
    expect(m?.liveRounds).toBeGreaterThanOrEqual(1);
    // Round 1 carries every page of the 256 MiB VM.
    expect(m?.roundPages[0]).toBe((256 * 1024 * 1024) / 4096);
    // Downtime: suspend + final copy + vif plug (0.3 s) + ready/go + resume, under 0.4 s (ADR 19's
    // arithmetic, test/live-migration.test.ts checks it term by term); no detection wait (deadMs
    // is seconds).
    expect(m?.downtimeMs).toBeGreaterThan(300);
    expect(m?.downtimeMs).toBeLessThan(400);
    const media = moved.summary.services.find((u) => u.vm === 'vm2');
    expect(media?.activeHost).toBe(3);
    // Not a takeover: the guest moved with its state; the failover machinery did nothing.
    expect(media?.takeovers).toBe(0);
  });

  it('the trace shows a graceful request, the rounds and the resume on h3, and no VM-down', () => {
    const req = records(moved.batches, TraceKind.Migration, MigEvent.Requested);
    expect(req).toEqual([[2, 1]]);
    expect(records(moved.batches, TraceKind.Migration, MigEvent.Round).length).toBe(
      moved.summary.migration?.liveRounds,
    );
    expect(records(moved.batches, TraceKind.Migration, MigEvent.Resume)).toEqual([[2, 3]]);
    expect(records(moved.batches, TraceKind.Topo, TopoEvent.VmDown)).toEqual([]);
  });

  it('media keeps flowing: its longest gap is the migration’s, far below the cold restart’s', () => {
    const gap = (r: typeof moved) => Math.max(...r.summary.streams.map((s) => s.maxGapMs));
    expect(gap(moved)).toBeLessThan(500);
    // Without migration the standby copy is started cold: an empty relay with none of the calls'
    // sessions, so their media does not come back in this run (gap from 10 s to the 20 s end).
    expect(cold.summary.migration).toBeUndefined();
    expect(cold.summary.services.find((u) => u.vm === 'vm2')?.takeovers).toBe(1);
    expect(records(cold.batches, TraceKind.Topo, TopoEvent.VmDown)).toEqual([[2, 2]]);
    expect(gap(cold)).toBeGreaterThan(9_000);
  });
});
