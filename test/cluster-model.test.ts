import { describe, expect, it } from 'vitest';
import { HbEvent, TopoEvent } from '../src/sim/engine/trace';
import { runToEnd } from '../src/sim/run';
import { setPath } from '../src/sim/scenario/scenario';
import {
  buildClusterModel,
  clusterModel,
  clusterStateAt,
  inSpans,
  type ClusterState,
} from '../src/ui/cluster-map/model';
import { servicesOf, topologyOf, type Topology } from '../src/ui/cluster-map/topology';
import { RunViews } from '../src/ui/views/run-views';
import { preset } from './support/presets';

/** Issue 8, item 7: the cluster map's model — where each VM is, host states, arrows, over a run. */
function viewsOf(s: ReturnType<typeof preset>): {
  views: RunViews;
  run: ReturnType<typeof runToEnd>;
} {
  const run = runToEnd(s);
  const views = new RunViews();
  for (const b of run.batches) views.add(b, s.durationS * 1e6);
  return { views, run };
}

const where = (st: ClusterState, id: string) =>
  st.vms
    .filter((v) => v.id === id)
    .map((v) => `${v.host}:${v.state}`)
    .sort();

describe('cluster model of a failover (primary-fails preset)', () => {
  const s = preset('primary-fails');
  const { views, run } = viewsOf(s);
  const m = clusterModel(s, views);
  const fo = run.summary.failover;
  if (!fo) throw new Error('primary-fails must fail over');
  const crashUs = fo.crashS * 1e6;
  const takeoverUs = (fo.takeoverS ?? NaN) * 1e6;
  const arpUs = (fo.arpS ?? NaN) * 1e6;

  it('records the crash, detection, takeover and ARP at the times the summary reports', () => {
    const t = (k: string) => m.events.find((e) => e.kind === k)?.t ?? NaN;
    expect(t('host-down')).toBe(crashUs);
    expect(t('declared-dead')).toBeCloseTo((fo.declaredDeadS ?? NaN) * 1e6, -2);
    expect(t('vm-active')).toBeCloseTo(takeoverUs, -2);
    expect(t('arp')).toBeCloseTo(arpUs, -2);
    expect(m.events.find((e) => e.kind === 'host-down')?.host).toBe('h1');
    expect(m.events.find((e) => e.kind === 'vm-active')?.host).toBe('h2');
  });

  it('before the crash: the VoIP VM runs on the primary, a replica waits on the backup, replication runs', () => {
    // Half-way between two checkpoints, so the VM is not in a checkpoint pause.
    const e = views.epochs[10];
    if (!e) throw new Error('no epochs');
    const next = views.epochs[11]?.suspend ?? NaN;
    const st = clusterStateAt(m, (e.resume + next) / 2);
    expect(where(st, 'vm1')).toEqual(['h1:running', 'h2:replica']);
    expect(st.hosts.map((h) => h.up)).toEqual([true, true]);
    expect(st.arrows.map((a) => `${a.kind} ${a.fromHost}→${a.toHost}`)).toEqual([
      'replication h1→h2',
    ]);
    expect(st.events).toEqual([]);
  });

  it('during a checkpoint pause the primary copy is paused', () => {
    const e = views.epochs[10];
    if (!e) throw new Error('no epochs');
    expect(e.resume).toBeGreaterThan(e.suspend);
    const st = clusterStateAt(m, (e.suspend + e.resume) / 2);
    expect(where(st, 'vm1')).toEqual(['h1:paused', 'h2:replica']);
  });

  it('between crash and takeover: the primary is down with the VM, replication has stopped', () => {
    const st = clusterStateAt(m, (crashUs + takeoverUs) / 2);
    expect(st.hosts.find((h) => h.id === 'h1')?.up).toBe(false);
    expect(where(st, 'vm1')).toEqual(['h1:down', 'h2:replica']);
    expect(st.arrows).toEqual([]);
    expect(st.events.map((x) => x.kind)).toContain('host-down');
  });

  it('after takeover: the VoIP VM runs on the backup only, the primary stays down', () => {
    const st = clusterStateAt(m, arpUs + 1e6);
    expect(where(st, 'vm1')).toEqual(['h2:running']);
    expect(st.hosts.map((h) => `${h.id}:${h.up}`)).toEqual(['h1:false', 'h2:true']);
    expect(st.events.at(-1)?.kind).toBe('arp');
    // The playhead rests at the end of the run: the picture there is the same.
    const end = clusterStateAt(m, s.durationS * 1e6);
    expect(where(end, 'vm1')).toEqual(['h2:running']);
    expect(end.hosts.map((h) => h.up)).toEqual([false, true]);
    expect(m.vms.find((v) => v.id === 'vm1')?.services).toEqual(['SIP registrar', 'media relay']);
  });
});

