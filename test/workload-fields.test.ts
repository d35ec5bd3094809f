import { describe, expect, it } from 'vitest';
import { defaultScenario, setPath } from '../src/sim/scenario/scenario';
import { workloadFieldShown } from '../src/ui/components/workload-fields';

/** The parameter panel shows a workload slot's kind, then only the fields that kind reads. */
describe('workload fields in the panel', () => {
  it('offers the first slot’s kind alone while no workload is set', () => {
    const s = defaultScenario();
    expect(workloadFieldShown(s, 'workloads.w1.kind')).toBe(true);
    expect(workloadFieldShown(s, 'workloads.w1.rate')).toBe(false);
    expect(workloadFieldShown(s, 'workloads.w2.kind')).toBe(false);
    expect(workloadFieldShown(s, 'telephony.calls')).toBe(true);
  });

  it('shows what each kind reads, and the next slot’s kind', () => {
    const udp = setPath(defaultScenario(), 'workloads.w1.kind', 'stream-udp');
    expect(workloadFieldShown(udp, 'workloads.w1.rate')).toBe(true);
    expect(workloadFieldShown(udp, 'workloads.w1.direction')).toBe(true);
    expect(workloadFieldShown(udp, 'workloads.w1.backlog')).toBe(false);
    expect(workloadFieldShown(udp, 'workloads.w1.sizeKB')).toBe(false);
    expect(workloadFieldShown(udp, 'workloads.w2.kind')).toBe(true);
    expect(workloadFieldShown(udp, 'workloads.w3.kind')).toBe(false);
    const web = setPath(udp, 'workloads.w2.kind', 'web');
    expect(workloadFieldShown(web, 'workloads.w2.backlog')).toBe(true);
    expect(workloadFieldShown(web, 'workloads.w2.timeoutS')).toBe(true);
    expect(workloadFieldShown(web, 'workloads.w2.windowKB')).toBe(false);
    const transfer = setPath(web, 'workloads.w3.kind', 'transfer');
    expect(workloadFieldShown(transfer, 'workloads.w3.sizeKB')).toBe(true);
    expect(workloadFieldShown(transfer, 'workloads.w3.wanDelayMs')).toBe(true);
    expect(workloadFieldShown(transfer, 'workloads.w3.rate')).toBe(false);
    expect(workloadFieldShown(transfer, 'workloads.w4.kind')).toBe(true);
  });
});
