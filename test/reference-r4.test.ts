import { describe, expect, it } from 'vitest';
import { runToEnd } from '../src/sim/run';
import { findPreset, presetScenario } from '../src/sim/scenario/presets';
import { setPath, type Scenario } from '../src/sim/scenario/scenario';
import { validateScenario } from '../src/sim/scenario/validate';
import { REFERENCE } from './reference-data';

const R4 = REFERENCE.r4;
const run = (s: Scenario) => {
  const v = validateScenario(s);
  expect(v.issues).toEqual([]);
  const nic = runToEnd(v.scenario).summary.nic;
  if (!nic) throw new Error('no bulk traffic');
  return nic;
};
const preset = (id: string) => presetScenario(findPreset(id) ?? (undefined as never));
const vm = (n: ReturnType<typeof run>, name: string) =>
  n.vms.find((x) => x.vm === name) ?? (undefined as never);

describe('R4 — DBA-VM: the native system cannot honour SLAs', () => {
  it(`scenario 1, 1500-byte packets, no control: each VM ≈ ${R4.s1EachMbps} Mb/s (±${R4.s1ToleranceMbps})`, () => {
    const n = run(preset('r4-native-1500'));
    for (const v of n.vms)
      expect(Math.abs(v.sentMbps - R4.s1EachMbps)).toBeLessThanOrEqual(R4.s1ToleranceMbps);
  });

  const s2 = run(preset('r4-native-64'));
  it('scenario 2 (calibration point): VM1 and VM3 ≈ 50 Mb/s, VM2 ≈ 520 Mb/s, ≈ 190 kpkt/s in all, memory-bound', () => {
    expect(Math.abs(vm(s2, 'vm1').sentMbps - R4.s2SmallMbps)).toBeLessThanOrEqual(
      R4.s2ToleranceMbps,
    );
    expect(Math.abs(vm(s2, 'vm3').sentMbps - R4.s2SmallMbps)).toBeLessThanOrEqual(
      R4.s2ToleranceMbps,
    );
    expect(Math.abs(vm(s2, 'vm2').sentMbps - R4.s2BigMbps)).toBeLessThanOrEqual(R4.s2ToleranceMbps);
    expect(Math.abs(s2.totalKpps - R4.s2TotalKpps)).toBeLessThanOrEqual(R4.s2TotalToleranceKpps);
    expect(s2.totalMbps).toBeLessThan(700); // the wire (1 Gb/s) is not what limits it
    expect(s2.memoryBusyPct).toBeGreaterThan(99);
    // "CPU not saturated": the driver domain's netback cores are about half busy.
    expect(s2.dom0CpuPct).toBeGreaterThan(10);
    expect(s2.dom0CpuPct).toBeLessThan(90);
  });

  it('the CPU becomes the ceiling only when the driver domain is short of it (one core, 20 µs a packet: 50 kpkt/s)', () => {
    const starved = run(
      setPath(
        setPath(preset('r4-native-64'), 'host.dom0PacketCostUs', 20),
        'nic.driverDomainCores',
        1,
      ),
    );
    expect(starved.dom0CpuPct).toBeGreaterThan(99);
    expect(Math.abs(starved.totalKpps - 50)).toBeLessThan(0.5);
    expect(starved.memoryBusyPct).toBeLessThan(50);
  });

  it('tc in the driver domain does no better than nothing in scenario 2 (it drops after the copy)', () => {
    const tc = run(setPath(preset('r4-native-64'), 'nic.txPolicy', 'tc'));
    for (const name of ['vm1', 'vm2', 'vm3'])
      expect(Math.abs(vm(tc, name).sentMbps - vm(s2, name).sentMbps)).toBeLessThan(1);
    // Its drops come after the copy: memory and dom0 CPU are spent as without it.
    expect(tc.memoryBusyPct).toBeGreaterThan(99);
    expect(tc.dom0CpuPct).toBeCloseTo(s2.dom0CpuPct, 0);
  });

  it('with DBA-VM the SLA packet rates hold (VM1 20, VM3 60 kpkt/s) and VM2 gets more than natively', () => {
    const dba = run(preset('r4-dba'));
    expect(Math.abs(vm(dba, 'vm1').sentKpps / R4.dbaKpps.vm1 - 1)).toBeLessThanOrEqual(
      R4.dbaKppsTolerance,
    );
    expect(Math.abs(vm(dba, 'vm3').sentKpps / R4.dbaKpps.vm3 - 1)).toBeLessThanOrEqual(
      R4.dbaKppsTolerance,
    );
    expect(vm(dba, 'vm2').sentMbps).toBeGreaterThan(vm(s2, 'vm2').sentMbps + 100);
    expect(vm(dba, 'vm2').sentKpps).toBeLessThanOrEqual(60 * 1.01);
    expect(vm(dba, 'vm1').drops['netfront-limit']).toBeGreaterThan(0);
    // Dropping before the copy saves memory transactions and driver-domain CPU.
    expect(dba.memoryBusyPct).toBeLessThan(s2.memoryBusyPct - 10);
    expect(dba.dom0CpuPct).toBeLessThan(s2.dom0CpuPct);
  });
});