describe('cluster model without a failure', () => {
  it('keeps both hosts up and replication running to the end; other VMs run on each host', () => {
    const s = setPath(setPath(preset('remus-bursts'), 'vms.vm2.enabled', true), 'durationS', 3);
    const { views } = viewsOf(s);
    const m = clusterModel(s, views);
    expect(m.events).toEqual([]);
    const st = clusterStateAt(m, 2.95e6);
    expect(st.hosts.every((h) => h.up)).toBe(true);
    expect(st.arrows).toHaveLength(1);
    expect(where(st, 'vm2@h1')).toEqual(['h1:running']);
    expect(where(st, 'vm2@h2')).toEqual(['h2:running']);
    expect(m.vms.find((v) => v.id === 'vm2@h1')?.services).toEqual(['CPU burner 40 %']);
  });

  it('a standby backup copy (the cluster manager’s, not Remus) is paused and no arrow is drawn', () => {
    const s = setPath(
      setPath(preset('remus-bursts'), 'vms.vm1.protection', 'standby'),
      'durationS',
      2,
    );
    const { views } = viewsOf(s);
    const m = clusterModel(s, views);
    expect(m.arrows).toEqual([]);
    expect(where(clusterStateAt(m, 1e6), 'vm1')).toEqual(['h1:running', 'h2:paused']);
  });
});

describe('cluster model as data', () => {
  // A topology today's world cannot build: three hosts, vmA protected onto h3. Adding it is data.
  const topo: Topology = {
    hosts: [
      { id: 'h1', label: 'A', node: 0 },
      { id: 'h2', label: 'B', node: 1 },
      { id: 'h3', label: 'C', node: 2 },
    ],
    vms: [
      {
        id: 'vmA',
        label: 'vmA',
        services: ['web server'],
        host: 'h1',
        protection: 'remus',
        backupHost: 'h3',
      },
      { id: 'vmB', label: 'vmB', services: [], host: 'h2', protection: 'none', backupHost: null },
    ],
  };
  const hb = [
    { t: 5e6, node: 0, ev: HbEvent.Crash, flag: 0 },
    { t: 6e6, node: 2, ev: HbEvent.DeclaredDead, flag: 0 },
    { t: 6.1e6, node: 2, ev: HbEvent.Takeover, flag: 0 },
    { t: 6.2e6, node: 2, ev: HbEvent.BeatSent, flag: 0 },
  ];
  const m = buildClusterModel(topo, { hb, epochs: [] }, 10e6);

  it('moves the protected VM to its backup host and leaves the others where they are', () => {
    expect(where(clusterStateAt(m, 1e6), 'vmA')).toEqual(['h1:running', 'h3:replica']);
    expect(where(clusterStateAt(m, 5.5e6), 'vmA')).toEqual(['h1:down', 'h3:replica']);
    expect(where(clusterStateAt(m, 7e6), 'vmA')).toEqual(['h3:running']);
    expect(where(clusterStateAt(m, 7e6), 'vmB')).toEqual(['h2:running']);
    // A trace without Topo records (the classic pair): crash and takeover read off the
    // heartbeat lane; records that are not deployment events (a beat) are not events.
    expect(m.events.map((e) => e.kind)).toEqual(['host-down', 'declared-dead', 'vm-active']);
    expect(m.arrows).toEqual([
      { kind: 'replication', vm: 'vmA', fromHost: 'h1', toHost: 'h3', from: 0, to: 5e6 },
    ]);
  });

  it('an open-ended span holds every later time', () => {
    expect(inSpans([{ from: 0, to: Infinity }], 1e12)).toBe(true);
  });
});

