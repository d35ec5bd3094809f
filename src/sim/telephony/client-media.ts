import type { Simulator } from '../engine/simulator';
import type { Micros } from '../engine/units';
import type { DelayLink } from '../net/link';
import { PacketKind, RTP_IP_BYTES, type Packet, type PacketLedger } from '../net/packet';
import { G711 } from './rtp';

/**
 * A client's RTP stream towards the media VM `vm`: one G.711 packet every ptime from `first`, over
 * its uplink to wherever the service address points (`toService`), until the run ends.
 */
export function startClientMedia(
  sim: Simulator,
  ledger: PacketLedger,
  end: Micros,
  stream: number,
  vm: number,
  up: DelayLink,
  toService: (l: DelayLink, p: Packet) => void,
  first: Micros,
): void {
  let seq = 0;
  const tick = (now: Micros) => {
    if (now >= end) return;
    toService(
      up,
      ledger.create({
        kind: PacketKind.Rtp,
        bytes: RTP_IP_BYTES,
        tcp: false,
        vm,
        client: stream,
        flow: stream,
        seq: seq++,
        sentAt: now,
      }),
    );
    sim.at((now + G711.ptime) as Micros, tick);
  };
  sim.at(first, tick);
}
