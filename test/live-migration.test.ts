import { describe, expect, it } from 'vitest';
import { MigEvent, TraceKind, type TraceBatch } from '../src/sim/engine/trace';
import { ms } from '../src/sim/engine/units';
import { RTO_MIN } from '../src/sim/probes/tcp-transfer';
import { runToEnd } from '../src/sim/run';
import { defaultScenario, setPath, type Scenario } from '../src/sim/scenario/scenario';
import { valid } from './support/presets';

/** A call, 50 REGISTER/s, the UDP probe at 100 pkt/s, and a 256 MiB VoIP VM migrated at 5 s. */
function scenario(set: Record<string, number | string | boolean> = {}): Scenario {
  const all: Record<string, number | string | boolean> = {
    durationS: 20,
    // No Remus (a checkpointed VM cannot also migrate); host 2 keeps vm1's offline copy.
    'vms.vm1.protection': 'standby',
    'telephony.calls': 1,
    'telephony.registerRate': 50,
    'migration.enabled': true,
    'migration.atS': 5,
    'migration.memoryMiB': 256,
    'udp.enabled': true,
    'udp.pps': 100,
    'udp.bytes': 100,
    ...set,
  };
  return valid(
    Object.entries(all).reduce<Scenario>((s, [k, v]) => setPath(s, k, v), defaultScenario()),
  );
}

/** Migration trace records of one event kind: [t, b, c]. */
function records(batches: readonly TraceBatch[], ev: number): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (const b of batches)
    for (let i = 0; i < b.count; i++)
      if (b.kind[i] === TraceKind.Migration && b.a[i] === ev)
        out.push([b.t[i] as number, b.b[i] as number, b.c[i] as number]);
  return out;
}

