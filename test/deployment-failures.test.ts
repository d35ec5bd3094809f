import { describe, expect, it } from 'vitest';
import { runToEnd } from '../src/sim/run';
import { applyOverrides } from '../src/sim/scenario/load';
import { defaultScenario } from '../src/sim/scenario/scenario';
import { resyncTime } from '../src/sim/cluster/resync';

/**
 * Failures of every kind (issue 8, item 4; ADR 16), each run through the mechanisms: what
 * follows — a detection, a takeover, a backup given up, split brain, fencing, a restart, a
 * resynchronisation — is theirs, and each test states the arithmetic it expects.
 */
const BASE = [
  'durationS=30',
  'telephony.calls=2',
  'telephony.registerRate=50',
  'replication.intervalMs=100',
];
const HEARTBEAT = [
  'failure.detector=heartbeat',
  'failure.keepaliveMs=250',
  'failure.warnMs=1000',
  'failure.deadMs=2000',
];
function run(...sets: string[]) {
  const r = applyOverrides(defaultScenario(), [...BASE, ...sets]);
  expect(r.issues.filter((i) => i.action !== 'warning')).toEqual([]);
  return { s: r.scenario, summary: runToEnd(r.scenario).summary };
}
const fail = (n: number, kind: string, target: number, atS: number) => [
  `failures.f${n}.kind=${kind}`,
  `failures.f${n}.target=${target}`,
  `failures.f${n}.atS=${atS}`,
];
const vm1 = (summary: ReturnType<typeof run>['summary']) => summary.services[0];

