import type { Scenario } from '../../sim/scenario/scenario';
import type { LossRun, ProbeLosses, ProbeService } from '../views/probe-losses';
import { SILENCE_FLOOR_US } from '../views/silences';
import type { ServiceOutages } from './outages';

/** µs between the UDP probe's datagrams: its packet rate, else its bit rate (udp-stream.ts). */
export function udpPeriodUs(s: Scenario): number {
  return s.udp.pps > 0 ? 1e6 / s.udp.pps : (s.udp.bytes * 8) / s.udp.rateMbps;
}

/**
 * Outages of a probe from its runs of lost packets. Losses at most `mergeUs` apart are one
 * outage. A periodic probe (`periodic`: the UDP probe) sends one packet a spacing, so n lost in a
 * row were sent over n spacings ending one spacing after the last loss (a packet is dropped where
 * it lands, a LAN delay after it was sent; packets queued at a paused VM are dropped together
 * later) — the same n·period the probe's own figure gives (its longest gap less one period,
 * src/sim/probes/udp-stream.ts). Otherwise (the web clients' Poisson requests) an outage lasts
 * from its first loss to one mean spacing after its last. An outage whose last loss is within
 * `mergeUs` of `nowUs` may still go on: it is open.
 */
export function outagesFromLosses(
  runs: readonly LossRun[],
  spacingUs: number,
  mergeUs: number,
  nowUs: number,
  periodic: boolean,
): ServiceOutages['outages'] {
  const out: { first: number; last: number; count: number }[] = [];
  for (const r of runs) {
    if (r.from >= nowUs) break;
    const prev = out[out.length - 1];
    if (prev && r.from - prev.last <= mergeUs) {
      prev.last = r.to;
      prev.count += r.count;
    } else out.push({ first: r.from, last: r.to, count: r.count });
  }
  return out.map((o) => {
    const to = o.last + spacingUs;
    return {
      from: periodic ? Math.min(o.first, to - o.count * spacingUs) : o.first,
      to,
      open: nowUs - o.last <= mergeUs,
    };
  });
}

/**
 * Outage rows of the UDP probe and the web server, when the scenario runs them. UDP datagrams
 * come every period, so two losses more than 1.5 periods apart had an arrival between them.
 * Web requests are Poisson arrivals (web-client.ts) at `web.rate`: a gap of ten mean spacings
 * between requests happens by chance once in e^10 ≈ 22 000 gaps, so losses closer than that (and
 * than the silence floor, 150 ms) are taken as one outage.
 */
export function probeOutages(s: Scenario, losses: ProbeLosses, nowUs: number): ServiceOutages[] {
  const rows: ServiceOutages[] = [];
  const row = (
    id: ProbeService,
    label: string,
    spacing: number,
    merge: number,
    periodic: boolean,
  ) => {
    rows.push({
      id,
      label,
      note: null,
      quiet: 'no packet lost',
      outages: outagesFromLosses(losses.runs[id], spacing, merge, nowUs, periodic),
      thresholdUs: 0,
    });
  };
  if (s.udp.enabled) {
    const period = udpPeriodUs(s);
    row('udp', 'UDP probe', period, 1.5 * period, true);
  }
  if (s.web.enabled) {
    const spacing = 1e6 / s.web.rate;
    row('web', 'Web server', spacing, Math.max(10 * spacing, SILENCE_FLOOR_US), false);
  }
  return rows;
}