describe('live migration in the running world', () => {
  const run = runToEnd(scenario());
  const s = run.summary;
  const m = s.migration;

  it('the guest moves with its full state: no registration or call lost, only packets in the gap', () => {
    expect(m?.completed).toBe(true);
    expect(m?.note).toBeNull();
    expect(s.sip.failed).toBe(0);
    expect(s.sip.lostAfterAck).toBe(0);
    expect(s.sip.successPct).toBe(100);
    // The only drops: packets that reached the source while its copy was paused or gone — the
    // host is up: the VM is down there, not the host.
    expect(Object.keys(s.packets.dropped)).toEqual(['vm-down']);
    // Media flows on after the move: both directions' longest gap is the outage, not the rest of the run.
    // (The gap is the migration's ≈ 0.34 s service gap plus one packet interval.)
    for (const st of s.streams) expect(st.maxGapMs).toBeLessThan((m?.serviceGapMs ?? 0) + 60);
    // The failover machinery did nothing.
    expect(s.failover).toBeNull();
    expect(s.detection.declaredDeadS).toBeNull();
  });

  it('downtime = suspend + final copy + latency + vif plug + ready/go + resume; the service gap adds the ARP delay', () => {
    const sc = run.world.scenario;
    const lat = sc.migration.linkLatencyMs;
    if (m?.downtimeMs == null || m.serviceGapMs == null) throw new Error('no downtime');
    const fixed = sc.replication.suspendMs + 3 * lat + sc.migration.vifPlugMs + sc.failure.resumeMs;
    expect(m.downtimeMs).toBeGreaterThanOrEqual(fixed);
    // The final copy of a few pages and 16 KiB of state at 1 Gb/s: well under a millisecond.
    expect(m.downtimeMs).toBeLessThan(fixed + 1);
    expect(m.serviceGapMs).toBeCloseTo(m.downtimeMs + sc.failure.arpDelayMs, 6);
  });

  it('the trace has each round, the stop-and-copy, the resume, the ARP and the clients following', () => {
    const rounds = records(run.batches, MigEvent.Round);
    const stop = records(run.batches, MigEvent.StopCopy);
    expect(rounds).toHaveLength(m?.liveRounds ?? -1);
    expect(stop).toHaveLength(1);
    // Round 1 carries every page of the VM; each record's c is its end, after its start.
    expect(rounds[0]?.[1]).toBe((256 * 1024 * 1024) / 4096);
    for (const [t, , end] of [...rounds, ...stop]) expect(end).toBeGreaterThanOrEqual(t);
    const pages = [...rounds, ...stop].reduce((n, r) => n + r[1], 0);
    expect(pages).toBe(m?.pagesSent);
    expect(records(run.batches, MigEvent.Resume)).toHaveLength(1);
    expect(records(run.batches, MigEvent.Arp)).toHaveLength(1);
    const follow = records(run.batches, MigEvent.ClientsFollow);
    expect(follow).toHaveLength(1);
    expect(follow[0]?.[1]).toBe(2); // target host (host 2, vm1's backup host)
  });

  it('the UDP probe at 100 pkt/s sees the service gap to within one sending period', () => {
    const seen = s.probes.udp?.outageMs ?? NaN;
    expect(m?.probeOutageMs).toBe(seen);
    expect(Math.abs(seen - (m?.serviceGapMs ?? NaN))).toBeLessThanOrEqual(10);
  });

  it('pull starts the stream one control message later; a graceful shutdown under pull one more', () => {
    const start = (set: Record<string, string>) =>
      records(runToEnd(scenario({ ...set, durationS: 6 })).batches, MigEvent.StreamStart)[0]?.[0];
    const lat = ms(scenario().migration.linkLatencyMs);
    const push = start({});
    const pull = start({ 'migration.mode': 'pull' });
    const graceful = start({ 'migration.mode': 'pull', 'migration.trigger': 'graceful-shutdown' });
    if (push === undefined || pull === undefined || graceful === undefined)
      throw new Error('no stream');
    expect(pull - push).toBe(lat);
    expect(graceful - pull).toBe(lat);
  });

  it('a TCP transfer in flight loses its window in the gap and pays a retransmission timeout', () => {
    const probe = { 'tcp.enabled': true, 'tcp.transferKB': 20_000 };
    const moved = runToEnd(scenario(probe)).summary.probes.tcp;
    const still = runToEnd(scenario({ ...probe, 'migration.enabled': false })).summary.probes.tcp;
    if (!moved?.completionMs || !still?.completionMs) throw new Error('transfer unfinished');
    expect(still.timeouts).toBe(0);
    expect(moved.timeouts).toBe(1);
    expect(moved.retransmissions).toBeGreaterThanOrEqual(moved.windowSegments);
    // The sender's timer ran from its last ACK before the gap: at least the 1 s minimum RTO lost.
    expect(moved.completionMs - still.completionMs).toBeGreaterThanOrEqual(RTO_MIN / 1000);
  });

  it('the source host crashing during pre-copy loses the migration; the standby takes over instead', () => {
    // Round 1 of the 256 MiB VM runs from 5.2 s to ≈ 7.4 s: the crash at 6 s falls inside it.
    const r = runToEnd(
      scenario({
        'failures.f1.kind': 'host-crash',
        'failures.f1.atS': 6,
        'failures.f1.target': 1,
        'failure.detector': 'heartbeat',
        'failure.keepaliveMs': 250,
        'failure.warnMs': 1000,
        'failure.deadMs': 2000,
      }),
    );
    const mig = r.summary.migration;
    expect(mig?.completed).toBe(false);
    expect(mig?.note).toBe('interrupted: lost');
    expect(mig?.downtimeMs).toBeNull();
    expect(records(r.batches, MigEvent.Interrupted)).toHaveLength(1);
    expect(records(r.batches, MigEvent.Resume)).toHaveLength(0);
    // The cold standby on host 2 takes over after detection, with empty state.
    expect(r.summary.failover?.takeoverS).toBeGreaterThan(6);
  });

  it('unlike a failover without checkpoints, nothing the clients were told is forgotten', () => {
    // The same move as a crash of the primary with a cold backup (no Remus): the backup starts
    // empty, so the call's relay session is gone and media to it is dropped.
    const crash = runToEnd(
      scenario({
        'migration.enabled': false,
        'failures.f1.kind': 'host-crash',
        'failures.f1.atS': 5,
        'failure.detectMs': 1000,
        'failure.detector': 'heartbeat',
        'failure.deadMs': 2000,
        'failure.warnMs': 1000,
        'failure.keepaliveMs': 250,
      }),
    ).summary;
    expect(crash.packets.dropped['no-session'] ?? 0).toBeGreaterThan(0);
    expect(s.packets.dropped['no-session']).toBeUndefined();
  });

  it('the stream is dom0 work on both hosts: pages sent × dom0 CPU per page on each, the pace stays the link’s', () => {
    const at = (cost: number) => runToEnd(scenario({ 'replication.dom0PageCostUs': cost })).summary;
    const free = at(0);
    const paid = at(5);
    const dom0 = (x: typeof s, host: string) =>
      x.cpu.find((c) => c.host === host && c.vm === 'dom0')?.sharePct ?? NaN;
    const pages = paid.migration?.pagesSent ?? 0;
    // 5 µs a page over the 20 s run, on the source (xc_domain_save) and on the target (restore).
    const expectedPct = (pages * 5 * 100) / 20e6;
    expect(expectedPct).toBeGreaterThan(1);
    for (const host of ['primary', 'backup'])
      expect(Math.abs(dom0(paid, host) - dom0(free, host) - expectedPct)).toBeLessThan(0.05);
    // dom0 prepares a page faster than 1 Gb/s carries it: the rounds keep their length.
    expect(paid.migration?.roundPages).toEqual(free.migration?.roundPages);
    expect(paid.migration?.downtimeMs).toBeCloseTo(free.migration?.downtimeMs ?? NaN, 0);
  });
});

describe('a crash of the source host after a live migration', () => {
  it.each([false, true])(
    'leaves the migrated VM alone: no takeover onto the host it already runs on (fencing %s)',
    (fencing) => {
      const s = scenario({
        'failure.detector': 'heartbeat',
        'failure.deadMs': 3000,
        'failure.warnMs': 1500,
        'failure.fencing': fencing,
        'failures.f1.kind': 'host-crash',
        'failures.f1.target': 1,
        'failures.f1.atS': 12,
      });
      const r = runToEnd(s).summary;
      expect(r.migration?.completed).toBe(true);
      const u = r.services[0];
      // vm1 moved to h2 at ≈ 5 s; h1's crash takes nothing of it: h2 is not fenced, its state kept.
      expect(u?.activeHost).toBe(2);
      expect(u?.takeovers).toBe(0);
      expect(u?.twoActiveCopiesS).toBe(0);
      expect(r.sip.lostAfterAck).toBe(0);
    },
  );
});
