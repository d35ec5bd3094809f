import { describe, expect, it } from 'vitest';
import { clusterBenchScenario } from '../bench/cluster-bench';
import { enabledHosts } from '../src/sim/host/host-slots';
import { failuresOf, presentVms } from '../src/sim/scenario/topology';

describe('issue 8 bench scenario', () => {
  it('is what the figure names, and validates with no issue: 3 hosts, 6 VMs, 100 calls, a host crash with repair, a live migration, 60 s', () => {
    const s = clusterBenchScenario(); // throws on any validation issue
    expect(enabledHosts(s.hosts)).toEqual([1, 2, 3]);
    expect(presentVms(s).map(({ k }) => k)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(s.telephony.calls).toBe(100);
    expect(s.durationS).toBe(60);
    expect(failuresOf(s).map(({ f }) => [f.kind, f.target, f.atS, f.repairAtS])).toEqual([
      ['host-crash', 1, 20, 35],
    ]);
    expect([s.migration.enabled, s.migration.vm, s.migration.atS]).toEqual([true, 2, 45]);
  });
});