describe('failures of every kind', () => {
  it('backup host crash: replication stops, the primary gives the backup up after its timeout and runs unprotected; the lab says so', () => {
    const { summary } = run(...fail(1, 'host-crash', 2, 5));
    const u = vm1(summary);
    // The first checkpoint lost is the one in flight at 5 s; the primary waits detectMs (1 s)
    // from that epoch's resume, so it gives up within 5 + 1 + one interval (0.1 s) + its pause.
    expect(u?.unprotectedFromS).toBeGreaterThan(5.9);
    expect(u?.unprotectedFromS).toBeLessThan(6.2);
    expect(u?.takeovers).toBe(0);
    expect(u?.activeHost).toBe(1);
    expect(summary.sip.successPct).toBe(100);
    // Net output waited for acknowledgements that never came, until the primary gave up.
    for (const st of summary.streams) expect(st.maxGapMs).toBeLessThan(1300);
    expect(summary.warnings.join(' ')).toContain('vm1 (sip + media) ran unprotected from');
    expect(summary.outputCommitViolations).toBe(0);
  });

  it('replication link cut, checkpoint detector, no fencing: a false failover and two active copies (split brain); with fencing, one', () => {
    const open = run(...fail(1, 'link-fail', 1, 5)).summary;
    expect(open.detection.falseFailover).toBe(true);
    expect(vm1(open)?.twoActiveCopiesS).toBeGreaterThan(20);
    expect(open.warnings.join(' ')).toContain('Split brain');
    const fenced = run(...fail(1, 'link-fail', 1, 5), 'failure.fencing=true').summary;
    expect(vm1(fenced)?.twoActiveCopiesS).toBe(0);
    expect(vm1(fenced)?.activeHost).toBe(2);
    // STONITH first: the takeover waits fenceMs (2 s) after the decision, then resumeMs (20 ms).
    const f = fenced.failover;
    expect((f?.takeoverS ?? 0) - (f?.declaredDeadS ?? 0)).toBeCloseTo(2.02, 3);
  });

  it('replication link cut with Heartbeat on the LAN: beats still arrive, so no failover; the primary runs unprotected', () => {
    const { summary } = run(...fail(1, 'link-fail', 1, 5), ...HEARTBEAT);
    expect(summary.detection.declaredDeadS).toBeNull();
    expect(vm1(summary)?.unprotectedFromS).not.toBeNull();
    expect(vm1(summary)?.activeHost).toBe(1);
  });

  it('partition of the primary from its peer, Heartbeat: declared dead after deadtime; without fencing two copies run, with fencing one', () => {
    const open = run(...fail(1, 'partition', 1, 5), ...HEARTBEAT).summary;
    // The last beat heard left at most one keepalive before 5 s; dead 2 s after it.
    expect(open.detection.declaredDeadS).toBeGreaterThan(6.7);
    expect(open.detection.declaredDeadS).toBeLessThanOrEqual(7.01);
    expect(vm1(open)?.twoActiveCopiesS).toBeGreaterThan(20);
    const fenced = run(...fail(1, 'partition', 1, 5), ...HEARTBEAT, 'failure.fencing=true').summary;
    expect(vm1(fenced)?.twoActiveCopiesS).toBe(0);
    expect(fenced.sip.successPct).toBe(100);
  });

  it('a guest crash under Remus is replicated: the backup never takes over and the service stays down', () => {
    const { summary } = run(...fail(1, 'vm-crash', 1, 5));
    expect(summary.detection.declaredDeadS).toBeNull();
    expect(vm1(summary)?.activeHost).toBeNull();
    expect(summary.availability.neverRecovered).toBe(true);
    expect(summary.warnings.join(' ')).toContain('a crashed guest is replicated as it is');
  });

  it('a guest crash under the cluster manager: found at the next monitor run, restarted in place after the restart time; memory (the calls) lost', () => {
    const { s, summary } = run(
      'durationS=60',
      'vms.vm1.protection=restart',
      ...fail(1, 'vm-crash', 1, 5),
    );
    const u = vm1(summary);
    expect(u?.activeHost).toBe(1);
    expect(u?.takeovers).toBe(1);
    // Monitor every 10 s ⇒ found at 10 s; up again restartS (30 s) later, at 40 s. The relay's
    // sessions were in memory: every RTP packet from then on (4 streams × 50/s × 20 s) is refused
    // as an unknown session — the calls are dropped, as a restart drops calls in progress.
    const upAt = 10 + s.failure.restartS;
    expect(summary.packets.dropped['no-session']).toBe(4 * 50 * (s.durationS - upAt));
    for (const st of summary.streams) expect(st.gapOpenAtEnd).toBe(true);
  });

  it('a planned shutdown moves the service at once: no detection wait, nothing acknowledged lost', () => {
    const { summary } = run(...fail(1, 'vm-shutdown', 1, 5));
    expect(summary.failover?.declaredDeadS).toBe(5);
    expect(summary.sip.successPct).toBe(100);
    expect(summary.sip.lostAfterAck).toBe(0);
    for (const st of summary.streams) expect(st.maxGapMs).toBeLessThan(200);
  });

  it('repair and re-protection: the repaired host becomes the backup after a full resync, and a second crash fails back with nothing acknowledged lost', () => {
    const { s, summary } = run(
      'durationS=40',
      ...fail(1, 'host-crash', 1, 5),
      'failures.f1.repairAtS=8',
      ...fail(2, 'host-crash', 2, 25),
    );
    const u = vm1(summary);
    expect(u?.reprotectedAtS).toBeCloseTo(8 + resyncTime(s.replication) / 1e6, 3);
    expect(u?.takeovers).toBe(2);
    expect(u?.activeHost).toBe(1);
    expect(summary.sip.successPct).toBe(100);
    expect(summary.sip.lostAfterAck).toBe(0);
    expect(summary.outputCommitViolations).toBe(0);
  });

  it('failback: after the repair and resync, a planned shutdown moves the service home with nothing acknowledged lost', () => {
    const { summary } = run(
      'durationS=40',
      ...fail(1, 'host-crash', 1, 5),
      'failures.f1.repairAtS=8',
      // Resynchronised by 8 + 8.6 s; the planned move back comes after it.
      ...fail(2, 'vm-shutdown', 1, 25),
    );
    const u = vm1(summary);
    expect(u?.takeovers).toBe(2);
    expect(u?.activeHost).toBe(1);
    expect(summary.sip.succeeded + summary.sip.pending).toBe(summary.sip.started);
    expect(summary.sip.lostAfterAck).toBe(0);
  });

  it('two failures in a row with nothing repaired: the service is down at the end', () => {
    const { summary } = run(...fail(1, 'host-crash', 1, 5), ...fail(2, 'host-crash', 2, 15));
    expect(summary.failover?.crashS).toBe(5);
    expect(vm1(summary)?.activeHost).toBeNull();
    expect(summary.availability.neverRecovered).toBe(true);
  });
});
