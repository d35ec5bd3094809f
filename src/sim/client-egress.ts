import type { Micros } from './engine/units';
import { CaptureDir, type PacketCapture } from './export/capture';
import type { Host } from './host/host';
import type { DelayLink } from './net/link';
import type { DelayLinkPool } from './net/link-pool';
import type { ObserverInbox } from './net/observer-inbox';
import { DropReason, PacketKind, type Packet, type PacketLedger } from './net/packet';
import type { PingClient } from './probes/ping';
import type { TcpProbe } from './probes/tcp-probe';
import type { WebClient } from './probes/web-client';
import type { SipClients } from './telephony/sip-population';
import type { WorldWorkloads } from './workloads/in-world';

/** Where each kind of packet goes once it leaves a host's NIC, and who hears of it. */
export interface EgressRoutes {
  readonly ledger: PacketLedger;
  readonly atServer: PacketCapture | undefined;
  readonly atClient: PacketCapture | undefined;
  /** The clients' RTP receivers (told in batches: they only measure). */
  readonly rtpInbox: ObserverInbox;
  /** The downlink to each RTP receiver, by stream. */
  readonly downLinks: DelayLinkPool;
  readonly probeDown: DelayLink;
  readonly tcpDown: DelayLink;
  readonly pingDown: DelayLink;
  readonly sipDown: DelayLink;
  readonly workloads: WorldWorkloads;
  readonly web: WebClient | undefined;
  readonly tcp: TcpProbe | undefined;
  readonly ping: PingClient | undefined;
  readonly registrations: () => SipClients;
}

/**
 * The hosts' egress: a packet leaves its host's NIC at `leaves` (queued at `queued`) and travels
 * its downlink to the client that waits for it; if the host crashed before it left, it never did
 * (`Host.lostInNic`, ADR 0021).
 */
export function clientEgress(r: EgressRoutes): Host['egress'] {
  const { ledger, atServer, atClient } = r;
  // Defined once, not per packet (no closure per packet on the RTP path).
  const lostOnWay = (q: Packet, from: Host, queued: number, leaves: number): boolean => {
    if (!from.lostInNic(queued, leaves)) return false;
    ledger.drop(q, DropReason.HostCrash);
    return true;
  };
  return (p: Packet, leaves: Micros, queued: Micros, from: Host) => {
    atServer?.see(leaves, p, CaptureDir.FromServer);
    if (p.kind === PacketKind.Rtp) {
      r.rtpInbox.post(p, r.downLinks.arrival(p.flow, leaves), from, queued, leaves);
      return;
    }
    const lost = (q: Packet): boolean => lostOnWay(q, from, queued, leaves);
    if (r.workloads.egress(p, leaves, lost)) return;
    if (p.kind === PacketKind.HttpResponse) {
      r.probeDown.send(
        p,
        (q, now) => {
          if (lost(q)) return;
          ledger.deliver(q);
          r.web?.onResponse(q, now);
        },
        leaves,
      );
    } else if (p.kind === PacketKind.TcpAck) {
      r.tcpDown.send(
        p,
        (q, now) => {
          if (lost(q)) return;
          if (r.tcp) r.tcp.onAck(q, now);
          else ledger.deliver(q);
        },
        leaves,
      );
    } else if (p.kind === PacketKind.Icmp) {
      r.pingDown.send(p, (q, now) => lost(q) || r.ping?.onReply(q, now), leaves);
    } else {
      r.sipDown.send(
        p,
        (q, t) => {
          if (lost(q)) return;
          atClient?.see(t, q, CaptureDir.FromServer);
          r.registrations().onResponse(q, t);
        },
        leaves,
      );
    }
  };
}
