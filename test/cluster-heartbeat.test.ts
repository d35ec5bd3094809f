import { describe, expect, it } from 'vitest';
import { Simulator } from '../src/sim/engine/simulator';
import { ms, sec, type Micros } from '../src/sim/engine/units';
import {
  defaultInitdeadMs,
  heartbeatConfig,
  packetsPerKeepalive,
  packetsPerSecond,
  type HeartbeatMedium,
} from '../src/sim/cluster/heartbeat-config';
import type { ClusterEvent } from '../src/sim/cluster/resource-manager';
import { precopyParams } from '../src/sim/migration/defaults';
import { PrecopyMigration, type PrecopyResult } from '../src/sim/migration/precopy';
import { heartbeatCluster, LAN } from './support/cluster';

const only = <T>(xs: readonly T[]): T => {
  expect(xs).toHaveLength(1);
  return xs[0] as T;
};
const starts = (log: readonly ClusterEvent[], group: string): ClusterEvent[] =>
  log.filter((e) => e.kind === 'start' && e.group === group && e.reason !== 'initial placement');

describe('Heartbeat timing (heartbeat/config.c)', () => {
  it('compiled defaults: keepalive 1 s, deadtime 30 s, warntime deadtime/2, initdead deadtime', () => {
    const c = heartbeatConfig();
    expect([c.keepalive, c.deadtime, c.warntime, c.initdead]).toEqual([
      sec(1),
      sec(30),
      sec(15),
      sec(30),
    ]);
  });

  it('initdead follows deadtime: > 10 s the same, < 6 s 12 s, else twice', () => {
    expect([20000, 10001, 10000, 8000, 6000, 5999, 3000].map(defaultInitdeadMs)).toEqual([
      20000, 10001, 20000, 16000, 12000, 12000, 12000,
    ]);
  });

  it('refuses a deadtime of at most two keepalives and an initdead below deadtime', () => {
    expect(() => heartbeatConfig({ keepaliveMs: 1000, deadtimeMs: 2000 })).toThrow(/too small/);
    expect(() => heartbeatConfig({ keepaliveMs: 1000, deadtimeMs: 2001 })).not.toThrow();
    expect(() => heartbeatConfig({ deadtimeMs: 30000, initdeadMs: 20000 })).toThrow(/initdead/);
  });
});

describe('Heartbeat messages per second: ucast O(N²), bcast/mcast O(N)', () => {
  it('the formulas', () => {
    for (let n = 2; n <= 32; n++) {
      expect(packetsPerKeepalive(n, 'ucast')).toBe(n * (n - 1));
      expect(packetsPerKeepalive(n, 'bcast')).toBe(n);
      expect(packetsPerKeepalive(n, 'mcast')).toBe(n);
    }
    const half = { keepalive: ms(500), medium: 'ucast' as const };
    expect(packetsPerSecond(10, half)).toBe(180);
    expect(packetsPerSecond(10, { ...half, medium: 'bcast' })).toBe(20);
  });

  for (const medium of ['ucast', 'bcast', 'mcast'] as HeartbeatMedium[]) {
    it(`${medium}: the event process puts exactly the formula on the wire over 10 s`, () => {
      for (const n of [2, 3, 5, 8, 16]) {
        const { sim, hb } = heartbeatCluster(n, [], { fencing: false }, { medium });
        const a = sec(3);
        sim.runUntil((a - 1) as Micros);
        const sent0 = hb.packetsSent;
        sim.runUntil((a + LAN - 1) as Micros);
        const heard0 = hb.receptions;
        sim.runUntil((a + sec(10) - 1) as Micros);
        const sent = hb.packetsSent - sent0;
        sim.runUntil((a + sec(10) + LAN - 1) as Micros);
        const heard = hb.receptions - heard0;
        expect(sent).toBe(10 * packetsPerKeepalive(n, medium));
        expect(heard).toBe(10 * n * (n - 1));
      }
    });
  }
});

