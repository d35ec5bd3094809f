import { describe, expect, it } from 'vitest';
import { runToEnd } from '../src/sim/run';
import { validateScenario } from '../src/sim/scenario/validate';

/** Four busy VMs on one core; vm1 runs the probed services (as an LSVM under vSlicer). */
function busyHost(scheduler: 'credit' | 'vslicer') {
  const { scenario, issues } = validateScenario({
    durationS: 30,
    telephony: { calls: 0 },
    host: { scheduler },
    vms: {
      vm1: { burnPct: 40, lsvm: scheduler === 'vslicer', protection: 'standby' },
      vm2: { enabled: true },
      vm3: { enabled: true },
      vm4: { enabled: true },
    },
    udp: { enabled: true },
    web: { enabled: true },
    tcp: { enabled: true },
  });
  expect(issues).toEqual([]);
  return runToEnd(scenario).summary.probes;
}

describe('workload probes: UDP stream, web server, TCP over a WAN', () => {
  const credit = busyHost('credit');
  const vslicer = busyHost('vslicer');

  it('the UDP stream arrives whole at its rate; its jitter reflects CPU waits', () => {
    for (const p of [credit, vslicer]) {
      expect(p.udp?.lossPct).toBe(0);
      expect(p.udp?.mbps).toBeCloseTo(1, 1);
    }
    expect(vslicer.udp?.jitterMeanMs).toBeLessThan(credit.udp?.jitterMeanMs ?? 0);
  });

  it('web response times fall when the server VM is an LSVM', () => {
    expect(credit.web?.answered).toBeGreaterThan(500);
    expect(vslicer.web?.p95Ms).toBeLessThan((credit.web?.p95Ms ?? 0) / 2);
  });

  it('window-limited TCP: throughput = window / RTT, and CPU waits stretch the RTT', () => {
    for (const p of [credit, vslicer]) {
      const t = p.tcp;
      if (!t) throw new Error('no tcp');
      const predicted = (t.windowSegments * 1448 * 8) / (t.rttMeanMs / 1000) / 1e6;
      expect(Math.abs(t.throughputMbps / predicted - 1)).toBeLessThan(0.05);
    }
    expect(vslicer.tcp?.throughputMbps).toBeGreaterThan((credit.tcp?.throughputMbps ?? 0) * 2);
    // The RTT floor is the WAN: 2 × (20 + 0.1) ms.
    expect(vslicer.tcp?.rttMeanMs).toBeGreaterThan(40.2);
  });
});