describe('cluster model from the world’s Topo records', () => {
  // Three hosts; vm1 (Remus, h1 → h3) and vm2 placed on h2. Records as the world writes them
  // (src/sim/cluster/service-vm.ts, failure-injector.ts): host numbers 1–4, VM numbers.
  const topo3: Topology = {
    hosts: [
      { id: 'h1', label: 'Primary', node: 0 },
      { id: 'h2', label: 'Backup', node: 1 },
      { id: 'h3', label: 'h3', node: 2 },
    ],
    vms: [
      {
        id: 'vm1',
        label: 'vm1',
        services: ['SIP registrar'],
        host: 'h1',
        protection: 'remus',
        backupHost: 'h3',
      },
      { id: 'vm2', label: 'vm2', services: [], host: 'h2', protection: 'none', backupHost: null },
    ],
  };
  const rec = (t: number, entity: number, ev: number, b = 0, c = 0) => ({ t, entity, ev, b, c });
  const model = (topo: ReturnType<typeof rec>[]) =>
    buildClusterModel(topo3, { hb: [], topo, epochs: [] }, 20e6);

  it('a guest crash leaves the VM down on a live host until it is active again', () => {
    const m = model([rec(2e6, 1, TopoEvent.VmDown, 1), rec(3e6, 1, TopoEvent.VmActive, 1)]);
    expect(clusterStateAt(m, 1e6).arrows).toHaveLength(1);
    expect(where(clusterStateAt(m, 2.5e6), 'vm1')).toEqual(['h1:down', 'h3:replica']);
    // A stopped guest replicates nothing: no Remus arrow from it.
    expect(clusterStateAt(m, 2.5e6).arrows).toEqual([]);
    expect(clusterStateAt(m, 2.5e6).hosts.every((h) => h.up)).toBe(true);
    expect(where(clusterStateAt(m, 4e6), 'vm1')).toEqual(['h1:running', 'h3:replica']);
  });

  it('a backup crash stops replication; repair and resynchronisation bring the replica back', () => {
    const m = model([
      rec(4e6, 3, TopoEvent.HostDown, 0),
      rec(4.2e6, 1, TopoEvent.Unprotected, 1),
      rec(5e6, 3, TopoEvent.HostUp),
      rec(8e6, 1, TopoEvent.Protected, 3),
    ]);
    expect(clusterStateAt(m, 3e6).arrows).toHaveLength(1);
    expect(clusterStateAt(m, 4.1e6).arrows).toEqual([]);
    expect(where(clusterStateAt(m, 4.1e6), 'vm1')).toEqual(['h1:running', 'h3:down']);
    expect(where(clusterStateAt(m, 6e6), 'vm1')).toEqual(['h1:running']);
    expect(where(clusterStateAt(m, 9e6), 'vm1')).toEqual(['h1:running', 'h3:replica']);
    expect(clusterStateAt(m, 9e6).arrows.map((a) => `${a.fromHost}→${a.toHost}`)).toEqual([
      'h1→h3',
    ]);
    expect(m.events.map((e) => e.kind)).toEqual([
      'host-down',
      'unprotected',
      'host-up',
      'protected',
    ]);
  });

  it('a partition without fencing: two active copies (split brain) until a fence powers one off', () => {
    const m = model([
      rec(6e6, 1, TopoEvent.LinkDown, 1),
      rec(6.5e6, 1, TopoEvent.VmActive, 3),
      rec(6.5e6, 1, TopoEvent.SplitBrain, 1, 3),
      rec(9e6, 1, TopoEvent.HostDown, 1),
    ]);
    expect(where(clusterStateAt(m, 7e6), 'vm1')).toEqual(['h1:running', 'h3:running']);
    expect(clusterStateAt(m, 7e6).arrows).toEqual([]);
    expect(where(clusterStateAt(m, 10e6), 'vm1')).toEqual(['h1:down', 'h3:running']);
    expect(m.events.find((e) => e.kind === 'host-down')?.text).toBe(
      'Primary host fenced (powered off)',
    );
    expect(where(clusterStateAt(m, 10e6), 'vm2')).toEqual(['h2:running']);
  });

  it('spans are half-open', () => {
    const spans = [
      { from: 1, to: 2 },
      { from: 4, to: 6 },
    ];
    expect([0, 1, 1.5, 2, 3, 4, 5.9, 6].map((t) => inSpans(spans, t))).toEqual([
      false,
      true,
      true,
      false,
      false,
      true,
      true,
      false,
    ]);
  });
});

