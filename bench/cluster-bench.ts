import { runToEnd } from '../src/sim/run';
import { validateScenario } from '../src/sim/scenario/validate';
import type { Scenario } from '../src/sim/scenario/scenario';

/**
 * Issue 8's bench figure: a 3-host, 6-VM scenario with 100 calls, a live migration and a failure,
 * 60 simulated s (target ≤ 1.5 s of wall time). R6's split deployment on three hosts: SIP under
 * Net on h1 (backup h2), the media VM on h2 with a standby copy on h3, and four CPU burners;
 * h1 crashes at 20 s and is repaired at 35 s, and the media VM live-migrates to h3 at 45 s.
 */
export const CLUSTER_BENCH_INPUT = {
  durationS: 60,
  telephony: { calls: 100, registerRate: 100 },
  hosts: { h1: { enabled: true }, h2: { enabled: true }, h3: { enabled: true } },
  vms: {
    vm1: {
      host: 1,
      sip: true,
      media: false,
      protection: 'remus',
      backupHost: 2,
      remusPolicy: 'net',
    },
    vm2: {
      enabled: true,
      host: 2,
      sip: false,
      media: true,
      // A standby copy on h3: the cluster manager's fallback, and the live migration's target.
      protection: 'standby',
      backupHost: 3,
    },
    vm3: { enabled: true, host: 3, burnPct: 20 },
    vm4: { enabled: true, host: 1, burnPct: 40 },
    vm5: { enabled: true, host: 2, burnPct: 40 },
    vm6: { enabled: true, host: 3, burnPct: 40 },
  },
  failure: { detector: 'heartbeat', keepaliveMs: 250, warnMs: 1000, deadMs: 2000 },
  failures: { f1: { kind: 'host-crash', target: 1, atS: 20, repairAtS: 35 } },
  // The media VM moves h2 → h3 by a planned live migration (pre-copy) in the middle of the calls.
  migration: { enabled: true, vm: 2, trigger: 'planned', atS: 45 },
} as const;

/** The bench scenario, refused loudly if validation would change anything in it. */
export function clusterBenchScenario(): Scenario {
  const { scenario, issues } = validateScenario(CLUSTER_BENCH_INPUT);
  if (issues.length > 0) throw new Error(`cluster bench scenario: ${JSON.stringify(issues)}`);
  return scenario;
}

/**
 * Wall time and this process's CPU time (median of `runs`, after one warm-up run) and the events
 * simulated. CPU time is what the model costs when other processes share the cores.
 */
export function clusterBench(runs: number): {
  wallMs: number;
  bestWallMs: number;
  cpuMs: number;
  events: number;
} {
  const s = clusterBenchScenario();
  runToEnd(s); // warm-up (JIT)
  const wall: number[] = [];
  const cpu: number[] = [];
  let events = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    events = runToEnd(s).summary.events;
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    wall.push(performance.now() - t0);
  }
  const median = (xs: number[]) =>
    [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  return { wallMs: median(wall), bestWallMs: Math.min(...wall), cpuMs: median(cpu), events };
}

/** The line `npm run bench` prints. */
export function clusterBenchLine(runs: number): string {
  const r = clusterBench(runs);
  return `3 hosts, 6 VMs, 100 calls, a host crash with repair and a live migration, 60 simulated s: ${(r.wallMs / 1000).toFixed(2)} s wall, ${(r.cpuMs / 1000).toFixed(2)} s CPU (median of ${runs}; best ${(r.bestWallMs / 1000).toFixed(2)} s wall), ${r.events.toLocaleString()} events, ${(r.events / (r.wallMs / 1000) / 1e6).toFixed(2)} M events/s of wall time; target ≤ 1.5 s`;
}
