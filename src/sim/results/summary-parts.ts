import { DROP_PLACE_NAMES } from '../net/driver-domain';
import type { World } from '../world';
import { round } from './round';
import type { RunSummary } from './summary';

/** The ping probe's part of the summary (null when it did not run). */
export function pingSummary(w: World): RunSummary['ping'] {
  if (!w.ping) return null;
  const p = w.ping.stats();
  return {
    target: w.scenario.ping.target,
    sent: p.sent,
    received: p.received,
    rttMeanMs: round(p.rttMs.mean),
    rttMedianMs: round(p.rttMs.median),
    rttP95Ms: round(p.rttMs.p95),
    rttMaxMs: round(p.rttMs.max),
    rttMinMs: round(p.rttMs.min),
  };
}

export function nicSummary(w: World): RunSummary['nic'] {
  const d = w.driverDomain;
  if (!d) return null;
  const rows = d.results(w.end);
  return {
    policy: w.scenario.nic.txPolicy,
    totalKpps: round(
      rows.reduce((a, r) => a + r.sentKpps, 0),
      2,
    ),
    totalMbps: round(
      rows.reduce((a, r) => a + r.sentMbps, 0),
      2,
    ),
    memoryBusyPct: round(100 * d.memUtilisation(w.end), 2),
    dom0CpuPct: round(100 * d.cpuUtilisation(w.end), 2),
    vms: rows.map((r) => {
      const alloc = d.allocations.find((a) => a.vm === r.vm);
      const drops: Record<string, number> = {};
      r.counters.drops.forEach((c, place) => {
        if (place > 0) drops[DROP_PLACE_NAMES[place] as string] = c;
      });
      return {
        vm: `vm${r.vm}`,
        offeredMbps: round(r.offeredMbps, 2),
        sentMbps: round(r.sentMbps, 2),
        sentKpps: round(r.sentKpps, 3),
        allocMbps: alloc ? round(alloc.bps / 1e6, 2) : null,
        allocKpps: alloc ? round(alloc.pps / 1000, 3) : null,
        drops,
      };
    }),
  };
}
