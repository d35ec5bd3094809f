import { describe, expect, it } from 'vitest';
import { runToEnd } from '../src/sim/run';
import { defaultScenario, setPath } from '../src/sim/scenario/scenario';
import { validateScenario } from '../src/sim/scenario/validate';
import {
  WORKLOAD_SLOT_COUNT,
  isWorkloadClient,
  slotOfClient,
  workloadClient,
} from '../src/sim/workloads/slots';
import { workloadFieldShown } from '../src/ui/components/workload-fields';

/** Eight workload slots, as the failures' f1 … f8: each its own remote end and its own figures. */
describe('workload slots w1 … w8', () => {
  it('every slot has its own client id, and no id outside the slots reads as one', () => {
    expect(WORKLOAD_SLOT_COUNT).toBe(8);
    const ids = Array.from({ length: WORKLOAD_SLOT_COUNT }, (_, i) => workloadClient(i + 1));
    expect(new Set(ids).size).toBe(8);
    for (const [i, id] of ids.entries()) {
      expect(isWorkloadClient(id)).toBe(true);
      expect(slotOfClient(id)).toBe(i + 1);
    }
    expect(isWorkloadClient(workloadClient(9))).toBe(false);
    expect(isWorkloadClient(workloadClient(0))).toBe(false);
  });

  it('the panel opens the eighth slot once the seventh is in use, and none past it', () => {
    let s = defaultScenario();
    for (let n = 1; n <= 7; n++) s = setPath(s, `workloads.w${n}.kind`, 'web');
    expect(workloadFieldShown(s, 'workloads.w8.kind')).toBe(true);
    expect(workloadFieldShown(s, 'workloads.w8.rate')).toBe(false);
  });

  it('eight web servers on two VMs: each slot answers its own clients at their rate', () => {
    const workloads: Record<string, unknown> = {};
    // 10 … 80 connections/s, slots alternating between vm1 and vm2.
    for (let n = 1; n <= 8; n++)
      workloads[`w${n}`] = { kind: 'web', target: n % 2 === 1 ? 1 : 2, rate: 10 * n, costUs: 100 };
    const { scenario, issues } = validateScenario({
      durationS: 6,
      telephony: { calls: 0 },
      vms: { vm2: { enabled: true, host: 1 } },
      workloads,
    });
    expect(issues).toEqual([]);
    const w = runToEnd(scenario).summary.workloads ?? [];
    expect(w.map((x) => x.slot)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(w.map((x) => x.vm)).toEqual([1, 2, 1, 2, 1, 2, 1, 2]);
    for (const x of w) {
      // Offered from the start time (1 s) to the end: 5 s at 10·slot connections/s, far under the
      // VM's CPU bound (100 µs a request); the replies of the last few hundred ms may still be
      // open (vm1's are held for Remus Net's epoch).
      const offered = 10 * x.slot * 5;
      expect(x.web?.replies).toBeGreaterThan(offered * 0.9);
      expect(x.web?.replies).toBeLessThanOrEqual(offered);
      expect(x.web?.timeouts).toBe(0);
    }
  });
});