describe('cluster model of the three-node-cluster preset', () => {
  const s = preset('three-node-cluster');
  const { views, run } = viewsOf(s);
  const m = clusterModel(s, views);

  it('SIP moves to the spare h3 after h1 crashes; media stays on h2; the ARP is h3’s', () => {
    const arp = m.events.find((e) => e.kind === 'arp');
    expect(arp?.host).toBe('h3');
    const after = clusterStateAt(m, (arp?.t ?? NaN) + 1e6);
    expect(where(after, 'vm1')).toEqual(['h3:running']);
    expect(where(after, 'vm2')).toEqual(['h2:running', 'h3:paused']);
    expect(after.hosts.map((h) => `${h.id}:${h.up}`)).toEqual(['h1:false', 'h2:true', 'h3:true']);
    expect(m.events.find((e) => e.kind === 'host-down')?.t).toBe(10e6);
    expect(run.summary.durationS).toBe(30);
  });
});

describe('cluster model of a live migration (r7-live-migration preset)', () => {
  const s = preset('r7-live-migration');
  const { views, run } = viewsOf(s);
  const m = clusterModel(s, views);
  const mig = run.summary.migration;
  const pausedS = mig?.pausedS;
  const resumedS = mig?.resumedS;
  const streamStartS = mig?.streamStartS;
  if (!pausedS || !resumedS || !streamStartS) throw new Error('R7 must migrate');
  const us = (x: number) => x * 1e6;

  it('before the stream: the VM runs at home, the failover node holds a standby copy, no arrow', () => {
    const st = clusterStateAt(m, us(5));
    expect(where(st, 'vm1')).toEqual(['h1:running', 'h2:paused']);
    expect(st.vms.find((v) => v.host === 'h2')?.role).toBe('standby');
    expect(st.arrows).toEqual([]);
  });

  it('during pre-copy a migration arrow runs h1 → h2; in the downtime the guest is paused', () => {
    const during = clusterStateAt(m, us(streamStartS + 1));
    expect(during.arrows.map((a) => `${a.kind}:${a.fromHost}>${a.toHost}`)).toEqual([
      'migration:h1>h2',
    ]);
    expect(where(during, 'vm1')).toContain('h1:running');
    const down = clusterStateAt(m, us((pausedS + resumedS) / 2));
    expect(where(down, 'vm1')).toContain('h1:paused');
    expect(down.migrating).toBe(true);
    expect(down.events.at(-1)?.text).toBe('vm1 paused for the stop-and-copy round');
  });

  it('after the resume it runs on h2, and the event says migrated, not takes over', () => {
    const after = clusterStateAt(m, us(resumedS + 1));
    expect(where(after, 'vm1')).toEqual(['h2:running']);
    expect(after.arrows).toEqual([]);
    const texts = after.events.map((e) => e.text);
    expect(texts.some((x) => /takes over/.test(x))).toBe(false);
    expect(texts).toContain('vm1 migrated: runs on the Backup host');
  });
});

describe('services a VM carries on the map', () => {
  it('only those the scenario runs: R1’s VoIP VM has no calls and no REGISTERs: its ping and burner', () => {
    expect(servicesOf(preset('r1-credit'), 1)).toEqual(['ping target', 'CPU burner 40 %']);
    expect(servicesOf(preset('primary-fails'), 1)).toEqual(['SIP registrar', 'media relay']);
    const noCalls = setPath(preset('primary-fails'), 'telephony.calls', 0);
    expect(servicesOf(noCalls, 1)).toEqual(['SIP registrar']);
    // A REGISTER ramp from 0 still registers; a call rate means SIP only under the RFC 3261 stack.
    const quiet = setPath(noCalls, 'telephony.registerRate', 0);
    expect(servicesOf(setPath(quiet, 'telephony.registerRampPerS', 10), 1)).toEqual([
      'SIP registrar',
    ]);
    expect(servicesOf(setPath(quiet, 'telephony.callRate', 5), 1)).toEqual([]);
  });
});

describe('host names on the map', () => {
  it('h1 and h2 keep the classic pair’s role names; h3 and h4 read as the scenario names them', () => {
    // remus-failback's VM moves between h1 and h3: the map read "Primary", "Backup" and "H3".
    expect(topologyOf(preset('remus-failback')).hosts.map((h) => h.label)).toEqual([
      'Primary',
      'Backup',
      'h3',
    ]);
    expect(topologyOf(preset('primary-fails')).hosts.map((h) => h.label)).toEqual([
      'Primary',
      'Backup',
    ]);
  });
});
