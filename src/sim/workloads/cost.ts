import { TCP_MSS } from '../probes/tcp-bulk';
import type { Scenario } from '../scenario/scenario';
import { activeWorkloads, type WorkloadSlot } from './slots';

/**
 * Simulated events per unit of each workload, measured with this model on the batched data path
 * (5 s runs, one workload alone on vm1, the idle run's events subtracted, standby and Remus; the
 * larger kept): a UDP datagram to the VM 8.0–8.25 (from the VM 6.0–6.25), a TCP stream segment
 * with its ACK 8.2–12.8, a web connection offered at 200/s 14.6–19.8 (an overloaded server's
 * retransmitted SYNs came to less per connection offered, 10–11.5), a transfer's segment with
 * its ACK 5.6. Under Remus a transfer is much slower (its ACKs wait for the checkpoint), so its
 * part is then an upper bound.
 */
export const WORKLOAD_EVENTS_PER = {
  udpPacket: 8.25,
  tcpSegment: 12.8,
  webConnection: 20,
  transferSegment: 5.6,
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
