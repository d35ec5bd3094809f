import { describe, expect, it } from 'vitest';
import { ms, sec } from '../src/sim/engine/units';
import {
  consensusTimeout,
  failureToMembership,
  isQuorate,
  mergeToMembership,
  quorumFor,
  realTokenTimeout,
  totemConfig,
} from '../src/sim/cluster/corosync';
import { corosyncCluster, LAN } from './support/cluster';

const range = (a: number, b: number): number[] => Array.from({ length: b - a }, (_, i) => a + i);

describe('totem timeouts (corosync 3.1.10 totemconfig.c, corosync.conf(5))', () => {
  it('token 3000 ms, + 650 ms per node beyond two; consensus 1.2 × the real token', () => {
    const cases: [number, number, number][] = [
      [2, 3000, 3600],
      [3, 3650, 4380],
      [5, 4950, 5940],
      [16, 12100, 14520],
    ];
    for (const [n, token, consensus] of cases) {
      const c = totemConfig(n);
      expect(realTokenTimeout(c)).toBe(ms(token));
      expect(consensusTimeout(c)).toBe(ms(consensus));
    }
    expect(consensusTimeout(totemConfig(5, { consensusMs: 7000 }))).toBe(ms(7000));
    expect(realTokenTimeout(totemConfig(5, { tokenCoefficientMs: 0 }))).toBe(ms(3000));
  });

  it('failure to new membership = token + consensus + join + three rotations', () => {
    const c = totemConfig(5);
    expect(failureToMembership(c, 4, LAN)).toBe(ms(4950 + 5940) + LAN + 12 * LAN);
    expect(mergeToMembership(c, 5, LAN)).toBe(ms(200) + LAN + 15 * LAN);
  });
});

describe('votequorum (calculate_quorum): more than half the expected votes', () => {
  it('5 nodes split 3/2: the three keep quorum, the two lose it', () => {
    const c = totemConfig(5);
    expect(quorumFor(c, [0, 1, 2])).toBe(3);
    expect(isQuorate(c, [0, 1, 2])).toBe(true);
    expect(isQuorate(c, [3, 4])).toBe(false);
  });

  it('4 nodes split 2/2: neither side has quorum', () => {
    const c = totemConfig(4);
    expect(quorumFor(c, [0, 1])).toBe(3);
    expect(isQuorate(c, [0, 1])).toBe(false);
    expect(isQuorate(c, [2, 3])).toBe(false);
  });

  it('5 nodes split 1/4: the four keep quorum, the one loses it', () => {
    const c = totemConfig(5);
    expect(isQuorate(c, [1, 2, 3, 4])).toBe(true);
    expect(isQuorate(c, [0])).toBe(false);
  });

  it('two_node: each of two nodes is quorate alone; without it neither is', () => {
    expect(isQuorate(totemConfig(2, { twoNode: true }), [0])).toBe(true);
    expect(isQuorate(totemConfig(2), [0])).toBe(false);
  });

  it('votes, not nodes: a node with 3 of 5 votes is quorate alone', () => {
    const c = totemConfig(3, { votes: [3, 1, 1] });
    expect(isQuorate(c, [0])).toBe(true);
    expect(isQuorate(c, [1, 2])).toBe(false);
  });

  it('for every N and every split, at most one side is quorate', () => {
    for (let n = 1; n <= 9; n++) {
      const c = totemConfig(n);
      for (let k = 0; k <= n; k++) {
        const a = isQuorate(c, range(0, k));
        const b = isQuorate(c, range(k, n));
        expect(a && b).toBe(false);
        expect(a).toBe(k > n / 2);
      }
    }
  });
});

