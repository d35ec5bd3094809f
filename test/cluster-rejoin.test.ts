import { describe, expect, it } from 'vitest';
import { HbEvent, TraceKind, type TraceBatch } from '../src/sim/engine/trace';
import { runToEnd } from '../src/sim/run';
import { applyOverrides } from '../src/sim/scenario/load';
import { defaultScenario } from '../src/sim/scenario/scenario';

/**
 * A repaired host rejoins the cluster manager's membership (issue 8 item 4 "repair", item 5;
 * ADR 20's "As built" addendum). Heartbeat: the booted node beats again and its peers bring it
 * back at its first heartbeat; Corosync: the booted node merges with its component after the
 * merge timeout and the join, and votequorum counts its vote again.
 */
const BASE = [
  'durationS=30',
  'telephony.calls=2',
  'telephony.registerRate=50',
  'hosts.h3.enabled=true',
  'vms.vm1.protection=standby',
  'vms.vm1.backupHost=3',
];
const HB = [
  'cluster.manager=heartbeat',
  'cluster.medium=bcast',
  'failure.keepaliveMs=250',
  'failure.warnMs=1000',
  'failure.deadMs=2000',
];
function run(...sets: string[]) {
  const r = applyOverrides(defaultScenario(), [...BASE, ...sets]);
  expect(r.issues.filter((i) => i.action !== 'warning')).toEqual([]);
  const out = runToEnd(r.scenario);
  return { s: r.scenario, summary: out.summary, batches: out.batches };
}
const crash = (n: number, host: number, atS: number, repairAtS = 0) => [
  `failures.f${n}.kind=host-crash`,
  `failures.f${n}.target=${host}`,
  `failures.f${n}.atS=${atS}`,
  `failures.f${n}.repairAtS=${repairAtS}`,
];
/** Membership records: [t s, host, members, quorate]. */
function views(batches: readonly TraceBatch[]): number[][] {
  const out: number[][] = [];
  for (const b of batches)
    for (let i = 0; i < b.count; i++)
      if (b.kind[i] === TraceKind.Hb && b.a[i] === HbEvent.Membership)
        out.push([(b.t[i] ?? 0) / 1e6, b.entity[i] ?? 0, b.b[i] ?? 0, b.c[i] ?? 0]);
  return out;
}

describe('Heartbeat: a repaired host rejoins', () => {
  const lost = run(...HB, ...crash(1, 1, 10));
  const back = run(...HB, ...crash(1, 1, 10, 15));

  it('its peers see it again at its first heartbeat after the repair; it sees them by initdead', () => {
    const after = views(back.batches).filter(([t]) => (t ?? 0) >= 15);
    // h2 and h3 each bring h1 back (three members) within one keepalive + latency of the boot.
    for (const peer of [2, 3]) {
      const v = after.find(([, h]) => h === peer);
      expect(v?.[2]).toBe(3);
      expect(v?.[0]).toBeLessThan(15 + 0.25 + 0.001);
    }
    // h1's own view (all three) is reported at initdead after its boot (config.c: 2 × deadtime
    // when initdead is unset, raised to at least deadtime).
    const own = after.find(([, h]) => h === 1);
    expect(own?.[2]).toBe(3);
    expect(own?.[0]).toBeGreaterThanOrEqual(15 + 2);
    expect(views(lost.batches).filter(([t]) => (t ?? 0) >= 15)).toEqual([]);
  });

  it('message counts grow back: bcast adds one packet per keepalive from the boot on', () => {
    const sent = (r: typeof back) => r.summary.cluster?.packetsSentPerS ?? NaN;
    // 15 s of h1's beats every 0.25 s over a 30 s run: 60 packets, 2 /s (±1 beat for the phase
    // and the run's last instant, ±0.03 for the summary's rounding to 0.001 /s).
    expect((sent(back) - sent(lost)) * 30).toBeGreaterThanOrEqual(59 - 0.03);
    expect((sent(back) - sent(lost)) * 30).toBeLessThanOrEqual(61 + 0.03);
    // Three nodes hear each other again: receptions too.
    const heard = (r: typeof back) => r.summary.cluster?.packetsReceivedPerS ?? NaN;
    expect(heard(back)).toBeGreaterThan(heard(lost));
  });

  it('the group stays where it moved (no failback, as with auto_failback off)', () => {
    expect(back.summary.services[0]?.activeHost).toBe(3);
    expect(back.summary.services[0]?.takeovers).toBe(1);
    expect(back.summary.cluster?.starts).toBe(1);
  });
});

describe('Pacemaker: a repaired host brings quorum back', () => {
  // h1 (vm1's home) and h2 crash; h3 alone has one vote of three: no quorum, nothing starts.
  const PCMK = ['cluster.manager=pacemaker', ...crash(1, 1, 10)];
  const none = run(...PCMK, ...crash(2, 2, 10.5));
  const back = run(...PCMK, ...crash(2, 2, 10.5, 18));

  it('without the repair the survivor never has quorum and the service stays down', () => {
    const last = views(none.batches).at(-1);
    expect(last?.slice(1)).toEqual([3, 1, 0]);
    expect(none.summary.services[0]?.activeHost).toBeNull();
    expect(none.summary.cluster?.starts).toBe(0);
  });

  it('h2 boots at 18 s, merges with h3 (2 of 3 votes: quorate) and the group starts on h3', () => {
    const merged = views(back.batches).filter(([t, , n, q]) => (t ?? 0) >= 18 && n === 2 && q);
    expect(merged.map(([, h]) => h).sort()).toEqual([2, 3]);
    // The merge takes the merge timeout and a join, not a token loss (corosync.ts).
    expect(merged[0]?.[0]).toBeLessThan(18 + 1);
    expect(back.summary.services[0]?.activeHost).toBe(3);
    expect(back.summary.cluster?.starts).toBe(1);
  });
});
