import { describe, expect, it } from 'vitest';
import { failureToMembership, totemConfig } from '../src/sim/cluster/corosync';
import { HbEvent, TopoEvent, TraceKind, type TraceBatch } from '../src/sim/engine/trace';
import { ms } from '../src/sim/engine/units';
import { runToEnd } from '../src/sim/run';
import { applyOverrides } from '../src/sim/scenario/load';
import { defaultScenario } from '../src/sim/scenario/scenario';

/**
 * The cluster manager over all hosts (issue 8 item 5; ADR 12's leaf modules wired into the
 * world). Each test states the arithmetic it expects from the mechanisms' own constants:
 * Heartbeat's deadtime, Corosync's token + consensus (corosync 3.1.10), the fence time and the
 * resume time of the scenario.
 */
const BASE = ['durationS=30', 'telephony.calls=2', 'telephony.registerRate=50'];
const HB = [
  'cluster.manager=heartbeat',
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
const fail = (n: number, kind: string, target: number, atS: number) => [
  `failures.f${n}.kind=${kind}`,
  `failures.f${n}.target=${target}`,
  `failures.f${n}.atS=${atS}`,
];
/** Trace records of one kind and event code: [t µs, entity, b]. */
function records(batches: readonly TraceBatch[], kind: number, ev: number): number[][] {
  const out: number[][] = [];
  for (const b of batches)
    for (let i = 0; i < b.count; i++)
      if (b.kind[i] === kind && b.a[i] === ev)
        out.push([b.t[i] ?? 0, b.entity[i] ?? 0, b.b[i] ?? 0]);
  return out;
}

describe('Heartbeat over three hosts', () => {
  it('loses one node: the group moves to its next preference (its backup host) after deadtime, not to the other host', () => {
    const { summary, batches } = run(
      ...HB,
      'hosts.h3.enabled=true',
      'vms.vm1.protection=standby',
      'vms.vm1.backupHost=3',
      ...fail(1, 'host-crash', 1, 10),
    );
    const u = summary.services[0];
    expect(u?.activeHost).toBe(3);
    expect(u?.takeovers).toBe(1);
    const f = summary.failover;
    // The last beat h1 sent is within one keepalive (0.25 s) before the crash; its peers declare
    // it dead deadtime (2 s) after hearing it, plus the 0.1 ms latency.
    expect(f?.declaredDeadS).toBeGreaterThanOrEqual(10 + 2 - 0.25);
    expect(f?.declaredDeadS).toBeLessThanOrEqual(10 + 2 + 0.001);
    // Then the standby resumes (failure.resumeMs 20 ms) and the clients follow its ARP 20 ms on.
    expect((f?.takeoverS ?? 0) - (f?.declaredDeadS ?? 0)).toBeCloseTo(0.02, 6);
    expect((f?.arpS ?? 0) - (f?.takeoverS ?? 0)).toBeCloseTo(0.02, 6);
    // Both survivors saw h1 go: two view changes; one start, on h3.
    expect(summary.cluster).toMatchObject({ manager: 'heartbeat', nodes: 3, membershipChanges: 2 });
    expect(summary.cluster?.starts).toBe(1);
    // IPaddr2's five ARPs, 200 ms apart, from h3.
    const arps = records(batches, TraceKind.Hb, HbEvent.GratuitousArp).filter(([, e]) => e === 3);
    expect(arps.length).toBe(5);
    expect(((arps[4]?.[0] ?? 0) - (arps[0]?.[0] ?? 0)) / 1e6).toBeCloseTo(0.8, 6);
  });

  it('loses its host and its backup host: the group goes to the remaining host', () => {
    const { summary } = run(
      ...HB,
      'hosts.h3.enabled=true',
      'vms.vm1.protection=restart',
      'failure.restartS=5',
      'vms.vm1.backupHost=3',
      ...fail(1, 'host-crash', 1, 5),
      ...fail(2, 'host-crash', 3, 5),
    );
    expect(summary.services[0]?.activeHost).toBe(2);
    // A restart boots the guest on h2 (failure.restartS = 5 s) once h2 declares both dead.
    const f = summary.failover;
    expect((f?.takeoverS ?? 0) - (f?.declaredDeadS ?? 0)).toBeCloseTo(5, 6);
  });
});

describe('Remus under the cluster manager', () => {
  it('Heartbeat decides when the backup takes over; it resumes from the last committed checkpoint, nothing acknowledged lost', () => {
    const { summary } = run(
      ...HB,
      'replication.intervalMs=100',
      'hosts.h3.enabled=true',
      ...fail(1, 'host-crash', 1, 10),
    );
    const u = summary.services[0];
    expect(u?.protection).toBe('remus');
    expect(u?.activeHost).toBe(2);
    expect(u?.lostAfterAck).toBe(0);
    const f = summary.failover;
    // Declared dead by the membership (deadtime 2 s after the last beat), not by Remus's 1 s
    // checkpoint timeout; the replica holds the epochs acknowledged up to the crash.
    expect(f?.declaredDeadS).toBeGreaterThanOrEqual(10 + 2 - 0.25);
    expect(f?.committedEpoch).toBeGreaterThan(50);
    expect(summary.outputCommitViolations).toBe(0);
  });
});

describe('Pacemaker on Corosync, three hosts, h1 partitioned from its peers', () => {
  const PART = [
    'cluster.manager=pacemaker',
    'hosts.h3.enabled=true',
    'vms.vm1.protection=standby',
    'vms.vm1.backupHost=2',
    ...fail(1, 'partition', 1, 10),
  ];
  // corosync 3.1.10 with three nodes: token 3000 + 650 = 3650 ms, consensus 1.2 × that; the
  // replication link's 0.1 ms is the cluster LAN's latency.
  const cfg = totemConfig(3);
  const minorityAt = (ms(10_000) + failureToMembership(cfg, 1, ms(0.1))) / 1e6;
  const majorityAt = (ms(10_000) + failureToMembership(cfg, 2, ms(0.1))) / 1e6;

  it('with fencing: the minority stops its copy (no quorum), the majority fences h1 and starts the group on h2; never two copies', () => {
    const { summary, batches } = run(...PART, 'failure.fencing=true');
    const u = summary.services[0];
    expect(u?.activeHost).toBe(2);
    expect(u?.twoActiveCopiesS).toBe(0);
    expect(summary.cluster).toMatchObject({ quorumLosses: 1, fences: 1, starts: 1, stops: 1 });
    // The minority's membership forms first (a one-node ring): its copy stops then.
    const stopped = records(batches, TraceKind.Hb, HbEvent.ResourceStopped);
    expect(stopped.map(([t, e]) => [(t ?? 0) / 1e6, e])).toEqual([[minorityAt, 1]]);
    const down = records(batches, TraceKind.Topo, TopoEvent.VmDown).filter(([, k]) => k === 1);
    expect(down[0]?.[2]).toBe(1);
    // The majority's DC (h2) fences h1 (failure.fenceMs 2 s), then h2 resumes (20 ms).
    const f = summary.failover;
    expect(f?.declaredDeadS).toBeCloseTo(majorityAt, 6);
    expect(f?.takeoverS).toBeCloseTo(majorityAt + 2 + 0.02, 6);
    const fenced = records(batches, TraceKind.Hb, HbEvent.Fenced);
    expect(fenced.map(([t, e, b]) => [(t ?? 0) / 1e6, e, b])).toEqual([[majorityAt + 2, 2, 1]]);
    const hostDown = records(batches, TraceKind.Topo, TopoEvent.HostDown);
    expect(hostDown.map(([, e, b]) => [e, b])).toEqual([[1, 1]]);
  });

  it('without fencing: quorum alone keeps one copy — the minority stopped before the majority starts', () => {
    const { summary } = run(...PART, 'failure.fencing=false');
    expect(summary.services[0]?.activeHost).toBe(2);
    expect(summary.services[0]?.twoActiveCopiesS).toBe(0);
    expect(summary.cluster).toMatchObject({ quorumLosses: 1, fences: 0, starts: 1, stops: 1 });
    expect(summary.failover?.takeoverS).toBeCloseTo(majorityAt + 0.02, 6);
  });
});

describe('Heartbeat over two hosts, h1 partitioned', () => {
  const PART = [...HB, 'vms.vm1.protection=standby', ...fail(1, 'partition', 1, 10)];

  it('without fencing: each side holds the other dead and h2 starts a second copy — split brain to the end of the run', () => {
    const { summary } = run(...PART);
    const u = summary.services[0];
    // h2 declares h1 dead deadtime after its last beat (≤ one keepalive before 10 s), resumes in
    // 20 ms; both copies run from then to the end (30 s). Heartbeat has no quorum to stop h1's.
    const takeover = summary.failover?.takeoverS ?? 0;
    expect(takeover).toBeGreaterThanOrEqual(10 + 2 - 0.25 + 0.02);
    expect(takeover).toBeLessThanOrEqual(10 + 2 + 0.021);
    expect(u?.twoActiveCopiesS).toBeCloseTo(30 - takeover, 3);
    expect(summary.cluster?.quorumLosses).toBe(0);
    expect(summary.warnings.join(' ')).toContain('Split brain');
  });

  it('with fencing: h2 powers h1 off before it starts, so one copy', () => {
    const { summary } = run(...PART, 'failure.fencing=true');
    expect(summary.services[0]?.twoActiveCopiesS).toBe(0);
    expect(summary.services[0]?.activeHost).toBe(2);
    expect(summary.cluster?.fences).toBe(1);
  });
});

describe('R7: Heartbeat messages per second as the cluster grows', () => {
  // R7 ("Virtual machines: implementations"): Heartbeat broadcast scales O(N) with the number of
  // nodes, all-to-all O(N²). The lab's Heartbeat (ha.cf keepalive 1 s, Heartbeat 2.0 config.c)
  // with bcast puts one packet per node per keepalive on the wire; ucast lines send one per peer.
  // 2–4 nodes are host slots; 8 and 16 are the manager's own `cluster.nodes` (ADR 16).
  const counts = (nodes: number, medium: string) => {
    const hosts = Math.min(nodes, 4);
    const sets = [
      'durationS=20',
      'cluster.manager=heartbeat',
      `cluster.medium=${medium}`,
      'vms.vm1.protection=standby',
      ...Array.from({ length: hosts - 2 }, (_, i) => `hosts.h${i + 3}.enabled=true`),
      ...(nodes > 4 ? [`cluster.nodes=${nodes}`] : []),
    ];
    const c = run(...sets).summary.cluster;
    expect(c?.nodes).toBe(nodes);
    return { sent: c?.packetsSentPerS ?? 0, received: c?.packetsReceivedPerS ?? 0 };
  };
  const sizes = [2, 3, 4, 8, 16];

  it('bcast: packets sent grow as N (one per node per second); receptions as N(N−1)', () => {
    for (const n of sizes) {
      const { sent, received } = counts(n, 'bcast');
      // Every node beats from its own phase in the first second: 20 beats each in 20 s, exactly.
      expect(sent).toBeCloseTo(n, 6);
      // A beat sent in the run's last 0.1 ms lands after its end: at most one per node short.
      expect(received).toBeLessThanOrEqual(n * (n - 1));
      expect(received).toBeGreaterThanOrEqual(n * (n - 1) - (n * (n - 1)) / 20);
    }
  });

  it('ucast: packets sent grow as N(N−1) — the all-to-all O(N²)', () => {
    const sent = sizes.map((n) => counts(n, 'ucast').sent);
    sizes.forEach((n, i) => expect(sent[i]).toBeCloseTo(n * (n - 1), 6));
    // From 2 to 16 nodes: 8× the nodes, 120× the packets (bcast: 8×).
    expect((sent[4] ?? 0) / (sent[0] ?? 1)).toBeCloseTo(120, 6);
  });
});
