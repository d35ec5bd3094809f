import { TCP_MSS } from '../probes/tcp-bulk';
import type { Scenario } from '../scenario/scenario';
import { activeWorkloads, type WorkloadSlot } from './slots';

/**
 * Simulated events per unit of each workload, measured with this model (5 s runs, one workload
 * alone on an idle vm1, the idle run's events subtracted; standby and Remus within 20 %, the
 * larger kept): a UDP datagram either way, a TCP stream segment with its ACK, a web connection
 * offered (SYN, SYN-ACK, request, response and the clients' timers; an overloaded server's
 * retransmitted SYNs came to less per connection, 16–19), a transfer's segment with its ACK.
 */
export const WORKLOAD_EVENTS_PER = {
  udpPacket: 8.3,
  tcpSegment: 13.8,
  webConnection: 25,
  transferSegment: 6.3,
};

/** Events one workload adds to a run of `durationS`. */
function eventsOf(w: WorkloadSlot, durationS: number): number {
  const span = Math.max(0, durationS - w.startS);
  const e = WORKLOAD_EVENTS_PER;
  switch (w.kind) {
    case 'stream-udp':
      return e.udpPacket * w.rate * span;
    case 'stream-tcp':
      return e.tcpSegment * w.rate * span;
    case 'web': {
      const end = w.rateEnd > 0 ? w.rateEnd : w.rate;
      return e.webConnection * ((w.rate + end) / 2) * span;
    }
    case 'transfer':
      return span > 0 ? e.transferSegment * Math.ceil((w.sizeKB * 1024) / TCP_MSS) : 0;
    default:
      return 0;
  }
}

/** Events all of the scenario's workloads add. */
export function workloadEvents(s: Scenario): number {
  return activeWorkloads(s.workloads).reduce((n, { w }) => n + eventsOf(w, s.durationS), 0);
}