describe('Heartbeat detection on N nodes', () => {
  const settings = { keepaliveMs: 1000, deadtimeMs: 10000 };

  it('a crash is declared dead deadtime after the last heartbeat heard, warned at warntime', () => {
    const { sim, fabric, hb } = heartbeatCluster(4, [], { fencing: false }, settings);
    const crash = sec(30.3);
    sim.at(crash, (t) => fabric.crash(0, t));
    sim.runUntil(sec(60));
    for (const j of [1, 2, 3]) {
      const dead = only(hb.events.filter((e) => e.kind === 'dead' && e.observer === j));
      const warn = only(
        hb.events.filter((e) => e.kind === 'warn' && e.observer === j && e.peer === 0),
      );
      expect(dead.peer).toBe(0);
      expect(dead.at - warn.at).toBe(sec(5)); // deadtime − warntime (warntime = deadtime/2)
      // Last heartbeat within one keepalive before the crash, heard LAN later.
      expect(dead.at - crash).toBeGreaterThan(sec(10) - sec(1));
      expect(dead.at - crash).toBeLessThanOrEqual(sec(10) + LAN);
      expect(hb.view(j).has(0)).toBe(false);
    }
  });

  it('initdead: silence from the start counts against initdead, not deadtime', () => {
    const c = heartbeatCluster(3, [], { fencing: false }, settings);
    // Partition node 2 away at time 0, before anyone heard it.
    c.fabric.partition([[0, 1], [2]], 0 as Micros);
    c.sim.runUntil(sec(40));
    const dead = c.hb.events.filter((e) => e.kind === 'dead' && e.peer === 2);
    expect(dead.map((e) => e.at)).toEqual([sec(20), sec(20)]); // initdead = 2 × 10 s
  });

  it('a partition healed brings the peers back into each view', () => {
    const c = heartbeatCluster(3, [], { fencing: false }, settings);
    c.sim.at(sec(20), (t) => c.fabric.partition([[0, 1], [2]], t));
    c.sim.at(sec(45), (t) => c.fabric.heal(t));
    c.sim.runUntil(sec(50));
    expect(c.hb.events.filter((e) => e.kind === 'back')).toHaveLength(4);
    expect([...c.hb.view(2)].sort()).toEqual([0, 1, 2]);
  });
});

describe('takeover: placement, STONITH before takeover, IPaddr2 gratuitous ARPs', () => {
  const settings = { keepaliveMs: 1000, deadtimeMs: 10000 };

  it('the next preferred node fences the dead owner, then starts and sends 5 ARPs 200 ms apart', () => {
    const fenceDelay = ms(1500);
    const c = heartbeatCluster(
      3,
      [{ name: 'voip', preference: [0, 2, 1] }],
      { fencing: true, fenceDelay },
      settings,
    );
    expect(c.rm.copies('voip')).toEqual([0]);
    c.sim.at(sec(30.3), (t) => c.fabric.crash(0, t));
    c.sim.runUntil(sec(60));
    const detected = only(c.hb.events.filter((e) => e.kind === 'dead' && e.observer === 2)).at;
    const request = only(c.rm.log.filter((e) => e.kind === 'fence-request'));
    expect([request.node, request.peer, request.at]).toEqual([2, 0, detected]);
    const start = only(starts(c.rm.log, 'voip'));
    expect(start.node).toBe(2);
    expect(start.at).toBe(detected + fenceDelay);
    expect(start.arps).toEqual([0, 1, 2, 3, 4].map((k) => start.at + k * ms(200)));
    expect(c.rm.copies('voip')).toEqual([2]);
    expect(c.rm.maxCopies('voip')).toBe(1);
  });

  it('without fencing the takeover starts at detection', () => {
    const c = heartbeatCluster(
      2,
      [{ name: 'voip', preference: [0, 1] }],
      { fencing: false },
      settings,
    );
    c.sim.at(sec(30.3), (t) => c.fabric.crash(0, t));
    c.sim.runUntil(sec(60));
    const detected = only(c.hb.events.filter((e) => e.kind === 'dead')).at;
    expect(only(starts(c.rm.log, 'voip')).at).toBe(detected);
  });

  it('a partition: split brain without fencing, one copy with fencing', () => {
    const run = (fencing: boolean) => {
      const c = heartbeatCluster(2, [{ name: 'voip', preference: [0, 1] }], { fencing }, settings);
      c.sim.at(sec(30), (t) => c.fabric.partition([[0], [1]], t));
      c.sim.runUntil(sec(60));
      return c;
    };
    const open = run(false);
    expect(open.rm.maxCopies('voip')).toBe(2);
    expect(open.rm.copies('voip')).toEqual([0, 1]);
    const fenced = run(true);
    expect(fenced.rm.maxCopies('voip')).toBe(1);
    expect(fenced.rm.copies('voip')).toEqual([1]);
    expect(fenced.fabric.isUp(0)).toBe(false);
  });
});

