import { describe, expect, it } from 'vitest';
import { HbEvent, TopoEvent, TraceKind, TraceRecorder } from '../src/sim/engine/trace';
import { Narrator } from '../src/sim/results/narrator';
import { serviceOutages } from '../src/ui/cluster-map/outages';
import { runToEnd } from '../src/sim/run';
import { validateScenario } from '../src/sim/scenario/validate';
import { RunViews } from '../src/ui/views/run-views';
import { preset } from './support/presets';
import { storyOf } from './support/story';

/** The story and the outage rows of the deployment presets say what the cluster map shows. */
describe('deployments in words', () => {
  it('fencing: the peer is powered off and one copy runs; without it, two copies (split brain)', () => {
    const fenced = storyOf(preset('partition-fencing'));
    expect(fenced).toMatch(/fence device powers the peer off .* one copy runs/);
    expect(fenced).toMatch(/the primary powered off by the fence/);
    expect(fenced).not.toMatch(/split brain|still runs/);
    const split = storyOf(preset('partition-no-fencing'));
    expect(split).toMatch(/Two active copies of vm1 run, on h1 and h2 \(split brain\)/);
    expect(split).toMatch(/while the primary still runs/);
  });

  it('a backup host crash: told, and the primary running unprotected after it', () => {
    const s = storyOf(preset('backup-crash'));
    expect(s).toMatch(/10\.000 s — Host h2 goes down/);
    expect(s).toMatch(/vm1 runs unprotected on h1/);
    expect(s).not.toMatch(/primary host crashes/);
  });

  it('three nodes: the late heartbeat counts from the crashed node’s last beat (warntime)', () => {
    const s = preset('three-node-cluster');
    const warnMs = s.failure.warnMs;
    expect(storyOf(s)).toMatch(new RegExp(`nothing heard for ${warnMs} ms \\(warntime\\)`));
  });

  it('the RFC 3261 stack’s registrar answers fill the SIP row (it writes no Sip records)', () => {
    const s = preset('sip-udp-vs-tcp-failover');
    const r = runToEnd(s);
    const v = new RunViews();
    for (const b of r.batches) v.add(b, s.durationS * 1e6);
    const sip = serviceOutages(s, v.silences, s.durationS * 1e6).find((x) => x.id === 'sip');
    expect(sip?.outages).toHaveLength(1);
    const o = sip?.outages[0] as { from: number; to: number };
    // The same silence the summary's registrar gap measures (the failover gap card's).
    expect((o.to - o.from) / 1000).toBeCloseTo(r.summary.sip.answerGapMaxMs, 0);
  });

  it('a partition, a repair and protection restored are told (the failback story skipped 12 → 27 s)', () => {
    expect(storyOf(preset('pacemaker-partition'))).toMatch(
      /^10\.000 s — Host h1 is cut off from the other hosts \(a partition\)/m,
    );
    const failback = storyOf(preset('remus-failback'));
    expect(failback).toMatch(/^15\.000 s — Host h1 is repaired and back up/m);
    // Protected towards h1 while vm1 runs on h3, then towards h3 once it is home.
    expect(failback).toMatch(
      /vm1 is protected again: .* to h1\.\n.*failback\)\.\n[\s\S]*The VM starts on h1[\s\S]*vm1 is protected again: .* to h3\./,
    );
  });

  it('a cluster manager declaring a peer dead is told (remus-failback’s story had no "declared dead")', () => {
    const failback = storyOf(preset('remus-failback'));
    const dead =
      /^([\d.]+) s — The cluster manager on h2 and h3 declare a peer dead: each view is down to 2 nodes, (\d+) ms after the crash\.$/m.exec(
        failback,
      );
    // Heartbeat's deadtime (2 s) from the last beat heard, which is at most a keepalive (250 ms) before the crash.
    expect(Number(dead?.[2])).toBeGreaterThan(1750);
    expect(Number(dead?.[2])).toBeLessThanOrEqual(2000);
    // h1 back at 15 s widens the views again: no news, not a second "declare".
    expect(failback.match(/declares? a peer dead/g)).toHaveLength(1);
    // A partition's isolated node loses quorum; the others keep it — counted from the partition.
    const partition = storyOf(preset('pacemaker-partition'));
    expect(partition).toMatch(
      /The cluster manager on h1 hears no peer: its view is down to itself, without quorum, \d+ ms after the partition\./,
    );
    expect(partition).toMatch(
      /The cluster manager on h2 and h3 declare a peer dead: each view is down to 2 nodes, \d+ ms after the partition\./,
    );
    // h1 stays up: what reaches its stopped copy is lost to a VM that is down, not a host.
    expect(partition).toMatch(/RTP packets start being lost \(vm-down\)/);
    expect(partition).not.toMatch(/host-down/);
  });

  it('a host that went down and came back compares its views with its new life only', () => {
    const trace = new TraceRecorder();
    const view = (t: number, host: number, members: number) =>
      trace.add(t, TraceKind.Hb, host, HbEvent.Membership, members, 1);
    trace.add(0.5e6, TraceKind.Topo, 2, TopoEvent.HostDown);
    trace.add(0.8e6, TraceKind.Topo, 2, TopoEvent.HostUp);
    view(1e6, 2, 3); // back, h2 sees all three
    trace.add(2e6, TraceKind.Topo, 2, TopoEvent.HostDown);
    trace.add(3e6, TraceKind.Topo, 2, TopoEvent.HostUp);
    view(4e6, 2, 2); // its first view after the boot: two nodes (h3 is down by then)
    view(5e6, 3, 2); // h3, which saw three, now two: a peer declared dead
    const n = new Narrator();
    n.add(trace.drain());
    const told = n.story().map((l) => l.text);
    // h2's two against its former life's three read as a peer declared dead.
    expect(told.filter((l) => /declares? a peer dead/.test(l))).toEqual([
      '5.000 s — The cluster manager on h3 declares a peer dead: its view is down to 2 nodes.',
    ]);
  });

  it('the RFC 3261 stack’s REGISTER chart counts what the summary counts (it was empty)', () => {
    const s = preset('sip-udp-vs-tcp-failover');
    const r = runToEnd(s);
    const v = new RunViews();
    for (const b of r.batches) v.add(b, s.durationS * 1e6);
    const sum = (a: readonly number[]) => a.reduce((x, y) => x + (y ?? 0), 0);
    // Each registration's first 200 OK once (the registrar answers retransmissions again).
    expect(sum(v.sipPerS.ok)).toBe(r.summary.sip.succeeded);
    expect(r.summary.sip.retransmissions).toBeGreaterThan(0);
    expect(sum(v.sipPerS.retrans)).toBe(r.summary.sip.retransmissions);
  });

  it('the RFC 3261 stack’s story tells when REGISTERs are answered again, as the simple model’s does', () => {
    const s = preset('sip-udp-vs-tcp-failover');
    const answered = /REGISTERs are answered again, (\d+) ms after the crash/.exec(storyOf(s));
    const { failover: fo, sip } = runToEnd(s).summary;
    // After the takeover, and no later than the registrar's own gap says.
    expect(Number(answered?.[1])).toBeGreaterThan(
      ((fo?.takeoverS ?? NaN) - (fo?.crashS ?? NaN)) * 1000 - 1,
    );
    expect(Number(answered?.[1])).toBeLessThanOrEqual(sip.answerGapMaxMs + 1);
  });

  it('protection on a VM with no SIP or media service protects nothing, and a warning says so', () => {
    const { issues } = validateScenario({
      vms: { vm2: { enabled: true, host: 1, protection: 'remus', backupHost: 2 } },
    });
    expect(issues.map((i) => i.path)).toContain('vms.vm2.protection');
  });
});