describe('Corosync + Pacemaker as an event process', () => {
  const groups = [
    { name: 'voip', preference: [4, 0, 1, 2, 3] },
    { name: 'db', preference: [0, 1, 2, 3, 4] },
  ];

  it('a crash: new membership after token + consensus; the DC fences, then the group moves', () => {
    const fenceDelay = ms(3000);
    const c = corosyncCluster(5, groups, { fencing: true, fenceDelay });
    c.sim.at(sec(10), (t) => c.fabric.crash(4, t));
    c.sim.runUntil(sec(60));
    const formed = sec(10) + failureToMembership(c.cfg, 4, LAN);
    expect(c.cs.formations).toEqual([{ at: formed, members: [0, 1, 2, 3], quorate: true }]);
    const fence = c.rm.log.filter((e) => e.kind === 'fence-request');
    expect(fence.map((e) => [e.node, e.peer, e.at])).toEqual([[0, 4, formed]]);
    const start = c.rm.log.find(
      (e) => e.kind === 'start' && e.group === 'voip' && e.reason === 'takeover',
    );
    expect(start?.node).toBe(0);
    expect(start?.at).toBe(formed + fenceDelay);
  });

  it('a 3/2 partition: the minority stops at its new membership, the majority fences it and takes over', () => {
    const c = corosyncCluster(5, groups, { fencing: true });
    c.sim.at(sec(10), (t) =>
      c.fabric.partition(
        [
          [0, 1, 2],
          [3, 4],
        ],
        t,
      ),
    );
    c.sim.runUntil(sec(60));
    const major = c.cs.formations.find((f) => f.members.length === 3);
    const minor = c.cs.formations.find((f) => f.members.length === 2);
    // The smaller ring forms first: three token rotations around two nodes, not three.
    expect(minor && major && major.at - minor.at).toBe(3 * LAN);
    expect(major?.quorate).toBe(true);
    expect(minor?.quorate).toBe(false);
    const stop = c.rm.log.find((e) => e.kind === 'stop' && e.group === 'voip');
    expect(stop?.reason).toBe('no quorum');
    expect(stop?.at).toBe(minor?.at);
    expect(c.rm.copies('voip')).toEqual([0]);
    expect(c.rm.copies('db')).toEqual([0]);
    expect(c.rm.maxCopies('voip')).toBe(1);
    expect([3, 4].map((n) => c.fabric.isUp(n))).toEqual([false, false]);
  });

  it('a 2/2 partition of four: nobody has quorum, everything stops, nobody fences', () => {
    const c = corosyncCluster(4, [{ name: 'voip', preference: [0, 1, 2, 3] }], { fencing: true });
    c.sim.at(sec(10), (t) =>
      c.fabric.partition(
        [
          [0, 1],
          [2, 3],
        ],
        t,
      ),
    );
    c.sim.runUntil(sec(60));
    expect(c.cs.formations.map((f) => f.quorate)).toEqual([false, false]);
    expect(c.rm.copies('voip')).toEqual([]);
    expect(c.rm.log.filter((e) => e.kind === 'fence-request')).toEqual([]);
  });

  it('a healed partition merges after the merge timeout and regains quorum', () => {
    const c = corosyncCluster(4, [{ name: 'voip', preference: [0, 1, 2, 3] }], { fencing: false });
    c.sim.at(sec(10), (t) =>
      c.fabric.partition(
        [
          [0, 1],
          [2, 3],
        ],
        t,
      ),
    );
    c.sim.at(sec(30), (t) => c.fabric.heal(t));
    c.sim.runUntil(sec(60));
    const last = c.cs.formations.at(-1);
    expect(last).toEqual({
      at: sec(30) + mergeToMembership(c.cfg, 4, LAN),
      members: [0, 1, 2, 3],
      quorate: true,
    });
    expect(c.rm.copies('voip')).toEqual([0]);
  });

  it('a second change before the membership forms restarts the protocol', () => {
    const c = corosyncCluster(5, groups, { fencing: false });
    c.sim.at(sec(10), (t) => c.fabric.crash(4, t));
    c.sim.at(sec(12), (t) => c.fabric.crash(3, t));
    c.sim.runUntil(sec(60));
    expect(c.cs.formations).toEqual([
      { at: sec(12) + failureToMembership(c.cfg, 3, LAN), members: [0, 1, 2], quorate: true },
    ]);
  });
});