describe('graceful failure: Heartbeat moves the VM by live migration, pulled from the failover node', () => {
  it('the source stops at the pause, the destination starts at the resume: one copy, outage = downtime', () => {
    let result: PrecopyResult | undefined;
    let requestedBy: number | undefined;
    const c = heartbeatCluster(2, [{ name: 'vm', preference: [0, 1], migratable: true }], {
      fencing: true,
      migrator: (_group, _from, to, now, report) => {
        requestedBy = to;
        const m = new PrecopyMigration(c.sim, precopyParams(256, 2000, 2000, 'pull'), {
          onPause: (t) => report.paused(t),
          onResume: (t) => report.resumed(t),
          onDone: (r) => (result = r),
        });
        m.start(now);
        return m;
      },
    });
    c.sim.at(sec(10), (t) => c.rm.standby(0, t));
    c.sim.runUntil(sec(30));
    expect(requestedBy).toBe(1);
    if (!result) throw new Error('no migration');
    expect(result.requestedAt).toBe(sec(10));
    const stop = only(c.rm.log.filter((e) => e.kind === 'stop' && e.group === 'vm'));
    const start = only(starts(c.rm.log, 'vm'));
    expect([stop.node, stop.at]).toEqual([0, result.pausedAt]);
    expect([start.node, start.at]).toEqual([1, result.resumedAt]);
    expect(start.at - stop.at).toBe(result.downtime);
    expect(start.arps).toBeUndefined(); // the guest's own ARP, not IPaddr2's
    expect(c.rm.maxCopies('vm')).toBe(1);
    expect(c.rm.copies('vm')).toEqual([1]);
  });

  function migratingCluster(n: number) {
    const migrations: PrecopyMigration[] = [];
    const c = heartbeatCluster(
      n,
      [{ name: 'vm', preference: [0, 1, 2], migratable: true }],
      {
        fencing: true,
        migrator: (_group, _from, _to, now, report) => {
          const m = new PrecopyMigration(c.sim, precopyParams(256, 2000, 2000, 'pull'), {
            onPause: (t) => report.paused(t),
            onResume: (t) => report.resumed(t),
          });
          m.start(now);
          migrations.push(m);
          return m;
        },
      },
      { keepaliveMs: 1000, deadtimeMs: 10000 },
    );
    c.sim.at(sec(10), (t) => c.rm.standby(0, t));
    return { ...c, migrations };
  }

  it('the destination crashes during the live rounds: the VM stays on the source', () => {
    const c = migratingCluster(3);
    c.sim.at(sec(11), (t) => c.fabric.crash(1, t));
    c.sim.runUntil(sec(60));
    expect(c.rm.copies('vm')).toEqual([0]);
    expect(c.rm.log.filter((e) => e.kind === 'stop' && e.group === 'vm')).toEqual([]);
    expect(c.rm.maxCopies('vm')).toBe(1);
  });

  it('a second standby while the VM is on its way starts no second migration', () => {
    const c = migratingCluster(3);
    c.sim.at(sec(10.5), (t) => c.rm.standby(0, t));
    c.sim.runUntil(sec(30));
    expect(c.migrations).toHaveLength(1);
    expect(c.rm.copies('vm')).toEqual([1]);
  });

  it('the destination crashes after "go": the VM is lost, then node 2 fences and restarts it', () => {
    const c = migratingCluster(3);
    // Plan the same migration alone to learn when "go" is sent.
    const dry = new Simulator();
    const probe = new PrecopyMigration(dry, precopyParams(256, 2000, 2000, 'pull'));
    probe.start(sec(10));
    dry.runUntil(sec(30));
    const plan = probe.done;
    if (!plan) throw new Error('no plan');
    c.sim.at((plan.devicesReadyAt + LAN + 1) as Micros, (t) => c.fabric.crash(1, t));
    c.sim.runUntil(sec(60));
    const restart = only(starts(c.rm.log, 'vm').filter((e) => e.reason === 'takeover'));
    expect(restart.node).toBe(2);
    expect(c.rm.copies('vm')).toEqual([2]);
    expect(c.rm.maxCopies('vm')).toBe(1);
  });

  it('a group that cannot migrate is stopped, then started on the next node one message later', () => {
    const c = heartbeatCluster(3, [{ name: 'ip', preference: [0, 1, 2] }], { fencing: true });
    c.sim.at(sec(10), (t) => c.rm.standby(0, t));
    c.sim.runUntil(sec(11));
    const start = only(starts(c.rm.log, 'ip'));
    expect([start.node, start.at]).toEqual([1, sec(10) + LAN]);
    expect(c.rm.maxCopies('ip')).toBe(1);
  });
});
